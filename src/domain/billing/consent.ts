// The consent history of an episode: which consent covers a month, and when minutes stop counting (billing.md §1).
import { z } from 'zod';
import { monthRange, type ClinicMonth } from '../calendar/index.js';

/**
 * One documented consent (billing.md §1: advance consent, verbal or written, explaining the service, that
 * cost sharing applies, and permission to consult specialists). The two booleans are absent on consents
 * recorded before they were asked; such a consent still stands, but its months are not billed.
 */
export const consentRecordSchema = z.strictObject({
  obtainedAt: z.date(),
  withdrawnAt: z.date().nullable().optional(),
  costSharingExplained: z.boolean().nullable().optional(),
  consultationExplained: z.boolean().nullable().optional(),
});
export type ConsentRecord = z.input<typeof consentRecordSchema>;

/** Whether a consent says the patient was told both things CMS asks (billing.md §1). */
export function consentElementsMissing(consent: ConsentRecord): Array<'costSharing' | 'consultation'> {
  return [
    ...(consent.costSharingExplained === true ? [] : (['costSharing'] as const)),
    ...(consent.consultationExplained === true ? [] : (['consultation'] as const)),
  ];
}

const byObtained = (consents: readonly ConsentRecord[]) =>
  [...consents].sort((a, b) => a.obtainedAt.getTime() - b.obtainedAt.getTime());

/**
 * The consent that governs a month: the latest obtained before the month ended; when none was, the first
 * one obtained later (so the month's reason can say "obtained after the month ended"); null without any.
 */
export function consentForMonth(
  consents: readonly ConsentRecord[],
  month: ClinicMonth,
  timeZone: string,
): ConsentRecord | null {
  const { end } = monthRange(month, timeZone);
  const sorted = byObtained(consents);
  const before = sorted.filter((c) => c.obtainedAt < end);
  return before.at(-1) ?? sorted[0] ?? null;
}

/** A stretch of time without consent: from a withdrawal until the next consent (end null: still withdrawn). */
export interface WithdrawnSpan {
  from: Date;
  until: Date | null;
}

/**
 * billing.md §1: the patient may stop at any time. Minutes from the withdrawal on do not count, until a new
 * consent is documented (minutes before the first consent count, as outreach toward enrollment does).
 */
export function withdrawnSpans(consents: readonly ConsentRecord[]): WithdrawnSpan[] {
  const sorted = byObtained(consents);
  return sorted.flatMap((consent, index) => {
    if (!consent.withdrawnAt) return [];
    const next = sorted.slice(index + 1).find((c) => c.obtainedAt >= consent.withdrawnAt!);
    return [{ from: consent.withdrawnAt, until: next?.obtainedAt ?? null }];
  });
}

/** True when a minute logged at `at` falls after a withdrawal and before the next consent. */
export function isWithdrawnAt(spans: readonly WithdrawnSpan[], at: Date): boolean {
  return spans.some((span) => at >= span.from && (span.until === null || at < span.until));
}
