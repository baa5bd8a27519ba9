// Score bands as editable data: lookup, and validation that a band list tiles the score range exactly.
import type { z } from 'zod';

export interface Band {
  min: number;
  max: number;
}

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

/** The band holding `total`; bands are assumed valid (contiguous, covering the range). */
export function findBand<B extends Band>(bands: readonly B[], total: number): B | undefined {
  return bands.find((band) => total >= band.min && total <= band.max);
}

export function formatRange(band: Band): string {
  return band.min === band.max ? `${band.min}` : `${band.min}–${band.max}`;
}

/**
 * Reports, with paths relative to the band array, every way the list fails to tile `range`:
 * a band ending before it starts, gaps, overlaps, and uncovered ends. Admins edit these lists,
 * so each message says what the value should be.
 */
export function checkBandsTileRange(
  bands: readonly Band[],
  range: ScoreRange,
  scale: string,
  ctx: z.RefinementCtx,
): void {
  const issue = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  bands.forEach((band, i) => {
    if (band.min > band.max) {
      issue([i, 'max'], `band ${band.min}–${band.max} is empty: max must be at least min (${band.min})`);
    }
    const previous = bands[i - 1];
    if (previous === undefined) {
      if (band.min !== range.min) {
        issue([i, 'min'], `first band must start at ${range.min} (${scale} minimum); starts at ${band.min}`);
      }
      return;
    }
    const expected = previous.max + 1;
    if (band.min > expected) {
      issue(
        [i, 'min'],
        `gap: the previous band ends at ${previous.max}, so this band must start at ${expected}; starts at ${band.min}`,
      );
    } else if (band.min < expected) {
      issue(
        [i, 'min'],
        `overlaps the previous band (ends at ${previous.max}); must start at ${expected}; starts at ${band.min}`,
      );
    }
  });
  const last = bands[bands.length - 1];
  if (last !== undefined && last.max !== range.max) {
    issue(
      [bands.length - 1, 'max'],
      `last band must end at ${range.max} (${scale} maximum); ends at ${last.max}`,
    );
  }
}
