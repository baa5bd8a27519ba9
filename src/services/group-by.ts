// Map.groupBy arrives in Node 21; until then, one helper so no loop filters a whole list per item.

/** Rows grouped by key, in their original order within each group. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
