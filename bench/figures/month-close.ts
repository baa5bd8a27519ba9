// Month close for the whole organization (`closeMonth`, every clinic in turn) against one hand-written
// SQL aggregate of the same month's counted minutes per episode, straight from the contact log.
import { sql } from 'kysely';
import { cliActor } from '../../src/cli/database.js';
import type { Db } from '../../src/db/connection.js';
import { addMonths, monthOf } from '../../src/domain/calendar/index.js';
import { closeMonth } from '../../src/services/billing/billing-month.js';
import { median, timed } from '../stats.js';

export interface MonthCloseFigure {
  month: string;
  clinics: number;
  /** Clinics whose close failed, and the first error: the figure then times the others. */
  failedClinics: number;
  firstError: string | null;
  claims: number;
  episodes: number;
  closeMs: number;
  rawMs: number;
  runs: number;
}

/** Every episode open in the month, with its counted minutes in its clinic's calendar month. */
function rawMonthAggregate(db: Db, orgId: string, month: string) {
  return sql<{ n: number }>`
    with bounds as (
      select c.id as clinic_id,
             (${month} || '-01')::timestamp at time zone c.timezone as start_at,
             ((${month} || '-01')::date + interval '1 month')::timestamp at time zone c.timezone as end_at
      from clinics c where c.org_id = ${orgId}
    )
    select count(*)::int as n from (
      select e.id, coalesce(sum(k.minutes) filter (where k.counts_toward_program), 0) as counted
      from episodes e
      join bounds b on b.clinic_id = e.clinic_id
      left join contacts k on k.org_id = e.org_id and k.episode_id = e.id
        and k.occurred_at >= b.start_at and k.occurred_at < b.end_at
      where e.org_id = ${orgId} and e.referred_at < b.end_at
        and (e.discharged_at is null or e.discharged_at >= b.start_at)
      group by e.id
    ) per_episode
  `.execute(db);
}

export async function measureMonthClose(db: Db, orgId: string, runs: number): Promise<MonthCloseFigure> {
  const actor = await cliActor(db, orgId);
  // The last month that has ended in every US zone.
  const month = addMonths(monthOf(new Date(), 'Pacific/Honolulu'), -1);
  let failedClinics = 0;
  let firstError: string | null = null;
  // Each clinic closes in its own transaction; one that fails is counted and the others still close.
  const closeAll = async () => {
    failedClinics = 0;
    for (const clinicId of actor.clinicIds) {
      try {
        await closeMonth({ db, actor, now: new Date(), month, clinicId });
      } catch (error) {
        failedClinics++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  const close: number[] = [];
  const raw: number[] = [];
  let episodes = 0;
  for (let run = 0; run < runs; run++) {
    close.push((await timed(closeAll)).ms);
    const aggregate = await timed(() => rawMonthAggregate(db, orgId, month));
    raw.push(aggregate.ms);
    episodes = aggregate.value.rows[0]?.n ?? 0;
  }
  const claims = await db
    .selectFrom('claims')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', orgId)
    .where('month', '=', month)
    .executeTakeFirstOrThrow();
  return {
    month,
    clinics: actor.clinicIds.length,
    failedClinics,
    firstError,
    claims: claims.n,
    episodes,
    closeMs: median(close),
    rawMs: median(raw),
    runs,
  };
}
