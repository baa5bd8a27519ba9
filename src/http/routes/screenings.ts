// Screenings and the triage they produce: the worklist and each clinic's rule set.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Role } from '../../services/actor.js';
import { auditQuery, listAuditEvents } from '../../services/audit/list-audit.js';
import { listScreenings } from '../../services/screenings/list-screenings.js';
import { recordScreening, screeningInput } from '../../services/screenings/record-screening.js';
import { getClinicRules, updateClinicRules } from '../../services/triage/clinic-rules.js';
import {
  completeItemInput,
  completeWorklistItem,
  listWorklist,
  worklistQuery,
} from '../../services/triage/worklist.js';
import { uuid } from '../../services/schemas.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from './patients.js';

/** Clinical staff who give, read and act on screenings. */
const CLINICAL: Role[] = ['pcp', 'care_manager', 'psychiatric_consultant', 'medical_assistant'];

const triageView = z.object({
  disposition: z.string(),
  reasons: z.array(z.string()),
  rulesFired: z.array(z.string()),
  dueBy: z.string().nullable(),
  itemId: z.string().nullable(),
});

export function screeningRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'post',
      path: '/patients/{id}/screenings',
      roles: CLINICAL,
      summary: 'Record a screening; returns its score and triage disposition',
      tags: ['screenings'],
      params: idParam,
      body: screeningInput,
      status: 201,
      response: z.object({
        id: z.string(),
        instrument: z.string(),
        total: z.number().nullable(),
        severity: z.string().nullable(),
        positive: z.boolean(),
        flags: z.array(z.string()),
        reasons: z.array(z.string()),
        triage: triageView,
      }),
    },
    ({ deps, actor, params, body }) =>
      recordScreening({ db: deps.db, actor, patientId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients/{id}/screenings',
      roles: CLINICAL,
      summary: 'A patient’s screenings, newest first',
      tags: ['screenings'],
      params: idParam,
    },
    ({ deps, actor, params }) => listScreenings({ db: deps.db, actor, patientId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/worklist',
      roles: CLINICAL,
      summary: 'Open triage items of a clinic, oldest due first',
      tags: ['triage'],
      query: worklistQuery,
    },
    ({ deps, actor, query }) => listWorklist({ db: deps.db, actor, query }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/worklist/{id}/done',
      roles: CLINICAL,
      summary: 'Mark a triage item done',
      tags: ['triage'],
      params: idParam,
      body: completeItemInput,
    },
    ({ deps, actor, params, body }) =>
      completeWorklistItem({ db: deps.db, actor, itemId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/clinics/{id}/triage-rules',
      roles: ['admin', ...CLINICAL],
      summary: 'The clinic’s screening and triage rule set',
      tags: ['triage'],
      params: z.object({ id: uuid }),
    },
    ({ deps, actor, params }) => getClinicRules({ db: deps.db, actor, clinicId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'put',
      path: '/clinics/{id}/triage-rules',
      roles: ['admin'],
      summary: 'Replace the clinic’s rule set (send the version you edited)',
      tags: ['triage'],
      params: z.object({ id: uuid }),
      body: z.object({ version: z.number().int().min(0), rules: z.unknown() }),
    },
    ({ deps, actor, params, body }) =>
      updateClinicRules({ db: deps.db, actor, clinicId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/audit',
      roles: ['admin'],
      summary: 'Audit events, newest first',
      tags: ['audit'],
      query: auditQuery,
    },
    ({ deps, actor, query }) => listAuditEvents({ db: deps.db, actor, query }),
  );
  return router;
}
