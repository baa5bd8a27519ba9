// Psychiatric case reviews of the episode and their recommendations, each with its acknowledgement state;
// the PCP acknowledges from here (or from the inbox).
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { IconCircleCheck, IconClockHour4 } from '@tabler/icons-react';
import { useAcknowledge } from '../../api/hooks';
import { useStaff } from '../../api/staff';
import type { EpisodeDetail } from '@server/services/read-models/episode-detail';
import { formatDate, formatDateTime, recommendationKindLabel } from '../../lib/format';
import { useSession } from '../../session/SessionProvider';
import { QueryState } from '../QueryState';
import { useCurrentEpisode } from './useCurrentEpisode';
import type { PatientSectionProps } from './types';

export function RecommendationState({
  acknowledgedAt,
  sentAt,
  timeZone,
}: {
  acknowledgedAt: string | null;
  sentAt: string;
  timeZone: string;
}) {
  return acknowledgedAt ? (
    <Group gap={4} wrap="nowrap">
      <IconCircleCheck size={16} color="var(--mantine-color-careloop-9)" aria-hidden />
      <Text size="sm">Acknowledged by the PCP {formatDate(acknowledgedAt, timeZone)}</Text>
    </Group>
  ) : (
    <Group gap={4} wrap="nowrap">
      <IconClockHour4 size={16} color="var(--careloop-warning-text)" aria-hidden />
      <Text size="sm" c="var(--careloop-warning-text)" fw={600}>
        Waiting for the PCP since {formatDate(sentAt, timeZone)}
      </Text>
    </Group>
  );
}

export function CaseReviewList({
  reviews,
  timeZone,
  clinicId,
  limit = 10,
}: {
  reviews: EpisodeDetail['caseReviews'];
  timeZone: string;
  clinicId: string;
  limit?: number;
}) {
  const { can, user } = useSession();
  const staff = useStaff(clinicId);
  const acknowledge = useAcknowledge();
  const sorted = [...reviews].sort((a, b) => (a.reviewedAt < b.reviewedAt ? 1 : -1)).slice(0, limit);
  if (sorted.length === 0) return <Text c="dimmed">No case reviews yet.</Text>;
  return (
    <Stack
      gap="sm"
      component="ul"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
      data-testid="case-reviews"
    >
      {sorted.map((review) => (
        <Card key={review.id} withBorder padding="sm" component="li">
          <Text fw={600}>
            {formatDateTime(review.reviewedAt, timeZone)} · {staff.name(review.consultantId)} ·{' '}
            {review.minutes} min
          </Text>
          {review.notes && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {review.notes}
            </Text>
          )}
          {review.recommendations.length > 0 && (
            <Stack gap={6} mt="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {review.recommendations.map((r) => (
                <Stack
                  key={r.id}
                  gap={2}
                  component="li"
                  pl="sm"
                  style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}
                >
                  <Group gap="xs">
                    <Badge variant="light" color="grape" c="grape.9">
                      {recommendationKindLabel(r.kind)}
                    </Badge>
                    <Text size="sm">{r.text}</Text>
                  </Group>
                  <Group gap="sm">
                    <RecommendationState
                      acknowledgedAt={r.acknowledgedAt}
                      sentAt={r.sentAt}
                      timeZone={timeZone}
                    />
                    {!r.acknowledgedAt &&
                      can('POST /api/recommendations/{id}/acknowledge') &&
                      r.pcpId === user?.id && (
                        <Button
                          size="compact-sm"
                          variant="light"
                          loading={acknowledge.isPending && acknowledge.variables === r.id}
                          onClick={() => acknowledge.mutate(r.id)}
                        >
                          Acknowledge
                        </Button>
                      )}
                  </Group>
                </Stack>
              ))}
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}

export function CaseReviewSection({ patient, timeZone }: PatientSectionProps) {
  const { current, detail } = useCurrentEpisode(patient.id);
  const [showAll, setShowAll] = useState(false);
  if (current === null) return <Text c="dimmed">No episode of care, so no case reviews.</Text>;
  return (
    <QueryState query={detail} loadingLabel="Loading case reviews…">
      {(episode) => (
        <Stack gap="xs">
          <CaseReviewList
            reviews={episode.caseReviews}
            timeZone={timeZone}
            clinicId={patient.clinicId}
            limit={showAll ? 50 : 3}
          />
          {episode.caseReviews.length > 3 && (
            <Button variant="subtle" w="fit-content" onClick={() => setShowAll((v) => !v)}>
              {showAll ? 'Show the newest 3' : `Show ${episode.caseReviews.length - 3} earlier reviews`}
            </Button>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
