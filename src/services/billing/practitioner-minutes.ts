// The general BHI billing practitioner's credential and own counted minutes per clinic day: G0323 rests on them (billing.md §3).
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Credential } from '../../domain/billing/vocabulary.js';

export interface PractitionerMinutes {
  /** the billing practitioner's credential; null when not recorded */
  credential: Credential | null;
  /** counted minutes the billing practitioner logged personally this month */
  ownMinutes: number;
  /** the same minutes per clinic-zone day (`YYYY-MM-DD`) */
  ownByDay: Map<string, number>;
}

/**
 * For each episode: its billing practitioner's credential and the counted minutes that practitioner
 * logged in [start, end). Reversals carry negative minutes under the same staff member, so sums are
 * the corrected totals.
 */
export async function practitionerMinutes(
  db: Db,
  orgId: string,
  episodeIds: readonly string[],
  range: { start: Date; end: Date; timeZone: string },
): Promise<Map<string, PractitionerMinutes>> {
  const result = new Map<string, PractitionerMinutes>();
  if (episodeIds.length === 0) return result;
  const rows = await db
    .selectFrom('episodes as e')
    .innerJoin('users as u', (j) =>
      j.onRef('u.org_id', '=', 'e.org_id').onRef('u.id', '=', 'e.billing_practitioner_id'),
    )
    .leftJoin('contacts as k', (j) =>
      j
        .onRef('k.org_id', '=', 'e.org_id')
        .onRef('k.episode_id', '=', 'e.id')
        .onRef('k.staff_id', '=', 'e.billing_practitioner_id')
        .on('k.counts_toward_program', '=', true)
        .on('k.occurred_at', '>=', range.start)
        .on('k.occurred_at', '<', range.end),
    )
    .select([
      'e.id as episode_id',
      'u.credential',
      sql<string | null>`to_char(k.occurred_at at time zone ${range.timeZone}, 'YYYY-MM-DD')`.as('day'),
      sql<number>`coalesce(sum(k.minutes), 0)::int`.as('minutes'),
    ])
    .where('e.org_id', '=', orgId)
    .where('e.id', 'in', episodeIds)
    .groupBy(['e.id', 'u.credential', sql`3`])
    .execute();
  for (const row of rows) {
    const entry = result.get(row.episode_id) ?? {
      credential: row.credential as Credential | null,
      ownMinutes: 0,
      ownByDay: new Map<string, number>(),
    };
    if (row.day !== null) {
      entry.ownMinutes += row.minutes;
      entry.ownByDay.set(row.day, (entry.ownByDay.get(row.day) ?? 0) + row.minutes);
    }
    result.set(row.episode_id, entry);
  }
  return result;
}
