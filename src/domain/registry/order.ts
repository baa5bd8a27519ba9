// A comparator for sort keys that behaves the same for numbers, Infinity and ids on every runtime.

/** -1, 0 or 1; plain comparison rather than subtraction (Infinity − Infinity is NaN) or localeCompare. */
export function ascending<T extends number | string>(x: T, y: T): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
