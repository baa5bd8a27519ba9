// The benchmark's one table: each figure, its raw-SQL baseline from the same run, target, verdict, memory.

export interface Row {
  figure: string;
  careloop: string;
  baseline: string;
  target: string;
  verdict: string;
  rss: string;
}

export const ms = (value: number): string =>
  `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
export const mib = (value: number | undefined): string => (value === undefined ? '—' : `${count(value)} MiB`);

export function renderTable(rows: readonly Row[]): string {
  const header: Row = {
    figure: 'figure',
    careloop: 'Careloop (real code path)',
    baseline: 'raw-SQL baseline, same run',
    target: 'target (2 cores, PostgreSQL)',
    verdict: 'verdict',
    rss: 'peak RSS (Node)',
  };
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
