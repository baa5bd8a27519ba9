// Leader's dashboard figures for the whole organization (program outcomes + operations) against one
// hand-written query for the headline response and remission counts.
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { addDays } from '../../src/domain/calendar/index.js';
import type { Actor } from '../../src/services/actor.js';
import { operationsQuery, readOperations } from '../../src/services/outcomes/operations.js';
import { outcomesQuery, readProgramOutcomes } from '../../src/services/outcomes/program-outcomes.js';
import { latency, timed, type Latency } from '../stats.js';

export interface DashboardFigure {
  real: Latency;
  raw: Latency;
  episodes: number;
  clinics: number;
}

/**
 * PHQ-9 response and remission at weeks 12–16 among baselines ≥ 10, with the dates in UTC and no
 * exclusions, follow-up, change, 12-month, per-care-manager or operations figures: the least any
 * dashboard must read.
 */
function rawHeadline(db: Db, orgId: string) {
  return sql`
    with s as (
      select e.id, e.enrolled_at, x.total, x.administered_at,
        row_number() over (partition by e.id order by x.administered_at) as n
      from episodes e
      join screenings x on x.org_id = e.org_id and x.patient_id = e.patient_id
      where e.org_id = ${orgId} and e.enrolled_at is not null and x.instrument = 'phq-9'
        and x.administered_at >= e.enrolled_at
    ),
    per as (
      select id, max(total) filter (where n = 1) as base,
        (array_agg(total order by administered_at desc) filter (
          where administered_at between enrolled_at + interval '84 days' and enrolled_at + interval '113 days'))[1] as last
      from s group by id
    )
    select count(*) filter (where base >= 10) as denominator,
      count(*) filter (where base >= 10 and last * 2 <= base) as response,
      count(*) filter (where base >= 10 and last < 5) as remission
    from per`.execute(db);
}

export async function measureDashboard(db: Db, orgId: string, reads: number): Promise<DashboardFigure> {
  const clinics = await db.selectFrom('clinics').select('id').where('org_id', '=', orgId).execute();
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`'admin' = any(roles)`)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    orgId,
    userId: admin.id,
    roles: ['admin'],
    clinicIds: clinics.map((c) => c.id),
    requestId: 'bench',
  };
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const read = () =>
    Promise.all([
      readProgramOutcomes({ db, actor, query: outcomesQuery.parse({}), now }),
      readOperations({
        db,
        actor,
        query: operationsQuery.parse({ from: addDays(today, -90), to: today }),
        now,
      }),
    ]);
  const real: number[] = [];
  const raw: number[] = [];
  let episodes = 0;
  // Interleaved in alternating order so drift on a shared machine touches both alike.
  for (let i = 0; i < reads; i++) {
    const timeReal = async () => {
      const { ms, value } = await timed(read);
      real.push(ms);
      episodes = value[0].episodes;
    };
    const timeRaw = async () => raw.push((await timed(() => rawHeadline(db, orgId))).ms);
    if (i % 2 === 0) {
      await timeReal();
      await timeRaw();
    } else {
      await timeRaw();
      await timeReal();
    }
  }
  return { real: latency(real), raw: latency(raw), episodes, clinics: clinics.length };
}
