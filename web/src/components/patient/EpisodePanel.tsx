// The episode of care: status and the changes allowed from it, consent, care team, diagnoses and
// medications (with change dates); the enroll form when the patient has no episode.
import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconCircleCheck,
  IconClipboardList,
  IconFileCertificate,
  IconPill,
  IconPlayerStop,
  IconPlus,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  ALLOWED_TRANSITIONS,
  DISCHARGE_REASONS,
  type DischargeReason,
  type EpisodeStatus,
} from '@server/domain/registry/episode-status';
import { measureLabel } from '@server/domain/registry/outcomes';
import type { MedicationView } from '@server/services/care-plan/medications';
import type { EpisodeDetail } from '@server/services/read-models/episode-detail';
import {
  useAddMedication,
  useRecordConsent,
  useStopMedication,
  useUpdateEpisode,
  useWithdrawConsent,
} from '../../api/hooks';
import { useStaff, type StaffDirectory } from '../../api/staff';
import {
  dischargeReasonLabel,
  episodeStatusLabel,
  formatDate,
  formatDateTime,
  formatDay,
  instantFromInput,
  programLabel,
  todayIn,
} from '../../lib/format';
import { fieldErrors } from '../../lib/issues';
import { useSession } from '../../session/SessionProvider';
import { useClinicTimeZone } from '../../session/useClinicTimeZone';
import { FormAlert } from '../FormAlert';
import { QueryState } from '../QueryState';
import { CONSENT_FIELDS, ConsentFields, useConsentForm } from './ConsentFields';
import { EnrollForm } from './EnrollForm';
import { EpisodeTeamEdit } from './EpisodeTeamEdit';
import { useCurrentEpisode } from './useCurrentEpisode';
import type { PatientSectionProps } from './types';

/** The button for a status change; the buttons offer only what the domain's status machine allows. */
function transitionLabel(from: EpisodeStatus, to: EpisodeStatus): string {
  switch (to) {
    case 'referred':
      return 'Back to referred';
    case 'active':
      return from === 'referred' ? 'Activate' : 'Back to active treatment';
    case 'relapse_prevention':
      return 'Move to relapse prevention';
    case 'discharged':
      return 'Discharge…';
  }
}

const STATUS_COLOR: Record<EpisodeStatus, string> = {
  referred: 'blue',
  active: 'careloop',
  relapse_prevention: 'grape',
  discharged: 'gray',
};

export function StatusBadge({ status }: { status: EpisodeStatus }) {
  return (
    <Badge
      size="lg"
      variant="light"
      color={STATUS_COLOR[status]}
      c={`${STATUS_COLOR[status]}.9`}
      data-testid="episode-status"
    >
      {episodeStatusLabel(status)}
    </Badge>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

function StatusActions({ episode }: { episode: EpisodeDetail }) {
  const { can } = useSession();
  const update = useUpdateEpisode(episode.id);
  const errors = fieldErrors(update.error);
  const [discharging, setDischarging] = useState(false);
  const [reason, setReason] = useState<DischargeReason | ''>('');
  if (!can('PATCH /api/episodes/{id}')) return null;
  const options = ALLOWED_TRANSITIONS[episode.status].map((to) => ({
    to,
    label: transitionLabel(episode.status, to),
  }));
  if (options.length === 0) return null;
  return (
    <Stack gap="xs">
      <FormAlert
        error={update.error}
        issues={errors.unclaimed(['status', 'dischargeReason', 'consent'])}
        title="Status not changed"
      />
      {(errors.get('status') ?? errors.get('consent')) && (
        <Text c="red.9" size="sm" role="alert">
          {errors.get('status') ?? errors.get('consent')}
        </Text>
      )}
      {!discharging ? (
        <Group gap="xs">
          {options.map((o) => (
            <Button
              key={o.to}
              variant={o.to === 'discharged' ? 'default' : 'light'}
              mih={44}
              loading={update.isPending && update.variables?.status === o.to}
              onClick={() => (o.to === 'discharged' ? setDischarging(true) : update.mutate({ status: o.to }))}
            >
              {o.label}
            </Button>
          ))}
        </Group>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate(
              { status: 'discharged', ...(reason ? { dischargeReason: reason } : {}) },
              { onSuccess: () => setDischarging(false) },
            );
          }}
        >
          <Group align="end" gap="xs">
            <NativeSelect
              label="Discharge reason"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value as DischargeReason | '')}
              data={[
                { value: '', label: 'Choose…' },
                ...DISCHARGE_REASONS.filter((r) => episode.status !== 'referred' || r !== 'completed').map(
                  (r) => ({ value: r, label: dischargeReasonLabel(r) }),
                ),
              ]}
              error={errors.get('dischargeReason')}
            />
            <Button type="submit" color="red.9" mih={44} loading={update.isPending}>
              Discharge
            </Button>
            <Button variant="default" mih={44} onClick={() => setDischarging(false)}>
              Cancel
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function ConsentBlock({ episode, staff }: { episode: EpisodeDetail; staff: StaffDirectory }) {
  const timeZone = useClinicTimeZone(episode.clinicId);
  const { can } = useSession();
  const record = useRecordConsent(episode.id);
  const errors = fieldErrors(record.error);
  const [open, setOpen] = useState(false);
  const consent = useConsentForm(staff, timeZone);
  const current = episode.consent;
  // billing.md §1: a consent must say cost sharing and consultation were explained; a withdrawn or
  // incomplete one is documented again (the server also asks for it after a change of billing practitioner).
  const incomplete = current !== null && !(current.costSharingExplained && current.consultationExplained);
  const needsConsent = current === null || current.withdrawnAt !== null || incomplete;
  return (
    <Stack gap="xs">
      {current ? (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconCircleCheck
            size={18}
            color="var(--mantine-color-careloop-9)"
            aria-hidden
            style={{ flexShrink: 0 }}
          />
          <Text size="sm">
            {current.method === 'written' ? 'Written' : 'Verbal'} consent on{' '}
            {formatDate(current.obtainedAt, timeZone)}, by {staff.name(current.obtainedBy)}
          </Text>
        </Group>
      ) : (
        <Alert color="orange" variant="light" icon={<IconFileCertificate aria-hidden />} p="xs">
          <Text size="sm">
            No consent documented: CoCM cannot be billed and the episode cannot become active.
          </Text>
        </Alert>
      )}
      {current?.withdrawnAt && (
        <Alert color="orange" variant="light" p="xs">
          <Text size="sm">
            Consent withdrawn on {formatDate(current.withdrawnAt, timeZone)}: minutes from then on do not
            count.
          </Text>
        </Alert>
      )}
      {current && !current.withdrawnAt && incomplete && (
        <Alert color="orange" variant="light" p="xs">
          <Text size="sm">
            This consent does not record that cost sharing and consultation with specialists were explained:
            its months are not billed until consent is documented again.
          </Text>
        </Alert>
      )}
      {needsConsent &&
        can('POST /api/episodes/{id}/consent') &&
        (open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              record.mutate(consent.input(), { onSuccess: () => setOpen(false) });
            }}
            aria-label="Record consent"
          >
            <Stack gap="xs">
              <FormAlert
                error={record.error}
                issues={errors.unclaimed(CONSENT_FIELDS)}
                title="Consent not recorded"
              />
              <ConsentFields form={consent} errors={errors} emptyAt="now" />
              <Group gap="xs">
                <Button type="submit" mih={44} loading={record.isPending}>
                  Save consent
                </Button>
                <Button variant="default" mih={44} onClick={() => setOpen(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Button
            variant="light"
            mih={44}
            leftSection={<IconFileCertificate size={18} aria-hidden />}
            onClick={() => setOpen(true)}
            w="fit-content"
          >
            {current ? 'Record consent again' : 'Record consent'}
          </Button>
        ))}
      {current && !current.withdrawnAt && can('POST /api/episodes/{id}/consent/withdraw') && (
        <WithdrawConsent episode={episode} staff={staff} />
      )}
    </Stack>
  );
}

/** billing.md §1: the patient may stop at any time; whoever heard it records when. */
function WithdrawConsent({ episode, staff }: { episode: EpisodeDetail; staff: StaffDirectory }) {
  const { user } = useSession();
  const timeZone = useClinicTimeZone(episode.clinicId);
  const withdraw = useWithdrawConsent(episode.id);
  const errors = fieldErrors(withdraw.error);
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState('');
  const team = (['care_manager', 'pcp', 'psychiatric_consultant', 'medical_assistant', 'front_desk'] as const)
    .flatMap((role) => staff.withRole(role))
    .filter((u, i, all) => all.findIndex((v) => v.id === u.id) === i);
  const [recordedBy, setRecordedBy] = useState(user?.id ?? '');
  if (!open)
    return (
      <Button variant="subtle" color="red" mih={44} w="fit-content" onClick={() => setOpen(true)}>
        Withdraw consent
      </Button>
    );
  return (
    <form
      aria-label="Withdraw consent"
      onSubmit={(e) => {
        e.preventDefault();
        withdraw.mutate(
          { withdrawnAt: instantFromInput(at, timeZone), recordedBy },
          { onSuccess: () => setOpen(false) },
        );
      }}
    >
      <Stack gap="xs">
        <FormAlert
          error={withdraw.error}
          issues={errors.unclaimed(['withdrawnAt', 'recordedBy'])}
          title="Withdrawal not recorded"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Consent withdrawn at"
            description="Empty: now"
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            error={errors.get('withdrawnAt')}
          />
          <NativeSelect
            label="Recorded by"
            value={recordedBy}
            onChange={(e) => setRecordedBy(e.currentTarget.value)}
            data={team.map((u) => ({ value: u.id, label: u.name }))}
            error={errors.get('recordedBy')}
          />
        </SimpleGrid>
        <Group gap="xs">
          <Button type="submit" color="red" mih={44} loading={withdraw.isPending}>
            Record withdrawal
          </Button>
          <Button variant="default" mih={44} onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MedicationRow({
  medication,
  canEdit,
  timeZone,
}: {
  medication: MedicationView;
  canEdit: boolean;
  timeZone: string;
}) {
  const stop = useStopMedication();
  const errors = fieldErrors(stop.error);
  const [stopping, setStopping] = useState(false);
  // The server judges "not in the future" on the clinic's day, so the form starts from it too.
  const [on, setOn] = useState(() => todayIn(timeZone));
  const stopped = medication.stoppedOn !== null;
  return (
    <Stack gap={2} component="li" className="med-item" data-stopped={stopped || undefined}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} td={stopped ? 'line-through' : undefined}>
            {medication.name}
            {medication.dose ? (
              <Text span fw={400}>
                {' '}
                · {medication.dose}
              </Text>
            ) : null}
          </Text>
          <Text size="sm" c="dimmed">
            {stopped
              ? `${formatDay(medication.startedOn)} – ${formatDay(medication.stoppedOn)} · stopped`
              : `Since ${formatDay(medication.startedOn)} · taking`}
            {medication.changeNote ? ` · ${medication.changeNote}` : ''}
          </Text>
        </div>
        {!stopped && canEdit && !stopping && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlayerStop size={14} aria-hidden />}
            onClick={() => setStopping(true)}
            aria-label={`Stop ${medication.name}`}
          >
            Stop
          </Button>
        )}
      </Group>
      {stopping && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            stop.mutate(
              { medicationId: medication.id, stoppedOn: on },
              { onSuccess: () => setStopping(false) },
            );
          }}
        >
          <Group gap={4} align="end" wrap="nowrap">
            <TextInput
              label={`Stopped on (${medication.name})`}
              type="date"
              size="xs"
              value={on}
              onChange={(e) => setOn(e.currentTarget.value)}
              error={errors.get('stoppedOn') ?? (stop.error ? (stop.error as Error).message : undefined)}
            />
            <Button type="submit" size="xs" color="red.9" loading={stop.isPending}>
              Stop
            </Button>
            <Button size="xs" variant="default" onClick={() => setStopping(false)}>
              Cancel
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function Medications({ episode, timeZone }: { episode: EpisodeDetail; timeZone: string }) {
  const { can } = useSession();
  const canEdit = can('POST /api/episodes/{id}/medications') && episode.status !== 'discharged';
  const add = useAddMedication(episode.id);
  const errors = fieldErrors(add.error);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [dose, setDose] = useState('');
  const [startedOn, setStartedOn] = useState(() => todayIn(timeZone));
  const [note, setNote] = useState('');
  const meds = [...episode.medications].sort((a, b) => {
    if ((a.stoppedOn === null) !== (b.stoppedOn === null)) return a.stoppedOn === null ? -1 : 1;
    return a.startedOn < b.startedOn ? 1 : -1;
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          <Group gap={6}>
            <IconPill size={18} aria-hidden />
            Medications
          </Group>
        </Title>
        {canEdit && !adding && (
          <Button
            size="compact-md"
            variant="subtle"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            Add medication
          </Button>
        )}
      </Group>
      {meds.length === 0 ? (
        <Text size="sm" c="dimmed">
          No medications recorded in this episode.
        </Text>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
          data-testid="medications"
        >
          {meds.map((m) => (
            <MedicationRow key={m.id} medication={m} canEdit={canEdit} timeZone={timeZone} />
          ))}
        </Stack>
      )}
      {adding && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(
              {
                name: name.trim(),
                startedOn,
                ...(dose.trim() ? { dose: dose.trim() } : {}),
                ...(note.trim() ? { note: note.trim() } : {}),
              },
              {
                onSuccess: () => {
                  setAdding(false);
                  setName('');
                  setDose('');
                  setNote('');
                },
              },
            );
          }}
          aria-label="Add medication"
        >
          <Stack gap="xs">
            <FormAlert
              error={add.error}
              issues={errors.unclaimed(['name', 'dose', 'startedOn', 'note'])}
              title="Medication not added"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Medication"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.get('name')}
                required
              />
              <TextInput
                label="Dose"
                placeholder="e.g. 20 mg daily"
                value={dose}
                onChange={(e) => setDose(e.currentTarget.value)}
                error={errors.get('dose')}
              />
              <TextInput
                label="Started on"
                type="date"
                value={startedOn}
                onChange={(e) => setStartedOn(e.currentTarget.value)}
                error={errors.get('startedOn')}
              />
              <TextInput
                label="Change note"
                placeholder="e.g. after case review"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errors.get('note')}
              />
            </SimpleGrid>
            <Group gap="xs">
              <Button type="submit" mih={44} loading={add.isPending}>
                Save medication
              </Button>
              <Button variant="default" mih={44} onClick={() => setAdding(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function ReviewRequest({ episode }: { episode: EpisodeDetail }) {
  const { can } = useSession();
  const timeZone = useClinicTimeZone(episode.clinicId);
  const update = useUpdateEpisode(episode.id);
  if (episode.program !== 'cocm' || episode.status === 'discharged') return null;
  const requested = episode.reviewRequestedAt !== null;
  return (
    <Group gap="xs">
      {requested && (
        <Text size="sm">
          <IconClipboardList size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> Case review
          requested {formatDate(episode.reviewRequestedAt, timeZone)}
        </Text>
      )}
      {can('PATCH /api/episodes/{id}') && (
        <Button
          size="compact-md"
          variant="subtle"
          loading={update.isPending}
          onClick={() => update.mutate({ reviewRequested: !requested })}
        >
          {requested ? 'Withdraw review request' : 'Ask for a case review'}
        </Button>
      )}
      {update.error && (
        <Text size="sm" c="red.9" role="alert">
          {(update.error as Error).message}
        </Text>
      )}
    </Group>
  );
}

export function EpisodeSummary({ episode, timeZone }: { episode: EpisodeDetail; timeZone: string }) {
  const staff = useStaff(episode.clinicId);
  const registry = episode.registry;
  return (
    <Card withBorder padding="lg" data-testid="episode-panel">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              <StatusBadge status={episode.status} />
              <Text fw={600}>{programLabel(episode.program)}</Text>
            </Group>
            <Text size="sm" c="dimmed">
              Referred {formatDateTime(episode.referredAt, timeZone)}
              {episode.enrolledAt ? ` · enrolled ${formatDate(episode.enrolledAt, timeZone)}` : ''}
              {registry?.weeksInTreatment !== null && registry?.weeksInTreatment !== undefined
                ? ` · week ${registry.weeksInTreatment}`
                : ''}
              {episode.dischargedAt
                ? ` · discharged ${formatDate(episode.dischargedAt, timeZone)}${episode.dischargeReason ? ` (${dischargeReasonLabel(episode.dischargeReason)})` : ''}`
                : ''}
            </Text>
          </Stack>
        </Group>
        <StatusActions episode={episode} />
        <ConsentBlock episode={episode} staff={staff} />
        <SimpleGrid cols={{ base: 2, sm: 3 }} component="dl" m={0} spacing="sm">
          <Fact label="Care manager">{staff.name(episode.careManagerId)}</Fact>
          <Fact label="Psychiatric consultant">
            {episode.psychiatricConsultantId ? staff.name(episode.psychiatricConsultantId) : 'Not assigned'}
          </Fact>
          <Fact label="PCP">{staff.name(episode.pcpId)}</Fact>
          <Fact label="Billing practitioner">{staff.name(episode.billingPractitionerId)}</Fact>
          <Fact label="Diagnoses">{episode.diagnoses.join(', ') || '—'}</Fact>
          <Fact label="Primary measure">{measureLabel(episode.primaryMeasure)}</Fact>
        </SimpleGrid>
        <EpisodeTeamEdit key={episode.id} episode={episode} staff={staff} />
        <ReviewRequest episode={episode} />
        <Divider />
        <Medications episode={episode} timeZone={timeZone} />
      </Stack>
    </Card>
  );
}

export function EpisodePanel({ patient, timeZone }: PatientSectionProps) {
  const { can } = useSession();
  const { list, current, episodes, detail } = useCurrentEpisode(patient.id);
  const [enrolling, setEnrolling] = useState(false);
  const canEnroll = can('POST /api/patients/{id}/episodes');
  const earlier = episodes.filter((e) => e.id !== current?.id);
  return (
    <QueryState query={list} loadingLabel="Loading episodes…">
      {() => (
        <Stack gap="sm">
          {enrolling ? (
            <EnrollForm patient={patient} onDone={() => setEnrolling(false)} />
          ) : current === null ? (
            <Card withBorder padding="lg">
              <Stack gap="xs" align="flex-start">
                <Text>Not enrolled in behavioral health care.</Text>
                {canEnroll && (
                  <Button
                    leftSection={<IconUserPlus size={18} aria-hidden />}
                    mih={44}
                    onClick={() => setEnrolling(true)}
                  >
                    Enroll patient
                  </Button>
                )}
              </Stack>
            </Card>
          ) : (
            <QueryState query={detail} loadingLabel="Loading the episode…">
              {(episode) => <EpisodeSummary episode={episode} timeZone={timeZone} />}
            </QueryState>
          )}
          {current?.status === 'discharged' && canEnroll && !enrolling && (
            <Button
              variant="light"
              w="fit-content"
              mih={44}
              leftSection={<IconUserPlus size={18} aria-hidden />}
              onClick={() => setEnrolling(true)}
            >
              Start a new episode
            </Button>
          )}
          {earlier.length > 0 && (
            <Text size="sm" c="dimmed">
              Earlier episodes:{' '}
              {earlier
                .map(
                  (e) =>
                    `${programLabel(e.program)} referred ${formatDate(e.referredAt, timeZone)} (${episodeStatusLabel(e.status)}${e.dischargeReason ? `, ${dischargeReasonLabel(e.dischargeReason)}` : ''})`,
                )
                .join('; ')}
            </Text>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
