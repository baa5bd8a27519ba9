// The PCP's inbox: case-review recommendations to acknowledge (one click each, with a link to the
// patient), the risk summaries of their patients with a current safety flag, and their worklist count.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconListCheck } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { keys, useAcknowledge, useApi, useRecommendations, useRegistry, useWorklist } from '../api/hooks';
import { useStaff } from '../api/staff';
import type { InboxStatus, RecommendationView } from '@server/services/case-reviews/recommendations';
import type { RegistryRow } from '@server/services/registry/registry-view';
import { FlagChip } from '../components/FlagChips';
import { RecommendationState } from '../components/patient/CaseReviewHistory';
import { Loading, QueryState } from '../components/QueryState';
import { formatDate, formatDateTime, recommendationKindLabel, sortName } from '../lib/format';
import { errorMessage } from '../lib/issues';
import { useSession } from '../session/SessionProvider';
import { useClinicTimeZone } from '../session/useClinicTimeZone';

function RecommendationCard({
  rec,
  consultant,
  onAcknowledged,
}: {
  rec: RecommendationView;
  consultant: string;
  onAcknowledged: (rec: RecommendationView) => void;
}) {
  const timeZone = useClinicTimeZone();
  const acknowledge = useAcknowledge();
  const waitingDays = Math.floor((Date.now() - Date.parse(rec.sentAt)) / 86_400_000);
  return (
    <Card withBorder padding="md" component="li" data-testid="recommendation">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ flex: 1 }}>
          <Group gap="xs">
            <Anchor component={Link} to={`/patients/${rec.patient.id}`} fw={700}>
              {sortName(rec.patient)}
            </Anchor>
            <Text size="sm" c="dimmed">
              MRN {rec.patient.mrn}
            </Text>
            <Badge variant="light" color="grape" c="grape.9">
              {recommendationKindLabel(rec.kind)}
            </Badge>
          </Group>
          <Text>{rec.text}</Text>
          <Text size="sm" c="dimmed">
            From {consultant}, case review {formatDate(rec.reviewedAt, timeZone)}
          </Text>
          {rec.acknowledgedAt ? (
            <RecommendationState
              acknowledgedAt={rec.acknowledgedAt}
              sentAt={rec.sentAt}
              timeZone={timeZone}
            />
          ) : (
            waitingDays >= 7 && (
              <Group gap={4}>
                <IconAlertTriangle size={16} color="var(--careloop-warning-text)" aria-hidden />
                <Text size="sm" fw={600} c="var(--careloop-warning-text)">
                  Waiting {waitingDays} days
                </Text>
              </Group>
            )
          )}
          {acknowledge.error && (
            <Text size="sm" c="red.9" role="alert">
              {errorMessage(acknowledge.error)}
            </Text>
          )}
        </Stack>
        {!rec.acknowledgedAt && (
          <Button
            mih={44}
            leftSection={<IconCircleCheck size={18} aria-hidden />}
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(rec.id, { onSuccess: () => onAcknowledged(rec) })}
            aria-label={`Acknowledge: ${recommendationKindLabel(rec.kind)} for ${sortName(rec.patient)}`}
          >
            Acknowledge
          </Button>
        )}
      </Group>
    </Card>
  );
}

function Recommendations({ clinicId }: { clinicId: string }) {
  const [status, setStatus] = useState<InboxStatus>('open');
  const [done, setDone] = useState<RecommendationView | null>(null);
  const query = useRecommendations(status, clinicId);
  const staff = useStaff(clinicId);
  return (
    <Stack gap="sm">
      {done && (
        <Alert
          color="careloop"
          variant="light"
          role="status"
          icon={<IconCircleCheck aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setDone(null)}
        >
          Acknowledged: {recommendationKindLabel(done.kind)} for {sortName(done.patient)}.
        </Alert>
      )}
      <Tabs
        value={status}
        onChange={(v) => {
          setDone(null);
          setStatus(v === 'acknowledged' ? 'acknowledged' : 'open');
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="open" mih={44}>
            To acknowledge
          </Tabs.Tab>
          <Tabs.Tab value="acknowledged" mih={44}>
            Acknowledged
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <QueryState query={query} loadingLabel="Loading recommendations…">
        {(data) =>
          data.recommendations.length === 0 ? (
            <Text c="dimmed" py="sm">
              {status === 'open'
                ? 'Nothing to acknowledge. New case-review recommendations appear here.'
                : 'None yet.'}
            </Text>
          ) : (
            <Stack
              gap="sm"
              component="ul"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
              data-testid={`recommendations-${status}`}
            >
              {data.recommendations.map((rec) => (
                <RecommendationCard
                  key={rec.id}
                  rec={rec}
                  consultant={staff.name(rec.consultantId)}
                  onAcknowledged={setDone}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

/** Risk summaries: the newest risk-summary note of each of the PCP's patients with a safety flag. */
function RiskSummaries({ clinicId, pcpId, timeZone }: { clinicId: string; pcpId: string; timeZone: string }) {
  const api = useApi();
  const registry = useRegistry({ clinicId, pcpId, status: 'open', flag: 'safety_risk' });
  const rows: RegistryRow[] = registry.data?.rows.slice(0, 25) ?? [];
  const notes = useQueries({
    queries: rows.map((r) => ({
      queryKey: keys.notes(r.episodeId),
      queryFn: () => api.episodes.notes(r.episodeId),
    })),
  });
  return (
    <QueryState query={registry} loadingLabel="Loading risk summaries…">
      {() =>
        rows.length === 0 ? (
          <Text c="dimmed">None of your patients has a current safety flag.</Text>
        ) : (
          <Stack
            gap="sm"
            component="ul"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
            data-testid="risk-summaries"
          >
            {rows.map((row, i) => {
              const reply = notes[i];
              const summary = reply?.data?.notes
                .filter((n) => n.kind === 'risk_summary')
                .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
              const flag = row.flags.find((f) => f.code === 'safety_risk');
              return (
                <Card key={row.episodeId} withBorder padding="md" component="li">
                  <Group gap="xs" mb={6}>
                    <Anchor component={Link} to={`/patients/${row.patientId}`} fw={700}>
                      {sortName(row.patient)}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      MRN {row.patient.mrn}
                    </Text>
                    {flag && <FlagChip code={flag.code} reason={flag.reason} />}
                  </Group>
                  {reply?.isPending ? (
                    <Loading label="Loading the risk summary…" />
                  ) : summary ? (
                    <Stack gap={2}>
                      <Text size="sm" c="dimmed">
                        Risk summary, {formatDateTime(summary.createdAt, timeZone)}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {summary.body}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="var(--careloop-warning-text)" fw={600}>
                      No risk summary written yet. {flag ? flag.reason : ''}
                    </Text>
                  )}
                </Card>
              );
            })}
          </Stack>
        )
      }
    </QueryState>
  );
}

function WorklistNote({ clinicId }: { clinicId: string }) {
  const worklist = useWorklist(clinicId, { status: 'open' });
  const items = worklist.data?.items ?? [];
  if (items.length === 0) return null;
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Alert color={overdue > 0 ? 'red' : 'blue'} variant="light" icon={<IconListCheck aria-hidden />}>
      <Group gap="xs">
        <Text>
          The clinic worklist has {items.length} open {items.length === 1 ? 'item' : 'items'}
          {overdue > 0 ? `, ${overdue} overdue` : ''}.
        </Text>
        <Anchor component={Link} to="/worklist" fw={600}>
          Open the worklist
        </Anchor>
      </Group>
    </Alert>
  );
}

export default function InboxPage() {
  const { clinic, user, can } = useSession();
  if (!clinic || !user) return <Loading />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Inbox</Title>
        <Text c="dimmed">{clinic.name}</Text>
      </div>
      {can('GET /api/worklist') && <WorklistNote clinicId={clinic.id} />}
      <section aria-labelledby="inbox-recommendations">
        <Title order={2} size="h3" id="inbox-recommendations" mb="sm">
          Case-review recommendations
        </Title>
        <Recommendations clinicId={clinic.id} />
      </section>
      {can('GET /api/registry') && can('GET /api/episodes/{id}/notes') && (
        <section aria-labelledby="inbox-risk">
          <Title order={2} size="h3" id="inbox-risk" mb="sm">
            Risk summaries of your patients
          </Title>
          <RiskSummaries clinicId={clinic.id} pcpId={user.id} timeZone={clinic.timezone} />
        </section>
      )}
    </Stack>
  );
}
