// Benchmark sizes from flags (`npm run bench -- --episodes 100000`) or the environment (BENCH_EPISODES).
import { parseArgs } from 'node:util';

export interface BenchOptions {
  databaseUrl: string | undefined;
  /** Open episodes wanted in the PostgreSQL organization (at least; see `contacts`). */
  episodes: number;
  /** Contacts wanted in it (at least): the organization grows until both are reached. */
  contacts: number;
  clinics: number;
  months: number;
  seed: number;
  registryReads: number;
  closeRuns: number;
  requests: number;
  clients: number;
  importContacts: number;
  /** Episodes, open and discharged, in the in-memory PGlite database. */
  pgliteEpisodes: number;
  pgliteMonths: number;
  /** Searches timed in the patient-search figure (100 000 patients, PGlite and PostgreSQL). */
  searchReads: number;
  /** Build a new PostgreSQL organization even when one of this size exists. */
  fresh: boolean;
  only: string[] | undefined;
}

const NUMBERS = {
  episodes: 1000,
  contacts: 0,
  clinics: 0,
  months: 22,
  seed: 1,
  'registry-reads': 200,
  'close-runs': 3,
  requests: 3000,
  clients: 32,
  'import-contacts': 20_000,
  'pglite-episodes': 800,
  'pglite-months': 12,
  'search-reads': 80,
} as const;

type NumberFlag = keyof typeof NUMBERS;

export function benchOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...(Object.fromEntries(Object.keys(NUMBERS).map((k) => [k, { type: 'string' }])) as Record<
        NumberFlag,
        { type: 'string' }
      >),
      fresh: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
    strict: true,
  });
  const number = (flag: NumberFlag): number => {
    const text = values[flag] ?? env[`BENCH_${flag.toUpperCase().replaceAll('-', '_')}`];
    if (text === undefined || text === '') return NUMBERS[flag];
    const value = Number(text.replaceAll('_', ''));
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${flag} must be a whole number, not '${text}'`);
    return value;
  };
  const episodes = number('episodes');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    episodes,
    contacts: number('contacts'),
    // About 1 700 open episodes per clinic, as in a large multi-site system.
    clinics: number('clinics') || Math.max(2, Math.min(100, Math.round(episodes / 1700))),
    months: number('months'),
    seed: number('seed'),
    registryReads: number('registry-reads'),
    closeRuns: Math.max(1, number('close-runs')),
    requests: number('requests'),
    clients: Math.max(1, number('clients')),
    importContacts: number('import-contacts'),
    pgliteEpisodes: number('pglite-episodes'),
    pgliteMonths: number('pglite-months'),
    searchReads: Math.max(1, number('search-reads')),
    fresh: values.fresh ?? false,
    only: values.only?.split(',').map((s) => s.trim()),
  };
}
