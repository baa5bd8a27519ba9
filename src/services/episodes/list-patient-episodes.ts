// Lists a patient's episodes, newest referral first.
import type { Db } from '../../db/connection.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-view.js';

export async function listPatientEpisodes({
  db,
  actor,
  patientId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
}): Promise<{ episodes: EpisodeView[] }> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const rows = await trx
      .selectFrom('episodes')
      .select(episodeColumns)
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .orderBy('referred_at', 'desc')
      .execute();
    await recordAudit(trx, actor, {
      action: 'episode.read',
      entity: 'episode',
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { count: rows.length },
    });
    return { episodes: rows.map(toEpisodeView) };
  });
}
