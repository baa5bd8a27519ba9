// Answer builders shared by the instrument and triage tests.

/** `count` answers in 0–`max`, filled from the first item, summing to `total`. */
export function answersWithTotal(total: number, count: number, max: number): number[] {
  if (total < 0 || total > count * max) throw new RangeError(`total ${total} is out of range`);
  return Array.from({ length: count }, (_, i) => Math.min(max, Math.max(0, total - i * max)));
}

/** PHQ-9 answers with the given total and item 9 value (items 1–8 carry the rest). */
export function phq9Answers(total: number, item9 = 0): number[] {
  return [...answersWithTotal(total - item9, 8, 3), item9];
}
