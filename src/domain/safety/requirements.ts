// Turns an assessment and the clinic pathway into the tasks its risk level requires, each with a due time.
import type { StaffRole } from '../registry/roles.js';
import { resolveDue } from '../triage.js';
import type { PathwayIssue, RiskAssessmentInput } from './assessment.js';
import { ED_TRANSFER, type RequirementCode, type SafetyPathway } from './pathway.js';

export interface PlannedTask {
  code: RequirementCode;
  label: string;
  dueAt: Date;
  /** Who may complete it; empty = any clinician. */
  roles: StaffRole[];
  /** Set when the assessment itself records that the requirement is met (e.g. the PCP was notified). */
  metBy: string | null;
}

/** Most check-ins one assessment plans; a later assessment replaces the rest (suicide-risk.md §3). */
export const MAX_CHECK_INS = 12;

const DAY_MS = 86_400_000;

type Assessment = Pick<
  RiskAssessmentInput,
  'assessedAt' | 'riskLevel' | 'disposition' | 'notified' | 'followUp'
>;

/**
 * suicide-risk.md §3 (pathway by level) and §1 EP 5–6 (reassessment and follow-up with a due time).
 * `bh_follow_up` is due at the follow-up the clinician set, which may not be later than the pathway
 * allows; check-ins repeat every n days until that follow-up. After an ED transfer the emergency
 * department owns the next step, so the follow-up and check-ins are not planned (issue: "unless the
 * disposition is ED transfer").
 */
export function planTasks(
  a: Assessment,
  pathway: SafetyPathway,
  timeZone: string,
): { tasks: PlannedTask[]; issues: PathwayIssue[] } {
  const assessedAt = new Date(a.assessedAt);
  const followUpAt = a.followUp === null ? null : new Date(a.followUp.at);
  const notified = new Set(a.notified.parties.map((p) => p.party));
  const tasks: PlannedTask[] = [];
  const issues: PathwayIssue[] = [];
  for (const r of pathway[a.riskLevel].requirements) {
    const base = { code: r.code, label: r.label, roles: [...r.roles], metBy: null };
    const limit = resolveDue(r.due, assessedAt, timeZone);
    switch (r.code) {
      case 'bh_follow_up': {
        if (a.disposition === ED_TRANSFER || followUpAt === null) break;
        if (limit !== null && followUpAt > limit) {
          issues.push({
            field: 'followUp.at',
            reason: `must be by ${limit.toISOString()}: the clinic pathway wants "${r.label}" for ${a.riskLevel} risk sooner`,
          });
        }
        tasks.push({ ...base, dueAt: followUpAt });
        break;
      }
      case 'check_in': {
        if (a.disposition === ED_TRANSFER || followUpAt === null || r.everyDays === undefined) break;
        for (let n = 1; n <= MAX_CHECK_INS; n++) {
          const dueAt = new Date(assessedAt.getTime() + n * r.everyDays * DAY_MS);
          if (dueAt >= followUpAt) break;
          tasks.push({ ...base, label: `${r.label} ${n}`, dueAt });
        }
        break;
      }
      case 'pcp_informed':
      case 'collateral_contact': {
        const party = r.code === 'pcp_informed' ? 'pcp' : 'family_collateral';
        const at = a.notified.parties.find((p) => p.party === party)?.at;
        // A limit always exists here: the pathway schema gives every non-check-in requirement a due time.
        tasks.push({
          ...base,
          dueAt: limit ?? assessedAt,
          metBy: notified.has(party) && at ? `notified at ${at}, recorded in the assessment` : null,
        });
        break;
      }
      case 'safety_plan':
      case 'ed_evaluation':
      case 'hold_paperwork':
        tasks.push({ ...base, dueAt: limit ?? assessedAt });
        break;
    }
  }
  return { tasks, issues };
}
