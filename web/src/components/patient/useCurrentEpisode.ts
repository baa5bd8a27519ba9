// The patient's episode of care the chart shows: the open one, else the most recent.
import { useEpisode, usePatientEpisodes } from '../../api/hooks';
import type { EpisodeView } from '@server/services/episodes/episode-view';
import { useSession } from '../../session/SessionProvider';

export function pickCurrent(episodes: EpisodeView[]): EpisodeView | null {
  const newestFirst = [...episodes].sort((a, b) => (a.referredAt < b.referredAt ? 1 : -1));
  return newestFirst.find((e) => e.status !== 'discharged') ?? newestFirst[0] ?? null;
}

export function useCurrentEpisode(patientId: string) {
  const { can } = useSession();
  const list = usePatientEpisodes(patientId, can('GET /api/patients/{id}/episodes'));
  const episodes = list.data?.episodes ?? [];
  const current = pickCurrent(episodes);
  const detail = useEpisode(current && can('GET /api/episodes/{id}') ? current.id : null);
  return { list, episodes, current, detail };
}
