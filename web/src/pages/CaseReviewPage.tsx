// The psychiatric consultant's case review: the prioritised list on the left, one patient at a time on
// the right with everything needed on one screen (reasons, flags, score trend, medications, recent
// contacts, earlier recommendations), and recommendations entered from the keyboard:
// Alt+1–4 picks the kind, Enter adds the recommendation, Ctrl/⌘+Enter saves the review and opens the next.
// A review with neither notes nor recommendations is saved only after the consultant confirms it.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Kbd,
  Modal,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { getHotkeyHandler, type HotkeyItem } from '@mantine/hooks';
import { IconArrowRight, IconCircleCheck, IconChevronRight, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useContacts, useEpisode, useRecordCaseReview, useReviewQueue, useScreenings } from '../api/hooks';
import { useStaff } from '../api/staff';
import { RECOMMENDATION_KINDS, type RecommendationKind } from '@server/domain/registry/case-review';
import { MAX_CONTACT_MINUTES } from '@server/domain/registry/contact-rules';
import type { PrimaryMeasureCode } from '@server/domain/registry/outcomes';
import type { ReviewQueueItem } from '@server/services/case-reviews/review-queue';
import type { RegistryRow } from '@server/services/registry/registry-view';
import { FlagChips, ReviewReasonChips } from '../components/FlagChips';
import { FormAlert } from '../components/FormAlert';
import { CaseReviewList } from '../components/patient/CaseReviewHistory';
import { ScoreTrend } from '../components/patient/ScoreTrend';
import { Loading, QueryState } from '../components/QueryState';
import {
  activityLabel,
  ageFrom,
  episodeStatusLabel,
  formatChange,
  formatDate,
  formatDateTime,
  formatDay,
  modalityLabel,
  recommendationKindLabel,
  reviewReasonLabel,
  sortName,
} from '../lib/format';
import { fieldErrors } from '../lib/issues';
import { useSession } from '../session/SessionProvider';
import { UnsavedChangesGuard } from '../components/UnsavedChangesGuard';

const measureOf = (row: RegistryRow): PrimaryMeasureCode =>
  row.primaryMeasure.toLowerCase() === 'gad-7' ? 'gad-7' : 'phq-9';

function QueueList({
  items,
  selectedId,
  onSelect,
  done,
}: {
  items: ReviewQueueItem[];
  selectedId: string | null;
  onSelect: (episodeId: string) => void;
  done: Set<string>;
}) {
  return (
    <nav aria-label="Patients to review">
      <Stack
        gap={6}
        component="ol"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
        data-testid="review-queue"
      >
        {items.map((item, index) => {
          const row = item.episode;
          const selected = row.episodeId === selectedId;
          return (
            <li key={row.episodeId}>
              <UnstyledButton
                className="queue-item"
                data-selected={selected || undefined}
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(row.episodeId)}
                w="100%"
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={2}>
                    <Text fw={selected ? 800 : 600}>
                      {index + 1}. {sortName(row.patient)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {reviewReasonLabel(item.priority)}
                      {row.latestScore !== null ? ` · ${row.primaryMeasure} ${row.latestScore}` : ''}
                      {row.weeksInTreatment !== null ? ` · week ${row.weeksInTreatment}` : ''}
                    </Text>
                    {done.has(row.episodeId) && (
                      <Group gap={4}>
                        <IconCircleCheck size={14} color="var(--mantine-color-careloop-9)" aria-hidden />
                        <Text size="xs" fw={600}>
                          Reviewed now
                        </Text>
                      </Group>
                    )}
                  </Stack>
                  {selected && <IconChevronRight size={18} aria-hidden />}
                </Group>
              </UnstyledButton>
            </li>
          );
        })}
      </Stack>
    </nav>
  );
}

interface Draft {
  kind: RecommendationKind;
  text: string;
}

function ReviewForm({
  item,
  onSaved,
  hasNext,
  focusOnOpen,
}: {
  item: ReviewQueueItem;
  onSaved: (summary: string) => void;
  hasNext: boolean;
  /** Put the cursor in the recommendation box (after the user picked or moved to this patient). */
  focusOnOpen: boolean;
}) {
  const { user } = useSession();
  const row = item.episode;
  const staff = useStaff(row.clinicId);
  const record = useRecordCaseReview();
  const errors = fieldErrors(record.error);
  const consultants = staff.withRole('psychiatric_consultant');
  const isConsultant = user?.roles.includes('psychiatric_consultant') ?? false;
  const [consultantId, setConsultantId] = useState<string | null>(null);
  const [kind, setKind] = useState<RecommendationKind>('medication_change');
  const [text, setText] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [notes, setNotes] = useState('');
  const [minutes, setMinutes] = useState<number | string>(1);
  const [minutesEdited, setMinutesEdited] = useState(false);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const textRef = useRef<HTMLInputElement>(null);
  const openedAt = useRef(Date.now());

  // Review time counts from opening the patient until the consultant types a number of their own.
  useEffect(() => {
    if (minutesEdited) return;
    const tick = () => setMinutes(Math.max(1, Math.round((Date.now() - openedAt.current) / 60_000)));
    tick();
    const timer = window.setInterval(tick, 15_000);
    return () => window.clearInterval(timer);
  }, [minutesEdited]);

  useEffect(() => {
    if (focusOnOpen) textRef.current?.focus();
    // Only when the form opens.
  }, []);

  const consultant =
    consultantId ??
    (isConsultant ? (user?.id ?? '') : (row.psychiatricConsultantId ?? consultants[0]?.id ?? ''));

  const addDraft = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setDrafts((d) => [...d, { kind, text: trimmed }]);
    setText('');
  };

  const save = (confirmed = false) => {
    if (record.isPending) return;
    const pending = text.trim() ? [...drafts, { kind, text: text.trim() }] : drafts;
    // An empty review is legitimate (the patient was discussed, nothing to change) but is more often a
    // slip of Ctrl+Enter; it is saved, and the list moves on, only once confirmed.
    if (!confirmed && pending.length === 0 && !notes.trim()) {
      setConfirmEmpty(true);
      return;
    }
    setConfirmEmpty(false);
    if (text.trim()) {
      setDrafts(pending);
      setText('');
    }
    record.mutate(
      {
        episodeId: row.episodeId,
        input: {
          reviewedAt: new Date().toISOString(),
          consultantId: consultant,
          minutes: typeof minutes === 'number' ? minutes : Number(minutes),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
          recommendations: pending,
        },
      },
      {
        onSuccess: () =>
          onSaved(
            `Saved the review of ${sortName(row.patient)}` +
              (pending.length > 0
                ? ` with ${pending.length} ${pending.length === 1 ? 'recommendation' : 'recommendations'} for the PCP.`
                : '.'),
          ),
      },
    );
  };

  // Matched on the physical key (KeyboardEvent.code "Digit1"…"Digit4"): with Alt held, `key` is another
  // character on several layouts (e.g. "¡" on a Mac), and physical matching compares codes, not "1".
  const kindKeys: HotkeyItem[] = RECOMMENDATION_KINDS.map((k, i) => [
    `alt+Digit${i + 1}`,
    () => setKind(k),
    { preventDefault: true, usePhysicalKeys: true },
  ]);
  const formKeys = getHotkeyHandler([['mod+Enter', () => save()], ...kindKeys]);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={formKeys}
      aria-labelledby="review-form-title"
    >
      <Stack gap="sm">
        <UnsavedChangesGuard
          dirty={drafts.length > 0 || text.trim() !== '' || notes.trim() !== ''}
          what="The review’s recommendations and notes"
        />
        <Group justify="space-between">
          <Title order={3} size="h4" id="review-form-title">
            Recommendations
          </Title>
          <Text size="sm" c="dimmed">
            <Kbd>Alt</Kbd>+<Kbd>1</Kbd>–<Kbd>4</Kbd> kind · <Kbd>Enter</Kbd> add · <Kbd>Ctrl</Kbd>/
            <Kbd>⌘</Kbd>+<Kbd>Enter</Kbd> save
          </Text>
        </Group>
        <FormAlert
          error={record.error}
          issues={errors.unclaimed(['recommendations', 'minutes', 'notes', 'consultantId', 'reviewedAt'])}
          title="Review not saved"
        />
        <SegmentedControl
          aria-label="Kind of recommendation"
          value={kind}
          onChange={(v) => setKind(v as RecommendationKind)}
          data={RECOMMENDATION_KINDS.map((k, i) => ({
            value: k,
            label: `${i + 1} · ${recommendationKindLabel(k)}`,
          }))}
          fullWidth
        />
        <Group align="end" gap="xs" wrap="nowrap">
          <TextInput
            ref={textRef}
            label="Recommendation"
            placeholder="e.g. Increase sertraline to 100 mg daily"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={getHotkeyHandler([['Enter', addDraft, { preventDefault: true }]])}
            error={errors.get('recommendations')}
            style={{ flex: 1 }}
            maxLength={4000}
          />
          <Button variant="light" mih={36} onClick={addDraft} disabled={!text.trim()}>
            Add
          </Button>
        </Group>
        {drafts.length > 0 && (
          <Stack
            gap={4}
            component="ol"
            style={{ margin: 0, paddingLeft: '1.25rem' }}
            aria-label="Recommendations to send"
          >
            {drafts.map((d, i) => (
              <li key={`${i}-${d.text}`}>
                <Group gap="xs" wrap="nowrap">
                  <Badge variant="light" color="grape" c="grape.9">
                    {recommendationKindLabel(d.kind)}
                  </Badge>
                  <Text size="sm" style={{ flex: 1 }}>
                    {d.text}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    aria-label={`Remove recommendation ${i + 1}`}
                    onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </li>
            ))}
          </Stack>
        )}
        <Textarea
          label="Review notes (optional)"
          autosize
          minRows={2}
          maxLength={20000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.get('notes')}
        />
        <Group align="end" gap="sm">
          <NumberInput
            label="Review minutes"
            description={minutesEdited ? 'As entered' : 'Timed since you opened this patient'}
            value={minutes}
            onChange={(v) => {
              setMinutesEdited(true);
              setMinutes(v);
            }}
            min={1}
            max={MAX_CONTACT_MINUTES}
            // Out-of-range values go to the server, which refuses them at the field; never clamp silently.
            clampBehavior="none"
            allowDecimal={false}
            w={180}
            error={errors.get('minutes')}
          />
          {!isConsultant && (
            <NativeSelect
              label="Consultant"
              value={consultant}
              onChange={(e) => setConsultantId(e.currentTarget.value)}
              data={consultants.map((u) => ({ value: u.id, label: u.name }))}
              error={errors.get('consultantId')}
            />
          )}
          <Button
            type="submit"
            mih={44}
            loading={record.isPending}
            rightSection={hasNext ? <IconArrowRight size={18} aria-hidden /> : undefined}
            ml="auto"
          >
            {hasNext ? 'Save review and next' : 'Save review'}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirmEmpty}
        onClose={() => setConfirmEmpty(false)}
        closeButtonProps={{ 'aria-label': 'Close' }}
        title={<Text fw={700}>Save an empty review?</Text>}
      >
        <Stack>
          <Text>
            This review has no notes and no recommendations for the PCP. Save it anyway, or go back and add
            what was decided.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmEmpty(false)} data-autofocus>
              Go back
            </Button>
            <Button loading={record.isPending} onClick={() => save(true)}>
              Save empty review
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

function PatientSummary({ item, timeZone }: { item: ReviewQueueItem; timeZone: string }) {
  const row = item.episode;
  const staff = useStaff(row.clinicId);
  const episode = useEpisode(row.episodeId);
  const screenings = useScreenings(row.patientId);
  const contacts = useContacts(row.episodeId);
  const age = row.patient.birthDate ? ageFrom(row.patient.birthDate) : null;
  const recentContacts = (contacts.data?.contacts ?? [])
    .filter((c) => c.kind === 'entry' && !c.reversed)
    .slice(0, 5);
  const meds = episode.data?.medications ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            <Anchor component={Link} to={`/patients/${row.patientId}`} inherit>
              {sortName(row.patient)}
            </Anchor>
          </Title>
          <Text c="dimmed" size="sm">
            MRN {row.patient.mrn}
            {age !== null ? ` · ${age} years` : ''} · {episodeStatusLabel(row.status)}
            {row.weeksInTreatment !== null ? ` · week ${row.weeksInTreatment}` : ''} ·{' '}
            {row.diagnoses.join(', ')}
          </Text>
          <Text c="dimmed" size="sm">
            Care manager {staff.name(row.careManagerId)} · PCP {staff.name(row.pcpId)}
            {row.lastCaseReviewAt
              ? ` · last review ${formatDate(row.lastCaseReviewAt, timeZone)}`
              : ' · never reviewed'}
          </Text>
        </div>
        <Card withBorder padding="xs" miw={170}>
          <Text size="sm" c="dimmed">
            {row.primaryMeasure} baseline → latest
          </Text>
          <Text fw={800} size="xl">
            {row.baselineScore ?? '—'} → {row.latestScore ?? '—'}
          </Text>
          <Text size="sm">{formatChange(row.percentChange)}</Text>
        </Card>
      </Group>
      <Stack gap={6}>
        <Text fw={700}>Why now</Text>
        <ReviewReasonChips reasons={item.reasons} />
        <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: '1.25rem' }}>
          {item.reasons.map((r) => (
            <Text key={r.code} size="sm" component="li">
              <strong>{reviewReasonLabel(r.code)}:</strong> {r.reason}
            </Text>
          ))}
        </Stack>
      </Stack>
      <Stack gap={6}>
        <Text fw={700}>Registry flags</Text>
        <FlagChips flags={row.flags} empty={<Text c="dimmed">None</Text>} />
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="sm">
          <Text fw={700} mb={4}>
            Scores
          </Text>
          <QueryState query={screenings} loadingLabel="Loading scores…">
            {(data) => (
              <ScoreTrend
                screenings={data.screenings}
                measure={measureOf(row)}
                baseline={row.baselineScore}
                timeZone={timeZone}
                height={220}
                since={row.referredAt}
                withStats={false}
                enrolledAt={row.enrolledAt}
              />
            )}
          </QueryState>
        </Card>
        <Stack gap="md">
          <Card withBorder padding="sm">
            <Text fw={700} mb={4}>
              Medications
            </Text>
            {episode.isPending ? (
              <Loading label="Loading medications…" />
            ) : meds.length === 0 ? (
              <Text size="sm" c="dimmed">
                None recorded.
              </Text>
            ) : (
              <Stack
                gap={2}
                component="ul"
                style={{ margin: 0, paddingLeft: '1.25rem' }}
                data-testid="review-medications"
              >
                {meds.map((m) => (
                  <Text key={m.id} size="sm" component="li" td={m.stoppedOn ? 'line-through' : undefined}>
                    <strong>{m.name}</strong> {m.dose ?? ''} · since {formatDay(m.startedOn)}
                    {m.stoppedOn ? ` · stopped ${formatDay(m.stoppedOn)}` : ''}
                    {m.changeNote ? ` · ${m.changeNote}` : ''}
                  </Text>
                ))}
              </Stack>
            )}
          </Card>
          <Card withBorder padding="sm">
            <Text fw={700} mb={4}>
              Last contacts
            </Text>
            {contacts.isPending ? (
              <Loading label="Loading contacts…" />
            ) : recentContacts.length === 0 ? (
              <Text size="sm" c="dimmed">
                None yet.
              </Text>
            ) : (
              <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: '1.25rem' }}>
                {recentContacts.map((c) => (
                  <Text key={c.id} size="sm" component="li">
                    {formatDateTime(c.occurredAt, timeZone)} · {activityLabel(c.activity)} (
                    {modalityLabel(c.modality)}) · {c.minutes} min
                  </Text>
                ))}
              </Stack>
            )}
          </Card>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function EarlierReviews({ item, timeZone }: { item: ReviewQueueItem; timeZone: string }) {
  const row = item.episode;
  const episode = useEpisode(row.episodeId);
  if (!episode.data || episode.data.caseReviews.length === 0) return null;
  return (
    <Stack gap={6}>
      <Text fw={700}>Earlier reviews</Text>
      <CaseReviewList
        reviews={episode.data.caseReviews}
        timeZone={timeZone}
        clinicId={row.clinicId}
        limit={2}
      />
    </Stack>
  );
}

export default function CaseReviewPage() {
  const { clinic } = useSession();
  const queue = useReviewQueue(clinic?.id ?? null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [done, setDone] = useState<Set<string>>(() => new Set());
  // The order the consultant is working through: kept while reviewed patients drop off the server's list.
  const [order, setOrder] = useState<string[]>([]);
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  useEffect(() => {
    setOrder((previous) => {
      const ids = items.map((i) => i.episode.episodeId);
      const kept = previous.filter((id) => ids.includes(id));
      return [...kept, ...ids.filter((id) => !kept.includes(id))];
    });
  }, [items]);
  const byId = new Map(items.map((i) => [i.episode.episodeId, i]));
  const ordered = order.map((id) => byId.get(id)).filter((i): i is ReviewQueueItem => i !== undefined);
  const selected =
    (selectedId && byId.get(selectedId)) || ordered.find((i) => !done.has(i.episode.episodeId)) || null;
  const position = selected ? ordered.indexOf(selected) : -1;
  const nextItem = ordered.slice(position + 1).find((i) => !done.has(i.episode.episodeId)) ?? null;

  if (!clinic) return <Loading />;
  const remaining = ordered.filter((i) => !done.has(i.episode.episodeId)).length;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Case review</Title>
        <Text c="dimmed">
          {clinic.name}
          {queue.data ? ` · ${remaining} ${remaining === 1 ? 'patient' : 'patients'} to review` : ''}
        </Text>
      </div>
      {saved && (
        <Alert
          color="careloop"
          variant="light"
          role="status"
          icon={<IconCircleCheck aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setSaved(null)}
        >
          {saved}
        </Alert>
      )}
      <QueryState query={queue} loadingLabel="Loading the review list…">
        {() =>
          ordered.length === 0 ? (
            <Text c="dimmed">Nobody needs a case review now.</Text>
          ) : (
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
                <QueueList
                  items={ordered}
                  selectedId={selected?.episode.episodeId ?? null}
                  onSelect={(id) => {
                    setSaved(null);
                    setSelectedId(id);
                  }}
                  done={done}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
                {selected ? (
                  <Card withBorder padding="lg" data-testid="review-workspace">
                    <Stack gap="lg">
                      <Group justify="space-between">
                        <Text size="sm" c="dimmed">
                          Patient {position + 1} of {ordered.length}
                        </Text>
                        {nextItem && (
                          <Button
                            variant="subtle"
                            size="compact-md"
                            rightSection={<IconChevronRight size={16} aria-hidden />}
                            onClick={() => setSelectedId(nextItem.episode.episodeId)}
                          >
                            Skip to next
                          </Button>
                        )}
                      </Group>
                      <PatientSummary
                        key={selected.episode.episodeId}
                        item={selected}
                        timeZone={clinic.timezone}
                      />
                      <ReviewForm
                        key={`form-${selected.episode.episodeId}`}
                        item={selected}
                        hasNext={nextItem !== null}
                        focusOnOpen={selectedId !== null}
                        onSaved={(summary) => {
                          setSaved(summary);
                          setDone((d) => new Set(d).add(selected.episode.episodeId));
                          setSelectedId(nextItem?.episode.episodeId ?? null);
                        }}
                      />
                      <EarlierReviews
                        key={`earlier-${selected.episode.episodeId}`}
                        item={selected}
                        timeZone={clinic.timezone}
                      />
                    </Stack>
                  </Card>
                ) : (
                  <Text>Every patient on the list has been reviewed. Well done.</Text>
                )}
              </Grid.Col>
            </Grid>
          )
        }
      </QueryState>
    </Stack>
  );
}
