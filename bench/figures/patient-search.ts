// Patient search at clinic scale: one clinic with 100 000 patients, the search box's query shapes through
// the real use case (audit row included), against the same SQL run bare.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Actor } from '../../src/services/actor.js';
import { createOrganization } from '../../src/services/orgs/create-organization.js';
import { listPatients } from '../../src/services/patients/read-patients.js';
import { latency, timed, type Latency } from '../stats.js';

export interface SearchFigure {
  engine: 'pglite' | 'postgres';
  patients: number;
  real: Latency;
  raw: Latency;
  /** Median matches per query, to show the searches find something. */
  medianMatches: number;
}

const GIVEN = ['Nora', 'José', 'Élodie', 'Mary-Jane', 'Siobhan', 'Ahmed', 'Li', 'Grace', 'Tomás', 'Ana'];
const FAMILY = ['Abbott', 'Núñez', 'Lefèvre', "O'Brien", 'Watson', 'Nguyen', 'Kowalski', 'Smith', 'Haddad'];

// The shapes the front desk types: as the chart shows it, in speaking order, partial, accents, dates, MRN.
const QUERIES = (n: number) => [
  'Abbott, Nora',
  'Nora Abbott',
  'nor abb',
  'jose nunez',
  'lefevre',
  '03/14/1961',
  `S${String(Math.floor(n / 2)).padStart(6, '0')}`,
  'smi gra 1970-01-01',
];

async function seed(db: DatabaseHandle['db'], patients: number) {
  const suffix = randomUUID().slice(0, 8);
  const org = await createOrganization(db, {
    orgName: `Search bench ${suffix}`,
    clinicName: 'Search bench clinic',
    timeZone: 'America/New_York',
    admin: { email: `search-bench-${suffix}@bench.careloop`, name: 'Bench Admin', password: randomUUID() },
  });
  // Names and birth dates spread deterministically by prime strides; one INSERT … SELECT builds them all.
  await sql`
    insert into patients (org_id, clinic_id, mrn, given_name, family_name, birth_date, sex)
    select ${org.orgId}::uuid, ${org.clinicId}::uuid, 'S' || lpad(i::text, 6, '0'),
           (${sql.val(GIVEN)}::text[])[1 + (i * 7) % ${GIVEN.length}] || case when i % 3 = 0 then '' else chr(97 + i % 26) end,
           (${sql.val(FAMILY)}::text[])[1 + (i * 11) % ${FAMILY.length}] || case when i % 2 = 0 then '' else chr(97 + (i * 5) % 26) end,
           date '1935-01-01' + (i * 7919) % 25000, 'female'
    from generate_series(1, ${patients}) as i
  `.execute(db);
  await sql`analyze patients`.execute(db);
  return org;
}

export async function measurePatientSearch(input: {
  databaseUrl?: string | undefined;
  patients: number;
  reads: number;
}): Promise<SearchFigure> {
  const handle = await openDatabase(
    input.databaseUrl ? { databaseUrl: input.databaseUrl } : { memory: true },
  );
  let orgId: string | undefined;
  try {
    if (!input.databaseUrl) await migrateToLatest(handle.db);
    const org = await seed(handle.db, input.patients);
    orgId = org.orgId;
    const actor: Actor = { orgId, userId: org.adminId, roles: ['admin'], clinicIds: [org.clinicId] };
    const queries = QUERIES(input.patients);
    const run = (q: string) =>
      listPatients({ db: handle.db, actor, query: { clinicId: org.clinicId, q, limit: 50, offset: 0 } });
    for (const q of queries) await run(q); // warm the cache and the plans
    const real: number[] = [];
    const raw: number[] = [];
    const matches: number[] = [];
    for (let i = 0; i < input.reads; i++) {
      const q = queries[i % queries.length]!;
      const r = await timed(() => run(q));
      real.push(r.ms);
      matches.push(r.value.patients.length);
      // The same filter bare: first word only through the index, no audit, no transaction.
      const word = q.split(/[\s,]+/)[0]!;
      raw.push(
        (
          await timed(() =>
            sql`select id from patients where org_id = ${orgId} and clinic_id = ${org.clinicId}
                and search_text like '%' || careloop_fold(${word}) || '%' order by family_name, given_name, id limit 50`.execute(
              handle.db,
            ),
          )
        ).ms,
      );
    }
    return {
      engine: handle.engine,
      patients: input.patients,
      real: latency(real),
      raw: latency(raw),
      medianMatches: latency(matches).p50,
    };
  } finally {
    // On PostgreSQL the bench organization is scratch: remove it so repeated runs do not pile up.
    if (input.databaseUrl && orgId) {
      for (const table of [
        'audit_events',
        'patients',
        'user_clinics',
        'sessions',
        'users',
        'clinics',
      ] as const) {
        await handle.db.deleteFrom(table).where('org_id', '=', orgId).execute();
      }
      await handle.db.deleteFrom('organizations').where('id', '=', orgId).execute();
    }
    await handle.close();
  }
}
