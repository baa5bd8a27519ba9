// Logs care-manager work on an episode: validated, counted (or not) toward the program, exactly once per key.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import { countsTowardProgram } from '../../domain/billing/counting.js';
import { monthOf } from '../../domain/billing/months.js';
import { checkContact } from '../../domain/registry/contact-rules.js';
import { toLocalDay } from '../../domain/registry/local-day.js';
import type { StaffRole } from '../../domain/registry/roles.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { assertMonthWritable } from '../billing/billing-month.js';
import { packForPatient, packsFor } from '../billing/rule-packs.js';
import { clinicTimeZone, findEpisode } from '../episodes/find-episode.js';
import type { EpisodeView } from '../episodes/episode-input.js';
import { findClinicStaff } from '../staff.js';
import { contactColumns, toContactView, type ContactInput, type ContactView } from './contact-input.js';
import { addToRollups } from './minute-rollups.js';

/** When a staff member holds several roles, their minutes are logged under the BH role first. */
const ROLE_PREFERENCE: StaffRole[] = ['care_manager', 'psychiatric_consultant', 'pcp'];

export interface LoggedContact {
  contact: ContactView;
  /** True when this Idempotency-Key was seen before and the original contact is returned. */
  replayed: boolean;
}

const requestHash = (episodeId: string, input: ContactInput) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        episodeId,
        input.occurredAt.toISOString(),
        input.minutes,
        input.staffId,
        input.activity,
        input.modality,
        input.billedSeparately,
        input.staffRole ?? null,
        input.note ?? null,
      ]),
    )
    .digest('hex');

async function replay(db: Db, actor: Actor, key: string, hash: string): Promise<LoggedContact | undefined> {
  const row = await db
    .selectFrom('contacts')
    .select([...contactColumns, 'request_hash'])
    .where('org_id', '=', actor.orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) {
    throw AppError.conflict('Idempotency-Key', 'this key was already used for a different contact');
  }
  return { contact: toContactView(row), replayed: true };
}

/**
 * Validates and inserts one contact entry (no transaction, no audit): shared by logging and by
 * corrections, which re-enter the corrected contact.
 */
export async function insertContactEntry(
  db: Db,
  actor: Actor,
  episode: EpisodeView,
  input: ContactInput,
  extra: { idempotencyKey?: string; requestHash?: string; amendsContactId?: string } = {},
) {
  const timeZone = await clinicTimeZone(db, actor.orgId, episode.clinicId);
  const staff = await findClinicStaff(db, actor.orgId, episode.clinicId, input.staffId);
  if (!staff)
    throw AppError.validation([
      { field: 'staffId', reason: 'no active staff member with this id in this clinic' },
    ]);
  if (input.staffRole && !staff.roles.includes(input.staffRole)) {
    throw AppError.validation([
      { field: 'staffRole', reason: `this staff member is not a ${input.staffRole}` },
    ]);
  }
  const staffRole =
    input.staffRole ?? ROLE_PREFERENCE.find((r) => staff.roles.includes(r)) ?? staff.roles[0]!;
  const issues = checkContact(
    {
      occurredAt: input.occurredAt.toISOString(),
      minutes: input.minutes,
      staffRoles: [staffRole],
      // The consultant's time is consultation, not care-manager time (docs/domain/billing.md §1).
      careManagerTime: staffRole !== 'psychiatric_consultant',
      consentDate: null,
    },
    { now: new Date(), timeZone, referredAt: toLocalDay(new Date(episode.referredAt), timeZone) },
  );
  if (episode.dischargedAt && input.occurredAt > new Date(episode.dischargedAt)) {
    issues.push({ field: 'occurredAt', reason: 'the episode was discharged before this contact' });
  }
  if (issues.length > 0) {
    throw new AppError(
      'RULE_VIOLATION',
      issues[0]!.reason,
      issues.map((i) => ({ field: i.field === 'careManagerTime' ? 'staffId' : i.field, reason: i.reason })),
    );
  }
  await assertMonthWritable(db, actor.orgId, episode.clinicId, input.occurredAt);
  const patient = await db
    .selectFrom('patients')
    .select('payer')
    .where('org_id', '=', actor.orgId)
    .where('id', '=', episode.patientId)
    .executeTakeFirstOrThrow();
  const year = Number(monthOf(input.occurredAt, timeZone).slice(0, 4));
  const { pack } = packForPatient(await packsFor(db, actor.orgId), patient.payer, year);
  const count = countsTowardProgram(
    {
      staffRole,
      activity: input.activity,
      billedSeparately: input.billedSeparately,
      program: episode.program as 'cocm' | 'general_bhi',
    },
    pack,
  );
  const row = await db
    .insertInto('contacts')
    .values({
      org_id: actor.orgId,
      episode_id: episode.id,
      clinic_id: episode.clinicId,
      patient_id: episode.patientId,
      amends_contact_id: extra.amendsContactId ?? null,
      occurred_at: input.occurredAt,
      minutes: input.minutes,
      staff_id: staff.id,
      staff_role: staffRole,
      activity: input.activity,
      modality: input.modality,
      billed_separately: input.billedSeparately,
      counts_toward_program: count.counts,
      count_reason: count.reason,
      note: input.note ?? null,
      idempotency_key: extra.idempotencyKey ?? null,
      request_hash: extra.requestHash ?? null,
      created_by: actor.userId,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning(contactColumns)
    .executeTakeFirst();
  if (row) {
    await addToRollups(db, [
      {
        orgId: actor.orgId,
        episodeId: episode.id,
        month: monthOf(input.occurredAt, timeZone),
        staffRole,
        credential: staff.credential,
        minutes: input.minutes,
        counted: count.counts,
      },
    ]);
  }
  return row;
}

export async function logContact({
  db,
  actor,
  episodeId,
  input,
  idempotencyKey,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
  input: ContactInput;
  idempotencyKey?: string | undefined;
}): Promise<LoggedContact> {
  if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
    throw AppError.validation([{ field: 'Idempotency-Key', reason: 'must be 1 to 200 characters' }]);
  }
  const hash = requestHash(episodeId, input);
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId);
    if (idempotencyKey) {
      const earlier = await replay(trx, actor, idempotencyKey, hash);
      if (earlier) return earlier;
    }
    const row = await insertContactEntry(trx, actor, episode, input, {
      ...(idempotencyKey ? { idempotencyKey, requestHash: hash } : {}),
    });
    if (!row) {
      // A concurrent request with the same key committed first: answer with its contact.
      const earlier = await replay(trx, actor, idempotencyKey!, hash);
      if (earlier) return earlier;
      throw new AppError('CONFLICT', 'The contact could not be recorded; retry.');
    }
    await recordAudit(trx, actor, {
      action: 'contact.create',
      entity: 'contact',
      entityId: row.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return { contact: toContactView(row), replayed: false };
  });
}
