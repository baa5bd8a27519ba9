// The current psychotropic list of an episode: starts and stops, each dated, never overwritten.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { futureDayIssues } from '../../domain/registry/future-day.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { findEpisode } from '../episodes/find-episode.js';
import { isoDate, trimmed, uuid } from '../schemas.js';

// "Not in the future" needs the episode's clinic day, so the use cases check it (futureDayIssues).
export const medicationInput = z.object({
  name: trimmed(200),
  dose: z.string().trim().max(200).optional(),
  startedOn: isoDate,
  note: z.string().trim().max(2000).optional(),
});

export const stopMedicationInput = z.object({
  stoppedOn: isoDate,
  note: z.string().trim().max(2000).optional(),
});

async function refuseFutureDay(
  db: Db,
  episode: { clinicId: string },
  orgId: string,
  field: string,
  day: string,
  now: Date,
): Promise<void> {
  const issues = futureDayIssues(field, day, now, await clinicTimeZone(db, orgId, episode.clinicId));
  if (issues.length > 0) throw AppError.validation(issues);
}

export interface MedicationView {
  id: string;
  episodeId: string;
  name: string;
  dose: string | null;
  startedOn: string;
  stoppedOn: string | null;
  changeNote: string | null;
  recordedAt: string;
  recordedBy: string;
}

const columns = [
  'id',
  'episode_id',
  'name',
  'dose',
  'started_on',
  'stopped_on',
  'change_note',
  'recorded_at',
  'recorded_by',
] as const;

function toView(row: {
  id: string;
  episode_id: string;
  name: string;
  dose: string | null;
  started_on: string;
  stopped_on: string | null;
  change_note: string | null;
  recorded_at: Date;
  recorded_by: string;
}): MedicationView {
  return {
    id: row.id,
    episodeId: row.episode_id,
    name: row.name,
    dose: row.dose,
    startedOn: row.started_on,
    stoppedOn: row.stopped_on,
    changeNote: row.change_note,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  };
}

export async function listMedications(db: Db, orgId: string, episodeId: string): Promise<MedicationView[]> {
  const rows = await db
    .selectFrom('medications')
    .select(columns)
    .where('org_id', '=', orgId)
    .where('episode_id', '=', episodeId)
    .orderBy('started_on', 'desc')
    .execute();
  return rows.map(toView);
}

export async function startMedication({
  db,
  actor,
  episodeId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
  input: z.output<typeof medicationInput>;
  now: Date;
}): Promise<MedicationView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId);
    await refuseFutureDay(trx, episode, actor.orgId, 'startedOn', input.startedOn, now);
    const row = await trx
      .insertInto('medications')
      .values({
        org_id: actor.orgId,
        episode_id: episode.id,
        patient_id: episode.patientId,
        name: input.name,
        dose: input.dose ?? null,
        started_on: input.startedOn,
        change_note: input.note ?? null,
        recorded_by: actor.userId,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'medication.create',
      entity: 'medication',
      entityId: row.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return toView(row);
  });
}

export async function stopMedication({
  db,
  actor,
  medicationId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  medicationId: string;
  input: z.output<typeof stopMedicationInput>;
  now: Date;
}): Promise<MedicationView> {
  if (!uuid.safeParse(medicationId).success) throw AppError.notFound('Medication');
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('medications')
      .select(['id', 'episode_id', 'started_on', 'stopped_on'])
      .where('org_id', '=', actor.orgId)
      .where('id', '=', medicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw AppError.notFound('Medication');
    const episode = await findEpisode(trx, actor, current.episode_id);
    if (current.stopped_on) throw AppError.conflict('stoppedOn', `already stopped on ${current.stopped_on}`);
    await refuseFutureDay(trx, episode, actor.orgId, 'stoppedOn', input.stoppedOn, now);
    if (input.stoppedOn < current.started_on) {
      throw AppError.validation([
        { field: 'stoppedOn', reason: `cannot be before the start on ${current.started_on}` },
      ]);
    }
    const row = await trx
      .updateTable('medications')
      .set({ stopped_on: input.stoppedOn, change_note: input.note ?? null })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', current.id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'medication.stop',
      entity: 'medication',
      entityId: row.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return toView(row);
  });
}
