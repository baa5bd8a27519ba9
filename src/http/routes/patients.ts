// Patients: register, search, read and change the address, within the caller's clinics.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ROLES, type Role } from '../../services/actor.js';
import { createPatient } from '../../services/patients/create-patient.js';
import { patientInput } from '../../services/patients/patient-input.js';
import { duplicatesQuery, findPossibleDuplicates } from '../../services/patients/find-duplicates.js';
import { addressViewSchema } from '../../services/postal-address.js';
import { updatePatient, updatePatientInput } from '../../services/patients/update-patient.js';
import { getPatient, listPatients, listPatientsQuery } from '../../services/patients/read-patients.js';
import type { AppEnv } from '../env.js';
import { idParam } from '../params.js';
import { defineRoute } from '../route.js';

/** Everyone who works with patients; billing needs demographics for claims. */
export const PATIENT_READERS: readonly Role[] = ROLES;
const PATIENT_WRITERS: Role[] = ['admin', 'pcp', 'care_manager', 'medical_assistant', 'front_desk'];

const patientView = z.object({
  id: z.string(),
  clinicId: z.string(),
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  pcpId: z.string().nullable(),
  coverage: z.object({ payer: z.string(), memberId: z.string().nullable() }).nullable(),
  address: addressViewSchema,
});

export function patientRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'post',
      path: '/patients',
      roles: PATIENT_WRITERS,
      summary: 'Register a patient',
      tags: ['patients'],
      body: patientInput,
      status: 201,
      response: patientView,
    },
    ({ deps, actor, now, body }) => createPatient({ db: deps.db, actor, now, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients',
      roles: PATIENT_READERS,
      summary:
        'Search patients: name words in any order (a comma is fine), parts of words, MRN, birth date (YYYY-MM-DD or MM/DD/YYYY); accents and case ignored',
      tags: ['patients'],
      query: listPatientsQuery,
      response: z.object({ patients: z.array(patientView) }),
    },
    ({ deps, actor, query }) => listPatients({ db: deps.db, actor, query }),
  );
  // Before /patients/{id}, which would otherwise take "duplicates" for an id.
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients/duplicates',
      roles: PATIENT_WRITERS,
      summary: 'Patients of the clinic with this birth date and a similar name, to check before registering',
      tags: ['patients'],
      query: duplicatesQuery,
      response: z.object({ candidates: z.array(patientView) }),
    },
    ({ deps, actor, query }) => findPossibleDuplicates({ db: deps.db, actor, query }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients/{id}',
      roles: PATIENT_READERS,
      summary: 'One patient',
      tags: ['patients'],
      params: idParam,
      response: patientView,
    },
    ({ deps, actor, params }) => getPatient({ db: deps.db, actor, patientId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'patch',
      path: '/patients/{id}',
      roles: PATIENT_WRITERS,
      summary: 'Change a patient’s home address (null clears it)',
      tags: ['patients'],
      params: idParam,
      body: updatePatientInput,
      response: patientView,
    },
    ({ deps, actor, params, body }) =>
      updatePatient({ db: deps.db, actor, patientId: params.id, input: body }),
  );
  return router;
}
