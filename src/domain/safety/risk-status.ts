// What the registry says about a patient's suicide risk from the latest assessment and its follow-up.
import type { RiskLevel } from './pathway.js';

export interface AssessmentFacts {
  assessedAt: Date;
  riskLevel: RiskLevel;
  /** The follow-up's due time; null after an ED transfer. */
  followUpAt: Date | null;
  followUpDoneAt: Date | null;
}

export interface RiskStatus {
  /** The latest level while the risk is open; null once a low assessment's follow-up is done. */
  openLevel: RiskLevel | null;
  /** Reason for the safety_risk flag, or null when the latest assessment has cleared it. */
  riskReason: string | null;
  /** Reason for safety_follow_up_overdue, or null. */
  overdueReason: string | null;
  /** Screens up to this time are answered by the clearing assessment; only a newer positive screen raises the flag again. */
  clearedAt: Date | null;
}

/** The clinic-local calendar day of an instant, as YYYY-MM-DD. */
const localDay = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);

/**
 * suicide-risk.md §1 EP 4–5 and §3: the flag shows the latest level; it clears when a later
 * assessment says low and its follow-up is done, not only by a newer screening (issue 14 §4). A
 * follow-up past its due time and not done is overdue (§5 "overdue follow-ups open now").
 */
export function riskStatus(latest: AssessmentFacts | null, now: Date, timeZone: string): RiskStatus {
  const day = (d: Date) => localDay(d, timeZone);
  if (latest === null) return { openLevel: null, riskReason: null, overdueReason: null, clearedAt: null };
  const { assessedAt, riskLevel, followUpAt, followUpDoneAt } = latest;
  const cleared = riskLevel === 'low' && followUpDoneAt !== null;
  const overdue = followUpAt !== null && followUpDoneAt === null && followUpAt < now;
  return {
    openLevel: cleared ? null : riskLevel,
    riskReason: cleared ? null : `${capitalize(riskLevel)} suicide risk assessed on ${day(assessedAt)}`,
    overdueReason: overdue
      ? `Follow-up after the ${riskLevel}-risk assessment of ${day(assessedAt)} was due ${followUpAt.toISOString()} and is not done`
      : null,
    clearedAt: cleared ? assessedAt : null,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
