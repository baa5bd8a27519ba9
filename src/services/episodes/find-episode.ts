// Loads an episode the actor may see (another clinic's episode is not found), optionally locked.
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { uuid } from '../schemas.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-view.js';

export async function findEpisode(
  db: Db,
  actor: Actor,
  episodeId: string,
  options: { forUpdate?: boolean; field?: string } = {},
): Promise<EpisodeView> {
  const field = options.field ?? 'id';
  if (!uuid.safeParse(episodeId).success) throw AppError.notFound('Episode', field);
  let query = db
    .selectFrom('episodes')
    .select(episodeColumns)
    .where('org_id', '=', actor.orgId)
    .where('id', '=', episodeId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || !actor.clinicIds.includes(row.clinic_id)) throw AppError.notFound('Episode', field);
  return toEpisodeView(row);
}
