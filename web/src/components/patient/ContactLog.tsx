// Contacts and minutes: minutes per month (counted toward the program and logged), the contact log
// with corrections (a reversal and, for an edit, a replacement), and the Log contact form.
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconArrowBackUp, IconCirclePlus, IconPencil } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useContacts, useCorrectContact } from '../../api/hooks';
import { useStaff } from '../../api/staff';
import { ACTIVITIES, type Activity } from '@server/domain/billing/vocabulary';
import { MAX_CONTACT_MINUTES, MODALITIES, type Modality } from '@server/domain/registry/contact-rules';
import type { ContactLogView } from '@server/services/contacts/list-contacts';
import {
  activityLabel,
  formatDateTime,
  formatMonth,
  instantFromInput,
  localInputValue,
  modalityLabel,
  todayIn,
} from '../../lib/format';
import { fieldErrors } from '../../lib/issues';
import { useSession } from '../../session/SessionProvider';
import { DataTable } from '../DataTable';
import { FormAlert } from '../FormAlert';
import { QueryState } from '../QueryState';
import { LogContactForm } from './LogContactForm';
import { useCurrentEpisode } from './useCurrentEpisode';
import type { PatientSectionProps } from './types';
import { plainReason } from '../../lib/plain-words';

/** A row of the log: an entry (marked when a later reversal voids it) or a reversal. */
type LoggedContact = ContactLogView['contacts'][number];

const col = createColumnHelper<LoggedContact>();

function CorrectDialog({
  contact,
  timeZone,
  onClose,
}: {
  contact: LoggedContact | null;
  timeZone: string;
  onClose: () => void;
}) {
  const correct = useCorrectContact();
  const errors = fieldErrors(correct.error);
  const [mode, setMode] = useState<'void' | 'replace'>('replace');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | string>('');
  const [occurredAt, setOccurredAt] = useState('');
  const [activity, setActivity] = useState<Activity | ''>('');
  const [modality, setModality] = useState<Modality | ''>('');
  const close = () => {
    correct.reset();
    setReason('');
    setMinutes('');
    setOccurredAt('');
    setActivity('');
    setModality('');
    setMode('replace');
    onClose();
  };
  return (
    <Modal
      opened={contact !== null}
      onClose={close}
      title={<Text fw={700}>Correct a contact</Text>}
      size="lg"
    >
      {contact && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            correct.mutate(
              {
                contactId: contact.id,
                input: {
                  reason: reason.trim(),
                  ...(mode === 'replace'
                    ? {
                        replacement: {
                          occurredAt: occurredAt
                            ? instantFromInput(occurredAt, timeZone)
                            : contact.occurredAt,
                          minutes: minutes === '' ? contact.minutes : Number(minutes),
                          staffId: contact.staffId,
                          activity: activity || contact.activity,
                          modality: modality || contact.modality,
                          billedSeparately: contact.billedSeparately,
                          ...(contact.note ? { note: contact.note } : {}),
                        },
                      }
                    : {}),
                },
              },
              { onSuccess: close },
            );
          }}
        >
          <Stack>
            <Text size="sm">
              {formatDateTime(contact.occurredAt, timeZone)} · {activityLabel(contact.activity)} ·{' '}
              {contact.minutes} min. The original stays in the log; a reversal cancels its minutes
              {mode === 'replace' ? ' and the corrected entry replaces it' : ''}.
            </Text>
            <SegmentedControl
              aria-label="Correction"
              value={mode}
              onChange={(v) => setMode(v as 'void' | 'replace')}
              data={[
                { value: 'replace', label: 'Fix the details' },
                { value: 'void', label: 'Void the contact' },
              ]}
            />
            <FormAlert
              error={correct.error}
              issues={errors.unclaimed(['reason', 'replacement'])}
              title="Not corrected"
            />
            <Textarea
              label="Reason"
              description="Why the contact is corrected, e.g. “logged on the wrong patient”"
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.get('reason')}
              data-autofocus
            />
            {mode === 'replace' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label="Minutes"
                  placeholder={String(contact.minutes)}
                  value={minutes}
                  onChange={setMinutes}
                  min={1}
                  max={MAX_CONTACT_MINUTES}
                  // The server refuses an out-of-range value at the field; never clamp silently.
                  clampBehavior="none"
                  allowDecimal={false}
                  error={errors.get('replacement.minutes')}
                />
                <TextInput
                  label="When"
                  type="datetime-local"
                  placeholder={localInputValue(new Date(contact.occurredAt), timeZone)}
                  value={occurredAt}
                  onChange={(e) => setOccurredAt(e.currentTarget.value)}
                  error={errors.get('replacement.occurredAt')}
                  description="Empty: unchanged"
                />
                <NativeSelect
                  label="Activity"
                  value={activity || contact.activity}
                  onChange={(e) => setActivity(e.currentTarget.value as Activity)}
                  data={ACTIVITIES.map((a) => ({ value: a, label: activityLabel(a) }))}
                  error={errors.get('replacement.activity')}
                />
                <NativeSelect
                  label="How"
                  value={modality || contact.modality}
                  onChange={(e) => setModality(e.currentTarget.value as Modality)}
                  data={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
                  error={errors.get('replacement.modality')}
                />
              </SimpleGrid>
            )}
            {mode === 'replace' && errors.get('replacement') && !errors.get('replacement.minutes') && (
              <Text c="red.9" size="sm">
                {errors.get('replacement')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={correct.isPending} color={mode === 'void' ? 'red.9' : undefined}>
                {mode === 'void' ? 'Void contact' : 'Save correction'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function ContactLogSection({ patient, timeZone }: PatientSectionProps) {
  const { can } = useSession();
  const { current, detail } = useCurrentEpisode(patient.id);
  const contacts = useContacts(current?.id ?? null);
  const staff = useStaff(patient.clinicId);
  const [logging, setLogging] = useState(false);
  const [correcting, setCorrecting] = useState<LoggedContact | null>(null);
  const canLog =
    can('POST /api/episodes/{id}/contacts') && current !== null && current.status !== 'discharged';
  const canCorrect = can('POST /api/contacts/{id}/corrections');
  const next = detail.data?.registry?.nextBillingThreshold ?? null;

  const columns = useMemo(
    () => [
      col.accessor('occurredAt', {
        header: 'When',
        cell: (c) => <Text style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.getValue(), timeZone)}</Text>,
      }),
      col.accessor((c) => staff.name(c.staffId), { id: 'staff', header: 'Staff' }),
      col.accessor('activity', {
        header: 'Activity',
        cell: (c) => (
          <Stack gap={0}>
            <Text>{activityLabel(c.getValue())}</Text>
            <Text size="sm" c="dimmed">
              {modalityLabel(c.row.original.modality)}
              {c.row.original.reached === false ? ' · not reached (attempt)' : ''}
              {c.row.original.reached === true ? ' · reached' : ''}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('minutes', {
        header: 'Minutes',
        cell: (c) => {
          const contact = c.row.original;
          return (
            <Text fw={600} td={contact.reversed ? 'line-through' : undefined}>
              {contact.minutes < 0 ? `−${-contact.minutes}` : contact.minutes}
            </Text>
          );
        },
      }),
      col.accessor('countsTowardProgram', {
        header: 'Counts?',
        enableSorting: false,
        cell: (c) => {
          const contact = c.row.original;
          return (
            <Tooltip
              label={plainReason(contact.reason)}
              multiline
              maw={340}
              events={{ hover: true, focus: true, touch: true }}
            >
              <Text size="sm" tabIndex={0} maw={260} lineClamp={2}>
                <strong>{contact.countsTowardProgram ? 'Yes' : 'No'}</strong> — {plainReason(contact.reason)}
              </Text>
            </Tooltip>
          );
        },
      }),
      col.display({
        id: 'state',
        header: 'Entry',
        cell: (c) => {
          const contact = c.row.original;
          return (
            <Stack gap={4} align="flex-start">
              {contact.kind === 'reversal' ? (
                <Badge
                  variant="outline"
                  color="gray.8"
                  leftSection={<IconArrowBackUp size={12} aria-hidden />}
                >
                  Reversal
                </Badge>
              ) : contact.reversed ? (
                <Badge variant="outline" color="gray.8">
                  Corrected
                </Badge>
              ) : contact.amendsContactId ? (
                <Badge variant="outline" color="blue.9" leftSection={<IconPencil size={12} aria-hidden />}>
                  Replacement
                </Badge>
              ) : null}
              {contact.note && (
                <Text size="sm" c="dimmed" maw={240} lineClamp={2}>
                  {contact.note}
                </Text>
              )}
              {canCorrect && contact.kind === 'entry' && !contact.reversed && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => setCorrecting(contact)}
                  aria-label={`Correct the contact of ${formatDateTime(contact.occurredAt, timeZone)}`}
                >
                  Correct
                </Button>
              )}
            </Stack>
          );
        },
      }),
    ],
    [timeZone, staff, canCorrect],
  );

  if (current === null) {
    return <Text c="dimmed">No episode of care: contacts are logged once the patient is enrolled.</Text>;
  }

  return (
    <Stack gap="md">
      {logging ? (
        <LogContactForm
          episodeId={current.id}
          clinicId={patient.clinicId}
          loggingRoles={contacts.data?.loggingRoles ?? []}
          onClose={() => setLogging(false)}
        />
      ) : (
        canLog && (
          <Button
            leftSection={<IconCirclePlus size={18} aria-hidden />}
            mih={44}
            w="fit-content"
            onClick={() => setLogging(true)}
          >
            Log contact
          </Button>
        )
      )}
      <QueryState query={contacts} loadingLabel="Loading contacts…">
        {(data) => (
          <Stack gap="md">
            {data.months.length > 0 && (
              <Group gap="sm" data-testid="monthly-minutes" role="list" aria-label="Minutes per month">
                {data.months.slice(0, 6).map((m) => (
                  <Card key={m.month} withBorder padding="sm" miw={170} role="listitem">
                    <Text size="sm" c="dimmed">
                      {formatMonth(m.month)}
                    </Text>
                    <Text fw={700} size="xl" lh={1.2}>
                      {m.countedMinutes} min
                    </Text>
                    <Text size="sm" c="dimmed">
                      counted · {m.loggedMinutes} logged
                    </Text>
                    {m.month === todayIn(timeZone).slice(0, 7) && next && (
                      <Text size="sm" fw={600} c="blue.9" mt={4}>
                        {next.minutesNeeded} more for {next.code}
                      </Text>
                    )}
                  </Card>
                ))}
              </Group>
            )}
            <DataTable
              data={data.contacts}
              columns={columns}
              caption={`Contacts of ${patient.givenName} ${patient.familyName}, newest first`}
              getRowId={(c) => c.id}
              pageSize={10}
              empty="No contacts logged yet."
              testId="contact-log"
            />
          </Stack>
        )}
      </QueryState>
      <CorrectDialog contact={correcting} timeZone={timeZone} onClose={() => setCorrecting(null)} />
    </Stack>
  );
}
