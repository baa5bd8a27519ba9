// A clinician's weekly template (scheduling.md §1): blocks per weekday, one-off day changes, and the protected-slot release rule.
import { z } from 'zod';
import type { VisitType } from './visit-types.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const wallClock = z.string().regex(HHMM, 'must be a clinic-local time HH:MM (24-hour)');

export const minutesOfDay = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const dayBlockFields = {
  start: wallClock,
  end: wallClock,
  visitTypeId: z.uuid('must be an id (UUID)'),
  /** Slots held for same-day warm handoffs until the release time (scheduling.md §1). */
  protected: z.boolean().default(false),
};

const endAfterStart = (b: { start: string; end: string }, ctx: z.RefinementCtx) => {
  if (minutesOfDay(b.end) <= minutesOfDay(b.start)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
  }
};

export const dayBlockSchema = z.object(dayBlockFields).superRefine(endAfterStart);
export const weeklyBlockSchema = z
  .object({
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: z
      .number()
      .int()
      .min(1, 'must be 1 (Monday) to 7 (Sunday)')
      .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    ...dayBlockFields,
  })
  .superRefine(endAfterStart);

/** Default release: two hours before the slot (scheduling.md §1; §5.2 of the seed says 1–2 hours). */
export const DEFAULT_RELEASE_MINUTES_BEFORE = 120;

export const templateInput = z.object({
  blocks: z.array(weeklyBlockSchema).max(300),
  /** One-off changes: on this date the listed blocks replace the weekday's (an empty list: day off). */
  overrides: z
    .array(
      z.object({ date: z.iso.date('must be a date YYYY-MM-DD'), blocks: z.array(dayBlockSchema).max(50) }),
    )
    .max(400)
    .default([]),
  releaseMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(DEFAULT_RELEASE_MINUTES_BEFORE),
});
export type TemplateInput = z.output<typeof templateInput>;
export type DayBlock = z.output<typeof dayBlockSchema>;

export interface TemplateIssue {
  field: string;
  reason: string;
}

/** Rules that need the clinic's visit types: known types, protection only for handoffs, no overlaps in a day. */
export function templateIssues(
  template: TemplateInput,
  visitTypes: ReadonlyMap<string, VisitType>,
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const checkDay = (blocks: readonly DayBlock[], path: (i: number) => string) => {
    blocks.forEach((block, i) => {
      const type = visitTypes.get(block.visitTypeId);
      if (!type)
        issues.push({
          field: `${path(i)}.visitTypeId`,
          reason: 'no visit type with this id in your clinics',
        });
      else if (block.protected && type.kind !== 'warm_handoff') {
        issues.push({ field: `${path(i)}.protected`, reason: 'only warm-handoff blocks are protected' });
      }
      const overlap = blocks.findIndex(
        (other, j) =>
          j < i &&
          minutesOfDay(other.start) < minutesOfDay(block.end) &&
          minutesOfDay(block.start) < minutesOfDay(other.end),
      );
      if (overlap >= 0)
        issues.push({ field: `${path(i)}.start`, reason: `overlaps block ${overlap} of the same day` });
    });
  };
  for (let weekday = 1; weekday <= 7; weekday++) {
    const indexes = template.blocks.flatMap((b, i) => (b.weekday === weekday ? [i] : []));
    checkDay(
      indexes.map((i) => template.blocks[i]!),
      (k) => `blocks.${indexes[k]}`,
    );
  }
  const seen = new Set<string>();
  template.overrides.forEach((o, i) => {
    if (seen.has(o.date)) issues.push({ field: `overrides.${i}.date`, reason: 'this date is changed twice' });
    seen.add(o.date);
    checkDay(o.blocks, (k) => `overrides.${i}.blocks.${k}`);
  });
  return issues;
}

/** The blocks a clinician works on a clinic-local day: the day's override, else the weekday's blocks. */
export function blocksForDay(template: TemplateInput, day: string): readonly DayBlock[] {
  const override = template.overrides.find((o) => o.date === day);
  if (override) return override.blocks;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  return template.blocks.filter((b) => b.weekday === weekday);
}
