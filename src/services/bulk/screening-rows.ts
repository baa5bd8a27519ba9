// Imported screenings, checked with the API's schema, scored and (when recent) triaged under the
// clinic's rules, as recording one screening does.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { scoreScreening, type ScreeningScore, type Sex } from '../../domain/instruments/index.js';
import { triage } from '../../domain/triage.js';
import { zodIssues, type Issue } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { loadRuleSet, type ScreeningRules } from '../rules/rule-sets.js';
import { uuid } from '../schemas.js';
import { screeningInput } from '../screenings/record-screening.js';
import type { NewRow } from './batch-transaction.js';
import { loadClinicStaff, NO_SUCH_STAFF, type ClinicStaffMember } from './clinic-staff.js';
import { csvValue } from './record-source.js';
import { letIoRun, type BulkKind } from './run-import.js';
import { timeOrderedId } from './time-ordered-id.js';

/** Older screenings were handled when they were given: only recent ones open worklist items. */
export const TRIAGE_WINDOW_MS = 14 * 86_400_000;

const whoFields = z.object({ patientId: uuid, administeredBy: uuid.optional() });

/** CSV header: patientId,instrument,answers,administeredAt,administeredBy,exclusions (lists: `1;0;2`). */
export function screeningFromCsv(record: Record<string, unknown>): Record<string, unknown> {
  return {
    patientId: csvValue.optional(record.patientId),
    instrument: csvValue.optional(record.instrument),
    answers: csvValue.list(record.answers),
    administeredAt: csvValue.optional(record.administeredAt),
    administeredBy: csvValue.optional(record.administeredBy),
    exclusions:
      csvValue.optional(record.exclusions) === undefined ? undefined : String(record.exclusions).split(';'),
  };
}

export interface ValidScreening {
  row: NewRow<'screenings'>;
  /** Its worklist item; `screening_id` is filled in with the row's id. */
  item: Omit<NewRow<'triage_items'>, 'screening_id'> | null;
}

interface ScreeningContext {
  actor: Actor;
  clinicId: string;
  timeZone: string;
  rules: ScreeningRules;
  staff: Map<string, ClinicStaffMember>;
  /** Scores are a pure function of instrument, sex and answers, and the same answers recur often. */
  scores: Map<string, ScreeningScore>;
}

function scoreOf(
  c: ScreeningContext,
  instrument: ScreeningScore['instrument'],
  answers: (number | null)[],
  sex: Sex,
) {
  const key = `${instrument}|${sex}|${answers.join(',')}`;
  let score = c.scores.get(key);
  if (!score) {
    score = scoreScreening(instrument, answers, { sex, rules: c.rules.instruments });
    if (c.scores.size >= 100_000) c.scores.clear();
    c.scores.set(key, score);
  }
  return score;
}

function checkRow(
  c: ScreeningContext,
  record: Record<string, unknown>,
  patients: Map<string, Sex>,
  now: number,
): Issue[] | ValidScreening {
  const who = whoFields.safeParse(record);
  const parsed = screeningInput.safeParse(record);
  if (!who.success || !parsed.success) {
    return [...(who.success ? [] : zodIssues(who.error)), ...(parsed.success ? [] : zodIssues(parsed.error))];
  }
  const input = parsed.data;
  const sex = patients.get(who.data.patientId);
  if (!sex) return [{ field: 'patientId', reason: 'no patient with this id in this clinic' }];
  const administeredBy = who.data.administeredBy ?? c.actor.userId;
  if (who.data.administeredBy && !c.staff.has(administeredBy))
    return [{ field: 'administeredBy', reason: NO_SUCH_STAFF }];
  const score = scoreOf(c, input.instrument, input.answers, sex);
  const row = {
    org_id: c.actor.orgId,
    clinic_id: c.clinicId,
    patient_id: who.data.patientId,
    instrument: input.instrument,
    answers: JSON.stringify(input.answers),
    administered_at: input.administeredAt,
    administered_by: administeredBy,
    total: score.total,
    severity: score.severity,
    positive: score.positive,
    flags: score.flags,
    reasons: JSON.stringify(score.reasons),
    item9: input.instrument === 'phq-9' ? (input.answers[8] ?? null) : null,
  };
  if (now - input.administeredAt.getTime() > TRIAGE_WINDOW_MS) return { row, item: null };
  const result = triage(
    { score, administeredAt: input.administeredAt, timeZone: c.timeZone, exclusions: input.exclusions ?? [] },
    c.rules.triage,
  );
  if (result.disposition === 'none') return { row, item: null };
  return {
    row,
    item: {
      org_id: c.actor.orgId,
      clinic_id: c.clinicId,
      patient_id: who.data.patientId,
      disposition: result.disposition,
      reasons: JSON.stringify(result.reasons),
      rules_fired: result.rulesFired,
      due_by: result.dueBy,
    },
  };
}

/** Rows by patient and time, then time-ordered ids: consecutive rows touch the same index pages. */
function inIndexOrder(valid: ValidScreening[]): ValidScreening[] {
  valid.sort(
    (a, b) =>
      (a.row.patient_id < b.row.patient_id ? -1 : a.row.patient_id > b.row.patient_id ? 1 : 0) ||
      (a.row.administered_at as Date).getTime() - (b.row.administered_at as Date).getTime(),
  );
  for (const v of valid) v.row.id = timeOrderedId();
  return valid;
}

async function patientsOf(db: Db, c: ScreeningContext, ids: string[]): Promise<Map<string, Sex>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('patients')
    .select(['id', 'sex'])
    .where('org_id', '=', c.actor.orgId)
    .where('clinic_id', '=', c.clinicId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.sex as Sex]));
}

export async function screeningKind(
  db: Db,
  actor: Actor,
  clinicId: string,
  options: { csv: boolean; now: Date },
): Promise<BulkKind<ValidScreening>> {
  const c: ScreeningContext = {
    actor,
    clinicId,
    timeZone: await clinicTimeZone(db, actor.orgId, clinicId),
    rules: (await loadRuleSet(db, actor.orgId, clinicId, 'screening')).rules,
    staff: await loadClinicStaff(db, actor.orgId, clinicId),
    scores: new Map(),
  };
  return {
    async check(records, reject) {
      const readable = options.csv
        ? records.map((r) => ({ line: r.line, record: screeningFromCsv(r.record) }))
        : records;
      const ids = [
        ...new Set(
          readable.map((r) => r.record.patientId).filter((v): v is string => uuid.safeParse(v).success),
        ),
      ];
      const patients = await patientsOf(db, c, ids);
      const now = options.now.getTime();
      const valid: ValidScreening[] = [];
      for (const [i, { line, record }] of readable.entries()) {
        if (i % 250 === 249) await letIoRun();
        const result = checkRow(c, record, patients, now);
        if (Array.isArray(result)) reject({ line, issues: result });
        else valid.push(result);
      }
      return inIndexOrder(valid);
    },
    async write(tx, valid, lines) {
      await tx.insert(
        'screenings',
        valid.map((v) => v.row),
      );
      const items = valid.flatMap((v) => (v.item ? [{ ...v.item, screening_id: v.row.id! }] : []));
      await tx.insert('triage_items', items);
      await recordAudit(tx.db, actor, {
        action: 'screening.import',
        entity: 'screening',
        clinicId,
        details: {
          count: valid.length,
          triageItems: items.length,
          batch: lines.batch,
          firstLine: lines.firstLine,
          lastLine: lines.lastLine,
        },
      });
    },
  };
}
