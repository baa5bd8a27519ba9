// Keeps episode_month_minutes equal to the contact log, and proves it: every write path adds its delta
// in the same transaction, and `recountMismatches` compares the rollups with a full recount.
import { sql, type Insertable, type OnConflictBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';

export interface MinuteDelta {
  orgId: string;
  episodeId: string;
  /** Clinic-local YYYY-MM of the contact. */
  month: string;
  staffRole: string;
  credential: string | null;
  /** Signed: a reversal subtracts what its contact added. */
  minutes: number;
  counted: boolean;
}

type RollupRow = Insertable<Database['episode_month_minutes']> & {
  counted_minutes: number;
  logged_minutes: number;
};

/** The rollup row one delta adds (minutes always logged; counted only when they count). */
export function rollupRow(d: MinuteDelta): RollupRow {
  return {
    org_id: d.orgId,
    episode_id: d.episodeId,
    month: d.month,
    staff_role: d.staffRole,
    credential: d.credential ?? '',
    counted_minutes: d.counted ? d.minutes : 0,
    logged_minutes: d.minutes,
  };
}

/** The upsert of rollup rows: an existing key adds the new minutes to its totals. */
export const addToExisting = (oc: OnConflictBuilder<Database, 'episode_month_minutes'>) =>
  oc.columns(['org_id', 'episode_id', 'month', 'staff_role', 'credential']).doUpdateSet({
    counted_minutes: sql`episode_month_minutes.counted_minutes + excluded.counted_minutes`,
    logged_minutes: sql`episode_month_minutes.logged_minutes + excluded.logged_minutes`,
  });

/** Adds contact deltas to the rollups (summed per key first: one statement may touch a row only once). */
export async function addToRollups(db: Db, deltas: readonly MinuteDelta[]): Promise<void> {
  const byKey = new Map<string, RollupRow>();
  for (const d of deltas) {
    const row = rollupRow(d);
    const key = [row.org_id, row.episode_id, row.month, row.staff_role, row.credential].join('|');
    const sum = byKey.get(key);
    if (sum) {
      sum.counted_minutes += row.counted_minutes;
      sum.logged_minutes += row.logged_minutes;
    } else byKey.set(key, row);
  }
  if (byKey.size === 0) return;
  await db
    .insertInto('episode_month_minutes')
    .values([...byKey.values()])
    .onConflict(addToExisting)
    .execute();
}

export interface RollupMismatch {
  orgId: string;
  episodeId: string;
  month: string;
  staffRole: string;
  credential: string;
  rollup: { counted: number; logged: number };
  recount: { counted: number; logged: number };
}

/** Every rollup key whose stored totals differ from a recount of the contact log (empty = consistent). */
export async function recountMismatches(db: Db, orgId?: string): Promise<RollupMismatch[]> {
  const orgFilter = orgId ? sql`and k.org_id = ${orgId}` : sql``;
  const rollupFilter = orgId ? sql`where r.org_id = ${orgId}` : sql``;
  const { rows } = await sql<{
    org_id: string;
    episode_id: string;
    month: string;
    staff_role: string;
    credential: string;
    r_counted: number;
    r_logged: number;
    c_counted: number;
    c_logged: number;
  }>`
    with recount as (
      select k.org_id, k.episode_id, to_char(k.occurred_at at time zone c.timezone, 'YYYY-MM') as month,
             k.staff_role, coalesce(u.credential, '') as credential,
             coalesce(sum(k.minutes) filter (where k.counts_toward_program), 0)::int as counted,
             sum(k.minutes)::int as logged
      from contacts k
      join clinics c on c.org_id = k.org_id and c.id = k.clinic_id
      join users u on u.org_id = k.org_id and u.id = k.staff_id
      where true ${orgFilter}
      group by 1, 2, 3, 4, 5
    ), rollup as (
      select r.org_id, r.episode_id, r.month, r.staff_role, r.credential, r.counted_minutes as counted, r.logged_minutes as logged
      from episode_month_minutes r ${rollupFilter}
    )
    select coalesce(r.org_id, c.org_id) as org_id, coalesce(r.episode_id, c.episode_id) as episode_id,
           coalesce(r.month, c.month) as month, coalesce(r.staff_role, c.staff_role) as staff_role,
           coalesce(r.credential, c.credential) as credential,
           coalesce(r.counted, 0) as r_counted, coalesce(r.logged, 0) as r_logged,
           coalesce(c.counted, 0) as c_counted, coalesce(c.logged, 0) as c_logged
    from rollup r
    full outer join recount c using (org_id, episode_id, month, staff_role, credential)
    where coalesce(r.counted, 0) <> coalesce(c.counted, 0) or coalesce(r.logged, 0) <> coalesce(c.logged, 0)
    order by 1, 2, 3, 4, 5
  `.execute(db);
  return rows.map((r) => ({
    orgId: r.org_id,
    episodeId: r.episode_id,
    month: r.month,
    staffRole: r.staff_role,
    credential: r.credential,
    rollup: { counted: r.r_counted, logged: r.r_logged },
    recount: { counted: r.c_counted, logged: r.c_logged },
  }));
}
