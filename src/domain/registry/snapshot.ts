// The registry's read model of one episode: what the flag, review and urgency rules are allowed to see.
import { z } from 'zod';
import { episodeStatusSchema } from './episode-status.js';
import { clinicDaySchema, clinicMonthSchema, type ClinicDay } from '../calendar/index.js';
import { primaryMeasureSchema } from './outcomes.js';
import { CSSRS_LEVELS } from './rules.js';

// Every date is a calendar day already converted to the clinic's time zone by the caller
// (see dayOf), so day counts and month boundaries match what the clinic sees on the wall.
const day = clinicDaySchema;

export const REGISTRY_PROGRAMS = ['cocm', 'general_bhi'] as const;
export const ASQ_RESULTS = ['negative', 'non_acute_positive', 'acute_positive'] as const;
/** The initial assessment opens treatment; every later completed patient contact is a follow-up. */
export const CONTACT_ACTIVITIES = ['initial_assessment', 'follow_up'] as const;

const datedSignal = <T extends z.ZodType>(value: T) => z.strictObject({ date: day, value }).nullable();

export const episodeSnapshotSchema = z
  .strictObject({
    episodeId: z.string().min(1),
    careManagerId: z.string().min(1).nullable(),
    status: episodeStatusSchema,
    /** CoCM (99492–99494, G2214) or general BHI (99484): only CoCM has a psychiatric consultant. */
    program: z.enum(REGISTRY_PROGRAMS),
    /** The PCP's referral: the CPT episode start (docs/domain/billing.md §2.2). */
    referredAt: day,
    /** Initial assessment and activation: "week 0" (docs/domain/measurement-based-care.md §6). */
    enrolledAt: day.nullable(),
    /** The day the episode last entered relapse prevention; null while it is not in it (§7). */
    relapsePreventionAt: day.nullable(),
    primaryMeasure: primaryMeasureSchema,
    scores: z
      .array(z.strictObject({ date: day, instrument: primaryMeasureSchema, total: z.int().min(0) }))
      .readonly(),
    /** The latest result of each safety screen, from any encounter, not only this episode's scores. */
    safety: z.strictObject({
      phq9Item9: datedSignal(z.int().min(0).max(3)),
      cssrs: datedSignal(z.enum(CSSRS_LEVELS)),
      asq: datedSignal(z.enum(ASQ_RESULTS)),
      /** A clinician set a safety concern on this day (null when none is set). */
      clinicianFlaggedAt: day.nullable(),
    }),
    /** Completed patient contacts only; attempts and non-patient work are not contacts. */
    contacts: z.array(z.strictObject({ date: day, activity: z.enum(CONTACT_ACTIVITIES) })).readonly(),
    /**
     * Tries to reach the patient that did not reach them (outreach not marked reached); the unreachable
     * rule counts those on days after the last completed contact, so earlier ones may be left out.
     */
    attempts: z.array(z.strictObject({ date: day })).readonly(),
    caseReviews: z.array(z.strictObject({ date: day })).readonly(),
    /** A clinician asked for psychiatric review; satisfied by a case review on or after this day. */
    reviewRequestedAt: day.nullable(),
    recommendations: z.array(z.strictObject({ sentAt: day, acknowledgedAt: day.nullable() })).readonly(),
    /** Months ('YYYY-MM') with any counted CoCM service. */
    serviceMonths: z.array(clinicMonthSchema).readonly(),
    /** This month's counted minutes and the next code still in reach, from the billing engine. */
    billing: z.strictObject({
      minutesThisMonth: z.int().min(0),
      next: z.strictObject({ code: z.string().min(1), minutesNeeded: z.int().min(1) }).nullable(),
    }),
  })
  .refine((s) => s.status === 'referred' || s.status === 'discharged' || s.enrolledAt !== null, {
    path: ['enrolledAt'],
    message: 'An active or relapse-prevention episode needs its enrollment day.',
  });

export type EpisodeSnapshot = z.infer<typeof episodeSnapshotSchema>;
export type RegistryProgram = EpisodeSnapshot['program'];
export type ContactActivity = (typeof CONTACT_ACTIVITIES)[number];
export type AsqResult = (typeof ASQ_RESULTS)[number];

/**
 * The episode as it stood at the end of `asOf`: dated entries after that day are dropped and later
 * acknowledgements are unknown. Lets every rule be replayed for a past day and tested without a clock.
 */
export function asOfView(snapshot: EpisodeSnapshot, asOf: ClinicDay): EpisodeSnapshot {
  const upTo = <T extends { date: ClinicDay }>(items: readonly T[]): T[] =>
    items.filter((i) => i.date <= asOf);
  const known = <T extends { date: ClinicDay }>(signal: T | null): T | null =>
    signal !== null && signal.date <= asOf ? signal : null;
  const { safety } = snapshot;
  const knownDay = (d: ClinicDay | null): ClinicDay | null => (d !== null && d <= asOf ? d : null);
  return {
    ...snapshot,
    scores: upTo(snapshot.scores),
    safety: {
      phq9Item9: known(safety.phq9Item9),
      cssrs: known(safety.cssrs),
      asq: known(safety.asq),
      clinicianFlaggedAt: knownDay(safety.clinicianFlaggedAt),
    },
    contacts: upTo(snapshot.contacts),
    attempts: upTo(snapshot.attempts),
    caseReviews: upTo(snapshot.caseReviews),
    reviewRequestedAt: knownDay(snapshot.reviewRequestedAt),
    recommendations: snapshot.recommendations
      .filter((r) => r.sentAt <= asOf)
      .map((r) => ({ ...r, acknowledgedAt: knownDay(r.acknowledgedAt) })),
    serviceMonths: snapshot.serviceMonths.filter((m) => m <= asOf.slice(0, 7)),
  };
}
