// Logs a contact with a running timer: Start when the call begins, Stop fills the minutes (still
// editable). Each submission carries its own idempotency key, so a repeated click records one contact.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  IconCircleCheck,
  IconInfoCircle,
  IconPlayerPlay,
  IconPlayerStop,
  IconRotate,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useLogContact } from '../../api/hooks';
import { useStaff } from '../../api/staff';
import { ACTIVITIES, type Activity } from '@server/domain/billing/vocabulary';
import { MAX_CONTACT_MINUTES, MODALITIES, type Modality } from '@server/domain/registry/contact-rules';
import type { ContactInput } from '../../api/types';
import type { StaffRole } from '@server/domain/registry/roles';
import { activityLabel, instantFromInput, localInputValue, modalityLabel } from '../../lib/format';
import { fieldErrors } from '../../lib/issues';
import { newUuid } from '../../lib/uuid';
import { useSession } from '../../session/SessionProvider';
import { useClinicTimeZone } from '../../session/useClinicTimeZone';
import { FormAlert } from '../FormAlert';
import { UnsavedChangesGuard } from '../UnsavedChangesGuard';
import { plainReason } from '../../lib/plain-words';

const FIELDS = [
  'occurredAt',
  'minutes',
  'staffId',
  'activity',
  'modality',
  'reached',
  'billedSeparately',
  'note',
  'staffRole',
];

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
};

/** A stopwatch that can be stopped and resumed; `elapsed` is in whole seconds. */
function useStopwatch() {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [banked, setBanked] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [startedAt]);
  const running = startedAt !== null;
  const elapsedMs = banked + (running ? Math.max(0, now - startedAt) : 0);
  return {
    running,
    elapsed: Math.floor(elapsedMs / 1000),
    start: () => {
      const t = Date.now();
      setNow(t);
      setStartedAt(t);
    },
    /** Stops and returns the total elapsed milliseconds. */
    stop: () => {
      const total = banked + (startedAt !== null ? Date.now() - startedAt : 0);
      setBanked(total);
      setStartedAt(null);
      return total;
    },
    reset: () => {
      setBanked(0);
      setStartedAt(null);
    },
  };
}

export function LogContactForm({
  episodeId,
  clinicId,
  loggingRoles,
  onClose,
}: {
  episodeId: string;
  clinicId: string;
  /** Roles that may log minutes on this episode, as the server's rule pack says. */
  loggingRoles: readonly StaffRole[];
  onClose: () => void;
}) {
  const { user } = useSession();
  const timeZone = useClinicTimeZone(clinicId);
  const staff = useStaff(clinicId);
  const log = useLogContact(episodeId);
  const errors = fieldErrors(log.error);
  const watch = useStopwatch();
  const bhStaff = loggingRoles
    .flatMap((role) => staff.withRole(role))
    .filter((u, i, all) => all.findIndex((v) => v.id === u.id) === i);

  const [occurredAt, setOccurredAt] = useState('');
  const [minutes, setMinutes] = useState<number | string>('');
  const [activity, setActivity] = useState<Activity>('follow_up');
  const [modality, setModality] = useState<Modality>('phone');
  const [staffId, setStaffId] = useState<string | null>(null);
  const [billedSeparately, setBilledSeparately] = useState(false);
  // Outreach that did not reach the patient is an attempt (the registry's unreachable flag counts them).
  const [reached, setReached] = useState(false);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<{ minutes: number; counts: boolean; reason: string } | null>(null);
  // One key per distinct submission: the same body sent twice (a double click, a retry) reuses it.
  const submission = useRef<{ body: string; key: string; occurredAt: string } | null>(null);

  const who = staffId ?? (bhStaff.some((u) => u.id === user?.id) ? (user?.id ?? '') : (bhStaff[0]?.id ?? ''));

  const startTimer = () => {
    if (!occurredAt && !watch.running && watch.elapsed === 0)
      setOccurredAt(localInputValue(new Date(), timeZone));
    setSaved(null);
    watch.start();
  };
  // A running or stopped timer, minutes or a note not yet saved: closing or leaving would lose them.
  const dirty = watch.running || watch.elapsed > 0 || minutes !== '' || note.trim() !== '';
  const [confirmClose, setConfirmClose] = useState(false);
  const close = () => (dirty ? setConfirmClose(true) : onClose());
  const stopTimer = () => {
    const ms = watch.stop();
    setMinutes(Math.max(1, Math.round(ms / 60_000)));
  };

  const submit = () => {
    if (watch.running) stopTimer();
    const stable: Omit<ContactInput, 'occurredAt'> = {
      minutes: typeof minutes === 'number' ? minutes : Number(minutes),
      staffId: who,
      activity,
      modality,
      ...(activity === 'outreach' ? { reached } : {}),
      billedSeparately,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const body = JSON.stringify({ ...stable, occurredAt: occurredAt || 'now' });
    // A resend (double click, retry) reuses the key and the instant "now" resolved to the first time.
    if (submission.current?.body !== body) {
      submission.current = { body, key: newUuid(), occurredAt: instantFromInput(occurredAt, timeZone) };
    }
    const input: ContactInput = { ...stable, occurredAt: submission.current.occurredAt };
    log.mutate(
      { input, idempotencyKey: submission.current.key },
      {
        onSuccess: (result) => {
          submission.current = null;
          setSaved({ minutes: input.minutes, counts: result.countsTowardProgram, reason: result.reason });
          setOccurredAt('');
          setMinutes('');
          setNote('');
          setBilledSeparately(false);
          setReached(false);
          watch.reset();
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" data-testid="log-contact">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        aria-labelledby="log-contact-title"
      >
        <Stack gap="md">
          <Group justify="space-between" align="center">
            <Title order={3} size="h4" id="log-contact-title">
              Log contact
            </Title>
            <Group gap="xs" aria-label="Timer" role="group">
              <Text
                ff="monospace"
                fz={24}
                fw={700}
                miw={90}
                ta="right"
                role="timer"
                aria-label={`Timer ${clock(watch.elapsed)}${watch.running ? ', running' : ''}`}
                data-testid="contact-timer"
              >
                {clock(watch.elapsed)}
              </Text>
              {watch.running ? (
                <Button
                  color="red.9"
                  mih={44}
                  leftSection={<IconPlayerStop size={18} aria-hidden />}
                  onClick={stopTimer}
                >
                  Stop timer
                </Button>
              ) : (
                <Button
                  variant="light"
                  mih={44}
                  leftSection={<IconPlayerPlay size={18} aria-hidden />}
                  onClick={startTimer}
                >
                  {watch.elapsed > 0 ? 'Resume timer' : 'Start timer'}
                </Button>
              )}
              <Button
                variant="subtle"
                mih={44}
                onClick={watch.reset}
                disabled={watch.elapsed === 0 && !watch.running}
                leftSection={<IconRotate size={16} aria-hidden />}
              >
                Reset
              </Button>
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            Stopping the timer fills in the minutes (rounded to the nearest minute, at least 1); you can still
            change them.
          </Text>
          {saved && (
            <Alert
              color={saved.counts ? 'careloop' : 'orange'}
              variant="light"
              role="status"
              icon={saved.counts ? <IconCircleCheck aria-hidden /> : <IconInfoCircle aria-hidden />}
              title={`Logged ${saved.minutes} min${saved.counts ? '' : ' (not counted toward the program)'}`}
            >
              {plainReason(saved.reason)}
            </Alert>
          )}
          <FormAlert error={log.error} issues={errors.unclaimed(FIELDS)} title="Contact not logged" />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <TextInput
              label="When"
              description="Empty: now"
              type="datetime-local"
              value={occurredAt}
              onChange={(e) => setOccurredAt(e.currentTarget.value)}
              error={errors.get('occurredAt')}
            />
            <NumberInput
              label="Minutes"
              value={minutes}
              onChange={setMinutes}
              min={1}
              max={MAX_CONTACT_MINUTES}
              // Out-of-range values go to the server, which refuses them at the field; never clamp silently.
              clampBehavior="none"
              allowDecimal={false}
              error={errors.get('minutes')}
              required
            />
            <NativeSelect
              label="Staff"
              value={who}
              onChange={(e) => setStaffId(e.currentTarget.value)}
              data={bhStaff.map((u) => ({
                value: u.id,
                label: u.id === user?.id ? `${u.name} (you)` : u.name,
              }))}
              error={errors.get('staffId') ?? errors.get('staffRole')}
            />
            <NativeSelect
              label="Activity"
              value={activity}
              onChange={(e) => setActivity(e.currentTarget.value as Activity)}
              data={ACTIVITIES.map((a) => ({ value: a, label: activityLabel(a) }))}
              error={errors.get('activity')}
            />
            <NativeSelect
              label="How"
              value={modality}
              onChange={(e) => setModality(e.currentTarget.value as Modality)}
              data={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
              error={errors.get('modality')}
            />
            {activity === 'outreach' && (
              <Checkbox
                mt={{ base: 0, lg: 'xl' }}
                label="Reached the patient (otherwise an attempt)"
                checked={reached}
                onChange={(e) => setReached(e.currentTarget.checked)}
                error={errors.get('reached')}
              />
            )}
            <Checkbox
              mt={{ base: 0, lg: 'xl' }}
              label="Billed separately (e.g. psychotherapy billed on its own)"
              checked={billedSeparately}
              onChange={(e) => setBilledSeparately(e.currentTarget.checked)}
              error={errors.get('billedSeparately')}
            />
          </SimpleGrid>
          <Textarea
            label="Note (optional)"
            autosize
            minRows={2}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.get('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" mih={44} onClick={close}>
              Close
            </Button>
            <Button type="submit" mih={44} loading={log.isPending} disabled={log.isPending}>
              Save contact
            </Button>
          </Group>
        </Stack>
      </form>
      <UnsavedChangesGuard dirty={dirty} what="The contact’s timer, minutes and note" />
      <Modal
        opened={confirmClose}
        onClose={() => setConfirmClose(false)}
        title={<Text fw={700}>Discard this contact?</Text>}
      >
        <Text mb="md">The contact’s timer, minutes and note are not saved yet.</Text>
        <Group justify="flex-end">
          <Button variant="default" mih={44} onClick={() => setConfirmClose(false)} data-autofocus>
            Keep editing
          </Button>
          <Button color="red.9" mih={44} onClick={onClose}>
            Discard
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}
