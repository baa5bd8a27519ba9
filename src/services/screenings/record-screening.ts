// Records a screening: scores it, triages it under the clinic's rules, and updates the worklist.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import {
  INSTRUMENT_CODES,
  answersSchema,
  scoreScreening,
  type InstrumentCode,
  type ScreeningScore,
} from '../../domain/instruments/index.js';
import { triage, type Disposition, type TriageResult } from '../../domain/triage.js';
import { FULL_INSTRUMENT, screensAnsweredBy } from '../../domain/worklist/lifecycle.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { isoInstant } from '../schemas.js';
import { loadRuleSet } from '../rules/rule-sets.js';
import { openWorklistItem } from '../worklist/open-item.js';
import { resolveOpenItems } from '../worklist/resolve-items.js';

// A device clock a few minutes fast should not block a screening entered in the waiting room.
const CLOCK_SKEW_MS = 5 * 60_000;

export const screeningInput = z
  .object({
    instrument: z.enum(INSTRUMENT_CODES),
    answers: z.array(z.union([z.number(), z.null()])).max(20, 'has too many answers'),
    administeredAt: isoInstant.refine(
      (d) => d.getTime() <= Date.now() + CLOCK_SKEW_MS,
      'cannot be in the future',
    ),
    /** Red-line exclusions the clinician recorded (they route to an external referral). */
    exclusions: z.array(z.string().max(64)).max(20).optional(),
  })
  .superRefine((input, ctx) => {
    const parsed = answersSchema(input.instrument).safeParse(input.answers);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({
          code: 'custom',
          path: ['answers', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: issue.message,
        });
      }
    }
  });
export type ScreeningInput = z.output<typeof screeningInput>;

export interface ScreeningView {
  id: string;
  patientId: string;
  instrument: InstrumentCode;
  administeredAt: string;
  total: number | null;
  severity: string | null;
  positive: boolean;
  flags: string[];
  reasons: string[];
  triage: {
    disposition: Disposition;
    reasons: string[];
    rulesFired: string[];
    dueBy: string | null;
    itemId: string | null;
  };
}

export async function recordScreening({
  db,
  actor,
  patientId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock: when the items this screening answers close. */
  now: Date;
  patientId: string;
  input: ScreeningInput;
}): Promise<ScreeningView> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const clinic = await trx
      .selectFrom('clinics')
      .select('timezone')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', patient.clinicId)
      .executeTakeFirstOrThrow();
    const { rules } = await loadRuleSet(trx, actor.orgId, patient.clinicId, 'screening');
    const score = scoreScreening(input.instrument, input.answers, {
      sex: patient.sex as never,
      rules: rules.instruments,
    });
    const result = triage(
      {
        score,
        administeredAt: input.administeredAt,
        timeZone: clinic.timezone,
        exclusions: input.exclusions ?? [],
      },
      rules.triage,
    );
    const { screeningId, itemId } = await storeScreening(trx, {
      orgId: actor.orgId,
      clinicId: patient.clinicId,
      patientId: patient.id,
      administeredBy: actor.userId,
      instrument: input.instrument,
      answers: input.answers,
      administeredAt: input.administeredAt,
      score,
      triage: result,
      actor,
      now,
    });
    await recordAudit(trx, actor, {
      action: 'screening.create',
      entity: 'screening',
      entityId: screeningId,
      patientId: patient.id,
      clinicId: patient.clinicId,
      ...(itemId ? { details: { triageItemId: itemId } } : {}),
    });
    return {
      id: screeningId,
      patientId: patient.id,
      instrument: input.instrument,
      administeredAt: input.administeredAt.toISOString(),
      total: score.total,
      severity: score.severity,
      positive: score.positive,
      flags: score.flags,
      reasons: score.reasons,
      triage: {
        disposition: result.disposition,
        reasons: result.reasons,
        rulesFired: result.rulesFired,
        dueBy: result.dueBy?.toISOString() ?? null,
        itemId,
      },
    };
  });
}

export interface ScoredScreening {
  orgId: string;
  clinicId: string;
  patientId: string;
  administeredBy: string | null;
  instrument: InstrumentCode;
  answers: (number | null)[];
  administeredAt: Date;
  score: ScreeningScore;
  triage: TriageResult;
  /** Who closes the items this screening answers (default: whoever gave it), and when. */
  actor?: Pick<Actor, 'orgId' | 'userId' | 'requestId' | 'clientRequestId'>;
  now: Date;
}

/** Writes a scored screening, closes the items it answers, and opens the next step's item if one is due. */
export async function storeScreening(
  db: Db,
  s: ScoredScreening,
): Promise<{ screeningId: string; itemId: string | null }> {
  const screening = await db
    .insertInto('screenings')
    .values({
      org_id: s.orgId,
      clinic_id: s.clinicId,
      patient_id: s.patientId,
      instrument: s.instrument,
      answers: JSON.stringify(s.answers),
      administered_at: s.administeredAt,
      administered_by: s.administeredBy,
      total: s.score.total,
      severity: s.score.severity,
      positive: s.score.positive,
      flags: s.score.flags,
      reasons: JSON.stringify(s.score.reasons),
      item9: s.instrument === 'phq-9' ? (s.answers[8] ?? null) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A complete full questionnaire answers the open requests for it (instruments.md §4), even the same minute.
  if (s.score.total !== null && FULL_INSTRUMENT[s.instrument] === s.instrument) {
    await resolveOpenItems(db, s.actor ?? { orgId: s.orgId, userId: s.administeredBy }, {
      orgId: s.orgId,
      patientId: s.patientId,
      event: { kind: 'full_instrument', id: screening.id },
      fromInstruments: screensAnsweredBy(s.instrument),
      raisedUpTo: s.administeredAt,
      now: s.now,
    });
  }
  const itemId = await openWorklistItem(db, {
    orgId: s.orgId,
    clinicId: s.clinicId,
    patientId: s.patientId,
    screeningId: screening.id,
    triage: s.triage,
  });
  return { screeningId: screening.id, itemId };
}
