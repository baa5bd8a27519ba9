// The Stanley–Brown safety plan (suicide-risk.md §4): six prioritised steps built with the patient.
import { z } from 'zod';

const item = z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters');
const list = (what: string) =>
  z.array(item, { error: (i) => (i.input === undefined ? 'is required' : `${what} must be a list`) }).max(20);

const contact = z.strictObject({
  name: item,
  phone: z.string().trim().max(40).optional(),
});

/** 988 Suicide & Crisis Lifeline (call or text, US, since 2022-07-16): suicide-risk.md §4 step 5. */
export const CRISIS_LINE_988 = {
  name: '988 Suicide & Crisis Lifeline (call or text)',
  phone: '988',
} as const;
/** Local emergency services: suicide-risk.md §4 step 5. */
export const EMERGENCY_911 = { name: 'Emergency services', phone: '911' } as const;

/**
 * The six steps in their order (Stanley & Brown 2012), plus the reason for living, who has a copy and
 * the review date (suicide-risk.md §4). Steps 1, 2 and 6 need at least one entry: a plan without its
 * warning signs, coping or safe environment is not a plan. 988 and 911 are always printed (step 5).
 */
export const safetyPlanSchema = z.strictObject({
  warningSigns: list('warning signs').min(1, 'name at least one warning sign'),
  internalCoping: list('coping strategies').min(1, 'name at least one coping strategy'),
  distractions: z.strictObject({ people: z.array(contact).max(20), places: list('places') }),
  helpContacts: z.array(contact).max(20),
  professionals: z.array(contact).max(20),
  safeEnvironment: list('steps').min(1, 'name at least one step to make the environment safe'),
  reasonForLiving: z.string().trim().max(500).optional(),
  copyHolders: list('copy holders').default([]),
  reviewOn: z.iso.date('must be a date YYYY-MM-DD').optional(),
});
export type SafetyPlanInput = z.output<typeof safetyPlanSchema>;

/** The step-5 contacts as printed: the clinic's professionals, then 988 and 911, never duplicated. */
export function crisisContacts(
  plan: Pick<SafetyPlanInput, 'professionals'>,
): { name: string; phone?: string }[] {
  const phones = new Set(plan.professionals.map((p) => p.phone?.replace(/\D/g, '')));
  return [...plan.professionals, ...[CRISIS_LINE_988, EMERGENCY_911].filter((c) => !phones.has(c.phone))];
}
