// Logs care-manager work on an episode: validated, counted (or not) toward the program, exactly once per key.
import { createHash } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { countsTowardProgram } from '../../domain/billing/counting.js';
import { monthOf, dayOf } from '../../domain/calendar/index.js';
import { packWarnings, type RulePackWarning } from '../../domain/billing/pack-selection.js';
import type { Program } from '../../domain/billing/vocabulary.js';
import {
  OUTREACH_ACTIVITY,
  contactStaffRole,
  loggedContactIssues,
  reachedIssues,
} from '../../domain/registry/contact-rules.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { auditRow, recordAudit } from '../audit/audit-event.js';
import { lockedMonth } from '../billing/billing-month.js';
import { packForPatient } from '../billing/rule-packs.js';
import type { EpisodeView } from '../episodes/episode-view.js';
import { contactColumns, toContactView, type ContactInput, type ContactView } from './contact-input.js';
import { loadContactContext, type ContactContext } from './contact-context.js';
import { addToExisting, addToRollups, rollupRow, type MinuteDelta } from './minute-rollups.js';

export interface LoggedContact {
  contact: ContactView;
  /** True when this Idempotency-Key was seen before and the original contact is returned. */
  replayed: boolean;
  /** Set when the contact's year has no rule pack and whether it counts was judged under another year's. */
  warnings: RulePackWarning[];
}

/** The pack that judges a contact: its payer's for the year of its clinic month. */
const packForContact = (ctx: ContactContext, occurredAt: Date) =>
  packForPatient(ctx.packs, ctx.payer, Number(monthOf(occurredAt, ctx.timeZone).slice(0, 4)));

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
        // Only a marked contact changes the hash, so keys stored before the field existed still replay.
        ...(input.duringInpatientStay ? ['inpatient'] : []),
        input.note ?? null,
        input.reached ?? null,
      ]),
    )
    .digest('hex');

/** The contact first recorded under this key, audited: a replay discloses the contact and its note again. */
async function replay(
  db: Db,
  actor: Actor,
  key: string,
  hash: string,
): Promise<Omit<LoggedContact, 'warnings'> | undefined> {
  const row = await db
    .selectFrom('contacts')
    .select([...contactColumns, 'request_hash', 'patient_id', 'clinic_id'])
    .where('org_id', '=', actor.orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) throw reusedKey();
  await recordAudit(db, actor, {
    action: 'contact.replay',
    entity: 'contact',
    entityId: row.id,
    patientId: row.patient_id,
    clinicId: row.clinic_id,
  });
  return { contact: toContactView(row), replayed: true };
}

const reusedKey = () =>
  AppError.conflict('Idempotency-Key', 'this key was already used for a different contact');

interface PreparedContact {
  row: Insertable<Database['contacts']>;
  delta: MinuteDelta;
}

/**
 * Checks a contact against its context and builds its row and rollup delta, or throws the 4xx that
 * names the field and the rule. Shared by logging, corrections and case reviews.
 */
function prepareContactEntry(
  ctx: ContactContext,
  actor: Actor,
  input: ContactInput,
  extra: { idempotencyKey?: string; requestHash?: string; amendsContactId?: string; now: Date },
): PreparedContact {
  const { episode, staff, timeZone } = ctx;
  if (!staff)
    throw AppError.validation([
      { field: 'staffId', reason: 'no active staff member with this id in this clinic' },
    ]);
  if (input.staffRole && !staff.roles.includes(input.staffRole)) {
    throw AppError.validation([
      { field: 'staffRole', reason: `this staff member is not a ${input.staffRole}` },
    ]);
  }
  const staffRole = contactStaffRole(staff.roles, input.staffRole);
  const reachedProblems = reachedIssues(input);
  if (reachedProblems.length > 0) throw AppError.validation(reachedProblems);
  const program = episode.program as Program;
  const { now } = extra;
  const month = monthOf(input.occurredAt, timeZone);
  // A contact in the future is refused by the contact rules; until then the current year's pack judges it.
  const judgedMonth = input.occurredAt > now ? monthOf(now, timeZone) : month;
  const { pack } = packForPatient(ctx.packs, ctx.payer, Number(judgedMonth.slice(0, 4)));
  const issues = loggedContactIssues(
    {
      occurredAt: input.occurredAt,
      minutes: input.minutes,
      staffRole,
      dischargedAt: episode.dischargedAt ? new Date(episode.dischargedAt) : null,
    },
    {
      now,
      timeZone,
      referredAt: dayOf(new Date(episode.referredAt), timeZone),
      program,
      pack,
    },
  );
  if (issues.length > 0) {
    throw new AppError('RULE_VIOLATION', issues[0]!.reason, issues);
  }
  if (ctx.lockedMonths.includes(month)) throw lockedMonth(month);
  const count = countsTowardProgram(
    {
      staffRole,
      activity: input.activity,
      billedSeparately: input.billedSeparately,
      program,
      duringInpatientStay: input.duringInpatientStay,
    },
    pack,
  );
  return {
    row: {
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
      reached: input.activity === OUTREACH_ACTIVITY ? (input.reached ?? false) : null,
      billed_separately: input.billedSeparately,
      during_inpatient_stay: input.duringInpatientStay,
      counts_toward_program: count.counts,
      count_reason: count.reason,
      note: input.note ?? null,
      idempotency_key: extra.idempotencyKey ?? null,
      request_hash: extra.requestHash ?? null,
      created_by: actor.userId,
    },
    delta: {
      orgId: actor.orgId,
      episodeId: episode.id,
      month,
      staffRole,
      credential: staff.credential,
      minutes: input.minutes,
      counted: count.counts,
    },
  };
}

/**
 * Validates and inserts one contact entry with its rollup, inside the caller's transaction (no audit):
 * corrections re-enter the corrected contact this way, and case reviews log the consultant's minutes.
 */
export async function insertContactEntry(
  db: Db,
  actor: Actor,
  episode: Pick<EpisodeView, 'id'>,
  input: ContactInput,
  extra: { amendsContactId?: string; now: Date },
) {
  const ctx = await loadContactContext(db, actor, { episodeId: episode.id, staffId: input.staffId });
  const { row, delta } = prepareContactEntry(ctx, actor, input, extra);
  const inserted = await db
    .insertInto('contacts')
    .values(row)
    .returning(contactColumns)
    .executeTakeFirstOrThrow();
  await addToRollups(db, [delta]);
  return inserted;
}

/**
 * Logs one contact. The context is read in one statement and the contact, its rollup and its audit row
 * are written in another (one statement is one transaction): two round trips for the busiest write.
 */
export async function logContact({
  db,
  actor,
  episodeId,
  input,
  idempotencyKey,
  now,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
  input: ContactInput;
  idempotencyKey?: string | undefined;
  /** The caller's clock: no contact is in the future, and this year's pack judges one until then. */
  now: Date;
}): Promise<LoggedContact> {
  if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
    throw AppError.validation([{ field: 'Idempotency-Key', reason: 'must be 1 to 200 characters' }]);
  }
  const hash = requestHash(episodeId, input);
  const ctx = await loadContactContext(db, actor, { episodeId, staffId: input.staffId, idempotencyKey });
  const warnings = packWarnings([packForContact(ctx, input.occurredAt).warning]);
  if (ctx.earlier) {
    if (ctx.earlier.requestHash !== hash) throw reusedKey();
    const earlier = await replay(db, actor, idempotencyKey!, hash);
    if (earlier) return { ...earlier, warnings };
  }
  const { row, delta } = prepareContactEntry(ctx, actor, input, {
    ...(idempotencyKey ? { idempotencyKey, requestHash: hash } : {}),
    now,
  });
  const audit = auditRow(actor, {
    action: 'contact.create',
    entity: 'contact',
    patientId: ctx.episode.patientId,
    clinicId: ctx.episode.clinicId,
  });
  const rollup = rollupRow(delta);
  const written = await db
    .with('k', (q) =>
      q
        .insertInto('contacts')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['org_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
        )
        .returning(contactColumns),
    )
    .with('r', (q) =>
      q
        .insertInto('episode_month_minutes')
        .columns([
          'org_id',
          'episode_id',
          'month',
          'staff_role',
          'credential',
          'counted_minutes',
          'logged_minutes',
        ])
        .expression((eb) =>
          eb
            .selectFrom('k')
            .select([
              sql<string>`${rollup.org_id}::uuid`.as('org_id'),
              'k.episode_id',
              sql<string>`${rollup.month}::text`.as('month'),
              sql<string>`${rollup.staff_role}::text`.as('staff_role'),
              sql<string>`${rollup.credential}::text`.as('credential'),
              sql<number>`${rollup.counted_minutes}::int`.as('counted_minutes'),
              sql<number>`${rollup.logged_minutes}::int`.as('logged_minutes'),
            ]),
        )
        .onConflict(addToExisting),
    )
    .with('a', (q) =>
      q
        .insertInto('audit_events')
        .columns([
          'org_id',
          'actor_id',
          'action',
          'entity',
          'entity_id',
          'patient_id',
          'clinic_id',
          'request_id',
          'client_request_id',
          'details',
        ])
        .expression((eb) =>
          eb
            .selectFrom('k')
            .select([
              sql<string>`${audit.org_id}::uuid`.as('org_id'),
              sql<string>`${audit.actor_id}::uuid`.as('actor_id'),
              sql<string>`${audit.action}::text`.as('action'),
              sql<string>`${audit.entity}::text`.as('entity'),
              'k.id as entity_id',
              sql<string>`${audit.patient_id}::uuid`.as('patient_id'),
              sql<string>`${audit.clinic_id}::uuid`.as('clinic_id'),
              sql<string>`${audit.request_id}::text`.as('request_id'),
              sql<string>`${audit.client_request_id}::text`.as('client_request_id'),
              sql<string>`${audit.details}::jsonb`.as('details'),
            ]),
        ),
    )
    .selectFrom('k')
    .selectAll()
    .executeTakeFirst();
  if (written) return { contact: toContactView(written), replayed: false, warnings };
  // A concurrent request with the same key committed first: answer with its contact.
  const earlier = idempotencyKey ? await replay(db, actor, idempotencyKey, hash) : undefined;
  if (earlier) return { ...earlier, warnings };
  throw new AppError('CONFLICT', 'The contact could not be recorded; retry.');
}
