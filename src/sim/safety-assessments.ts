// Demo suicide-risk assessments: one at each level, a safety plan, and one low-risk follow-up left overdue.
import type { Db } from '../db/connection.js';
import type { RiskAssessmentInput } from '../domain/safety/index.js';
import type { Actor } from '../services/actor.js';
import { recordAssessment } from '../services/safety/record-assessment.js';
import { saveSafetyPlan } from '../services/safety/safety-plans.js';
import type { RegistryPatient } from './seed-registry.js';

const HOUR = 3_600_000;

/** Levels and times (hours from now) chosen to fit the default pathway (suicide-risk.md §3). */
const CASES = [
  { level: 'low', disposition: 'outpatient_bh_follow_up', assessed: -48, followUp: 72 },
  { level: 'moderate', disposition: 'urgent_bh_follow_up', assessed: -24, followUp: 24 },
  { level: 'high', disposition: 'ed_transfer', assessed: -3, followUp: null },
  // Assessed 9 days ago with a follow-up 3 days ago that nobody did: the overdue example.
  { level: 'low', disposition: 'outpatient_bh_follow_up', assessed: -9 * 24, followUp: -3 * 24 },
] as const;

function assessment(c: (typeof CASES)[number], now: Date, staffId: string): RiskAssessmentInput {
  const at = new Date(now.getTime() + c.assessed * HOUR).toISOString();
  return {
    assessedAt: at,
    trigger: { kind: 'verbal_disclosure', screeningId: null },
    ideation: { type: c.level === 'high' ? 'active' : 'passive', mostRecentOn: at.slice(0, 10) },
    plan: c.level === 'high' ? { present: true, details: 'Stated a method and a time.' } : { present: false },
    intent: { present: c.level === 'high' },
    means: { access: ['medications'], actions: ['lethal_means_counseling'] },
    behaviour: { pastAttempts: false, preparatoryActs: c.level === 'high', selfHarm: false },
    riskFactors: { items: ['hopelessness'] },
    protectiveFactors: { items: c.level === 'high' ? [] : ['social_support'] },
    homicidalIdeation: false,
    riskLevel: c.level,
    disposition: c.disposition,
    rationale: `Demo ${c.level}-risk formulation.`,
    notified: { parties: [{ party: c.level === 'high' ? 'emergency_services' : 'pcp', at }] },
    followUp:
      c.followUp === null ? null : { at: new Date(now.getTime() + c.followUp * HOUR).toISOString(), staffId },
  };
}

export async function seedSafetyAssessments(
  db: Db,
  options: { orgId: string; now: Date; staff: Record<string, string>; patients: readonly RegistryPatient[] },
): Promise<number> {
  // The consultant works in every clinic, so one actor can assess any demo patient.
  const consultantId = options.staff['psychiatrist'];
  if (consultantId === undefined) return 0;
  const actor: Actor = {
    orgId: options.orgId,
    userId: consultantId,
    roles: ['psychiatric_consultant'],
    clinicIds: [...new Set(options.patients.map((p) => p.clinicId))],
  };
  const chosen = options.patients.slice(0, CASES.length);
  for (const [i, patient] of chosen.entries()) {
    const c = CASES[i]!;
    const recorded = await recordAssessment({
      db,
      actor,
      patientId: patient.id,
      input: assessment(c, options.now, consultantId),
      now: options.now,
    });
    if (c.level === 'moderate') {
      await saveSafetyPlan({
        db,
        actor,
        patientId: patient.id,
        now: options.now,
        input: {
          assessmentId: recorded.id,
          warningSigns: ['Not sleeping', 'Pulling away from friends'],
          internalCoping: ['Walk the dog', 'Music'],
          distractions: { people: [{ name: 'Neighbour' }], places: ['Library'] },
          helpContacts: [{ name: 'Sister', phone: '555-0100' }],
          professionals: [{ name: 'Clinic care manager', phone: '555-0199' }],
          safeEnvironment: ['Medications kept by spouse'],
          copyHolders: ['Patient', 'Sister'],
        },
      });
    }
  }
  return chosen.length;
}
