// Imported contacts, checked row by row with the API's schema and the registry's contact rules, using
// lookups made once per import (staff, packs) or once per batch (episodes, locked months).
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { monthsIn, type ClinicMonth } from '../../domain/calendar/index.js';
import { countsTowardProgram, type CountDecision } from '../../domain/billing/counting.js';
import { RulePackNotFoundError } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import { contactStaffRole, loggedContactIssues } from '../../domain/registry/contact-rules.js';
import type { StaffRole } from '../../domain/registry/roles.js';
import { zodIssues, type Issue } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { lockedMonth } from '../billing/billing-month.js';
import { packForPatient, packsFor } from '../billing/rule-packs.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { contactInput } from '../contacts/contact-input.js';
import { addToRollups, type MinuteDelta } from '../contacts/minute-rollups.js';
import { uuid } from '../schemas.js';
import type { NewRow } from './batch-transaction.js';
import { loadClinicStaff, NO_SUCH_STAFF, type ClinicStaffMember } from './clinic-staff.js';
import { csvValue } from './record-source.js';
import { letIoRun, type BulkKind } from './run-import.js';
import { timeOrderedId } from './time-ordered-id.js';

const episodeIdField = z.object({ episodeId: uuid });

/** CSV header: episodeId,occurredAt,minutes,staffId,activity,modality,billedSeparately,staffRole,note */
export function contactFromCsv(record: Record<string, unknown>): Record<string, unknown> {
  return {
    episodeId: csvValue.optional(record.episodeId),
    occurredAt: csvValue.optional(record.occurredAt),
    minutes: csvValue.number(record.minutes),
    staffId: csvValue.optional(record.staffId),
    activity: csvValue.optional(record.activity),
    modality: csvValue.optional(record.modality),
    billedSeparately: csvValue.boolean(record.billedSeparately),
    staffRole: csvValue.optional(record.staffRole),
    note: csvValue.optional(record.note),
  };
}

interface ImportEpisode {
  id: string;
  patient_id: string;
  program: 'cocm' | 'general_bhi';
  referred_day: string;
  discharged_at: Date | null;
  payer: string | null;
}

export interface ValidContact {
  row: NewRow<'contacts'>;
  delta: MinuteDelta;
}

interface ContactContext {
  actor: Actor;
  clinicId: string;
  timeZone: string;
  monthOf: (instant: Date) => ClinicMonth;
  staff: Map<string, ClinicStaffMember>;
  packs: readonly RulePack[];
  packByYear: Map<string, RulePack>;
  counting: Map<string, CountDecision>;
}

async function episodesOf(db: Db, c: ContactContext, ids: string[]): Promise<Map<string, ImportEpisode>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('episodes as e')
    .innerJoin('patients as p', (j) =>
      j.onRef('p.org_id', '=', 'e.org_id').onRef('p.id', '=', 'e.patient_id'),
    )
    .select([
      'e.id',
      'e.patient_id',
      'e.program',
      'e.discharged_at',
      'p.payer',
      sql<string>`to_char(e.referred_at at time zone ${c.timeZone}, 'YYYY-MM-DD')`.as('referred_day'),
    ])
    .where('e.org_id', '=', c.actor.orgId)
    .where('e.clinic_id', '=', c.clinicId)
    .where('e.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function lockedMonths(db: Db, c: ContactContext): Promise<Set<string>> {
  const rows = await db
    .selectFrom('billing_months')
    .select('month')
    .where('org_id', '=', c.actor.orgId)
    .where('clinic_id', '=', c.clinicId)
    .where('status', '=', 'locked')
    .execute();
  return new Set(rows.map((r) => r.month));
}

/** The pack of a payer and year, memoized: selecting it per row would repeat the same search. */
function packOf(c: ContactContext, payer: string | null, year: number): RulePack {
  const key = `${payer}|${year}`;
  let pack = c.packByYear.get(key);
  if (!pack) {
    pack = packForPatient(c.packs, payer, year).pack;
    c.packByYear.set(key, pack);
  }
  return pack;
}

/** Whether the minutes count, as logging one contact decides it (memoized: few distinct inputs). */
function countOf(
  c: ContactContext,
  e: ImportEpisode,
  pack: RulePack,
  role: StaffRole,
  activity: string,
  billed: boolean,
  inpatient: boolean,
) {
  const key = `${pack.id}|${e.program}|${role}|${activity}|${billed}|${inpatient}`;
  let decision = c.counting.get(key);
  if (!decision) {
    decision = countsTowardProgram(
      {
        staffRole: role,
        activity: activity as never,
        billedSeparately: billed,
        program: e.program,
        duringInpatientStay: inpatient,
      },
      pack,
    );
    c.counting.set(key, decision);
  }
  return decision;
}

function checkRow(
  c: ContactContext,
  record: Record<string, unknown>,
  episodes: Map<string, ImportEpisode>,
  locked: Set<string>,
  now: Date,
): Issue[] | ValidContact {
  const id = episodeIdField.safeParse(record);
  const parsed = contactInput.safeParse(record);
  const issues = [
    ...(id.success ? [] : zodIssues(id.error)),
    ...(parsed.success ? [] : zodIssues(parsed.error)),
  ];
  if (!id.success || !parsed.success) return issues;
  const input = parsed.data;
  const episode = episodes.get(id.data.episodeId);
  if (!episode) return [{ field: 'episodeId', reason: 'no episode with this id in this clinic' }];
  const staff = c.staff.get(input.staffId);
  if (!staff) return [{ field: 'staffId', reason: NO_SUCH_STAFF }];
  if (input.staffRole && !staff.roles.includes(input.staffRole)) {
    return [{ field: 'staffRole', reason: `this staff member is not a ${input.staffRole}` }];
  }
  const staffRole = contactStaffRole(staff.roles, input.staffRole);
  const month = c.monthOf(input.occurredAt);
  let pack: RulePack;
  try {
    // A contact in the future is refused by the contact rules; until then the current year's pack judges it.
    const judgedMonth = input.occurredAt > now ? c.monthOf(now) : month;
    pack = packOf(c, episode.payer, Number(judgedMonth.slice(0, 4)));
  } catch (error) {
    if (error instanceof RulePackNotFoundError) return [{ field: 'occurredAt', reason: error.message }];
    throw error;
  }
  const ruleIssues = loggedContactIssues(
    {
      occurredAt: input.occurredAt,
      minutes: input.minutes,
      staffRole,
      dischargedAt: episode.discharged_at,
    },
    { now, timeZone: c.timeZone, referredAt: episode.referred_day, program: episode.program, pack },
  );
  if (ruleIssues.length > 0) return ruleIssues;
  if (locked.has(month)) return lockedMonth(month).issues;
  const count = countOf(
    c,
    episode,
    pack,
    staffRole,
    input.activity,
    input.billedSeparately,
    input.duringInpatientStay,
  );
  return {
    row: {
      org_id: c.actor.orgId,
      episode_id: episode.id,
      clinic_id: c.clinicId,
      patient_id: episode.patient_id,
      occurred_at: input.occurredAt,
      minutes: input.minutes,
      staff_id: input.staffId,
      staff_role: staffRole,
      activity: input.activity,
      modality: input.modality,
      billed_separately: input.billedSeparately,
      during_inpatient_stay: input.duringInpatientStay,
      counts_toward_program: count.counts,
      count_reason: count.reason,
      note: input.note ?? null,
      created_by: c.actor.userId,
    },
    delta: {
      orgId: c.actor.orgId,
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
 * Rows by episode and time, then time-ordered ids: consecutive rows then touch the same index pages and
 * the same episode for their foreign-key checks, which roughly halves the COPY on a large table.
 */
function inIndexOrder(valid: ValidContact[]): ValidContact[] {
  valid.sort(
    (a, b) =>
      compare(a.row.episode_id, b.row.episode_id) ||
      (a.row.occurred_at as Date).getTime() - (b.row.occurred_at as Date).getTime(),
  );
  for (const v of valid) v.row.id = timeOrderedId();
  return valid;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rollup keys in one order, so two imports touching the same episodes cannot deadlock. */
function sortedDeltas(valid: readonly ValidContact[]): MinuteDelta[] {
  const key = (d: MinuteDelta) => `${d.episodeId}|${d.month}|${d.staffRole}|${d.credential ?? ''}`;
  return valid.map((v) => v.delta).sort((a, b) => compare(key(a), key(b)));
}

export async function contactKind(
  db: Db,
  actor: Actor,
  clinicId: string,
  options: { csv: boolean; now: Date },
): Promise<BulkKind<ValidContact>> {
  const timeZone = await clinicTimeZone(db, actor.orgId, clinicId);
  const c: ContactContext = {
    actor,
    clinicId,
    timeZone,
    monthOf: monthsIn(timeZone),
    staff: await loadClinicStaff(db, actor.orgId, clinicId),
    packs: await packsFor(db, actor.orgId),
    packByYear: new Map(),
    counting: new Map(),
  };
  return {
    async check(records, reject) {
      const readable = options.csv
        ? records.map((r) => ({ line: r.line, record: contactFromCsv(r.record) }))
        : records;
      const ids = [
        ...new Set(
          readable.map((r) => r.record.episodeId).filter((v): v is string => uuid.safeParse(v).success),
        ),
      ];
      const [episodes, locked] = await Promise.all([episodesOf(db, c, ids), lockedMonths(db, c)]);
      const valid: ValidContact[] = [];
      for (const [i, { line, record }] of readable.entries()) {
        if (i % 250 === 249) await letIoRun();
        const result = checkRow(c, record, episodes, locked, options.now);
        if (Array.isArray(result)) reject({ line, issues: result });
        else valid.push(result);
      }
      return inIndexOrder(valid);
    },
    async write(tx, valid, lines) {
      await tx.insert(
        'contacts',
        valid.map((v) => v.row),
      );
      const deltas = sortedDeltas(valid);
      // addToRollups sends one row per key in one statement; stay well under the bind-parameter limit.
      for (let start = 0; start < deltas.length; start += 5000) {
        await addToRollups(tx.db, deltas.slice(start, start + 5000));
      }
      await recordAudit(tx.db, actor, {
        action: 'contact.import',
        entity: 'contact',
        clinicId,
        details: {
          count: valid.length,
          batch: lines.batch,
          firstLine: lines.firstLine,
          lastLine: lines.lastLine,
        },
      });
    },
  };
}
