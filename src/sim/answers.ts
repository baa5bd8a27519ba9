// Builds plausible item answers that add up to a wanted total, for synthetic screenings.
import type { Random } from './random.js';

/** `count` items each 0..max summing to `total` (clamped to what the items can hold). */
export function answersForTotal(random: Random, count: number, max: number, total: number): number[] {
  const answers = new Array<number>(count).fill(0);
  let remaining = Math.min(Math.max(0, total), count * max);
  while (remaining > 0) {
    const open = answers.flatMap((value, index) => (value < max ? [index] : []));
    const index = random.pick(open);
    answers[index] = (answers[index] ?? 0) + 1;
    remaining--;
  }
  return answers;
}

/** PHQ-9 answers for a total, with item 9 (self-harm thoughts) set explicitly. */
export function phq9Answers(random: Random, total: number, item9: number): number[] {
  const rest = answersForTotal(random, 8, 3, total - item9);
  return [...rest, item9];
}
