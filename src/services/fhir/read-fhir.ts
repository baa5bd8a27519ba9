// FHIR R4 reads for integrators: a patient, and their screenings as Observations; audited like the API.
import { z } from 'zod';
import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import type { Db } from '../../db/connection.js';
import type { InstrumentCode } from '../../domain/instruments/index.js';
import { fhirPatient, screeningObservations, searchBundle } from '../../fhir/observations.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient, getPatient } from '../patients/read-patients.js';

export const observationSearch = z.object({
  patient: z.string().min(1, 'is required: Observation?patient={id}'),
});

export async function readFhirPatient(args: { db: Db; actor: Actor; patientId: string }): Promise<Patient> {
  return fhirPatient(await getPatient(args));
}

export async function searchObservations({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof observationSearch>;
}): Promise<Bundle<Observation>> {
  const patientId = query.patient.replace(/^Patient\//, '');
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId, 'patient');
    const rows = await trx
      .selectFrom('screenings')
      .select(['id', 'instrument', 'answers', 'total', 'severity', 'administered_at'])
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .orderBy('administered_at')
      .execute();
    await recordAudit(trx, actor, {
      action: 'screening.list',
      entity: 'screening',
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { count: rows.length },
    });
    return searchBundle(
      rows.flatMap((r) =>
        screeningObservations({
          id: r.id,
          patientId: patient.id,
          instrument: r.instrument as InstrumentCode,
          answers: r.answers,
          total: r.total,
          severity: r.severity,
          administeredAt: r.administered_at,
        }),
      ),
    );
  });
}
