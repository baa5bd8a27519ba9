// Behavioral health notes of the episode, each with who may read its kind; the PCP sees only the risk
// summary and the treatment plan (the server filters, this page says so).
import { Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { IconEye, IconLock, IconNotes, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useAddNote, useNotes } from '../../api/hooks';
import { useStaff } from '../../api/staff';
import { WRITABLE_NOTE_KINDS, type WritableNoteKind } from '@server/domain/registry/notes-visibility';
import { NOTE_AUDIENCE, formatDateTime, noteKindLabel } from '../../lib/format';
import { fieldErrors } from '../../lib/issues';
import { useSession } from '../../session/SessionProvider';
import { FormAlert } from '../FormAlert';
import { QueryState } from '../QueryState';
import { useCurrentEpisode } from './useCurrentEpisode';
import type { PatientSectionProps } from './types';

const KIND_COLOR: Record<string, string> = {
  risk_summary: 'red',
  treatment_plan: 'blue',
  bh_progress_note: 'gray',
  case_review_recommendation: 'grape',
};

function AddNote({ episodeId, onDone }: { episodeId: string; onDone: () => void }) {
  const add = useAddNote(episodeId);
  const errors = fieldErrors(add.error);
  const [kind, setKind] = useState<WritableNoteKind>('bh_progress_note');
  const [body, setBody] = useState('');
  return (
    <Card withBorder padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ kind, body: body.trim() }, { onSuccess: onDone });
        }}
        aria-label="Add a note"
      >
        <Stack gap="sm">
          <FormAlert error={add.error} issues={errors.unclaimed(['kind', 'body'])} title="Note not saved" />
          <NativeSelect
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as WritableNoteKind)}
            data={WRITABLE_NOTE_KINDS.map((k) => ({ value: k, label: noteKindLabel(k) }))}
            description={`Visible to: ${NOTE_AUDIENCE[kind] ?? 'the care team'}`}
            error={errors.get('kind')}
          />
          <Textarea
            label="Note"
            autosize
            minRows={4}
            maxLength={20000}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.get('body')}
            required
          />
          <Group justify="flex-end">
            <Button variant="default" mih={44} onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" mih={44} loading={add.isPending}>
              Save note
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function NotesSection({ patient, timeZone }: PatientSectionProps) {
  const { can } = useSession();
  const { current } = useCurrentEpisode(patient.id);
  const notes = useNotes(current?.id ?? null);
  const staff = useStaff(patient.clinicId);
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  if (current === null) return <Text c="dimmed">No episode of care, so no notes.</Text>;
  const canAdd = can('POST /api/episodes/{id}/notes');
  return (
    <QueryState query={notes} loadingLabel="Loading notes…">
      {(data) => {
        const hidden = WRITABLE_NOTE_KINDS.filter((k) => !data.visibleKinds.includes(k));
        const shown = data.notes
          .filter((n) => !filter || n.kind === filter)
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
        return (
          <Stack gap="sm">
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconEye size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm">
                You can read: {data.visibleKinds.map((k) => noteKindLabel(k).toLowerCase()).join(', ')}.
                {hidden.length > 0 &&
                  ` ${hidden.map((k) => noteKindLabel(k)).join(', ')} stay with the behavioral health team.`}
              </Text>
            </Group>
            <Group justify="space-between">
              <NativeSelect
                aria-label="Show notes of kind"
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                data={[
                  { value: '', label: `All notes (${data.notes.length})` },
                  ...data.visibleKinds
                    .filter((k) => (WRITABLE_NOTE_KINDS as readonly string[]).includes(k))
                    .map((k) => ({
                      value: k,
                      label: `${noteKindLabel(k)} (${data.notes.filter((n) => n.kind === k).length})`,
                    })),
                ]}
              />
              {canAdd && !adding && current.status !== 'discharged' && (
                <Button
                  variant="light"
                  mih={44}
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setAdding(true)}
                >
                  Add note
                </Button>
              )}
            </Group>
            {adding && <AddNote episodeId={current.id} onDone={() => setAdding(false)} />}
            {shown.length === 0 ? (
              <Text c="dimmed">No notes{filter ? ' of this kind' : ''} yet.</Text>
            ) : (
              <Stack
                gap="xs"
                component="ul"
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
                data-testid="notes"
              >
                {shown.slice(0, showAll ? 50 : 4).map((n) => (
                  <Card key={n.id} withBorder padding="sm" component="li">
                    <Group justify="space-between" gap="xs" mb={4}>
                      <Group gap="xs">
                        <Badge
                          variant="light"
                          color={KIND_COLOR[n.kind] ?? 'gray'}
                          c={`${KIND_COLOR[n.kind] ?? 'gray'}.9`}
                        >
                          {noteKindLabel(n.kind)}
                        </Badge>
                        <Text size="sm" c="dimmed">
                          {formatDateTime(n.createdAt, timeZone)} · {staff.name(n.authorId)}
                        </Text>
                      </Group>
                      <Group gap={4}>
                        {n.kind === 'bh_progress_note' ? (
                          <IconLock size={14} aria-hidden />
                        ) : (
                          <IconEye size={14} aria-hidden />
                        )}
                        <Text size="xs" c="dimmed">
                          {NOTE_AUDIENCE[n.kind] ?? 'Care team'}
                        </Text>
                      </Group>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {n.body}
                    </Text>
                  </Card>
                ))}
              </Stack>
            )}
            {shown.length > 4 && (
              <Button variant="subtle" w="fit-content" onClick={() => setShowAll((v) => !v)}>
                {showAll ? 'Show the newest 4' : `Show ${Math.min(shown.length, 50) - 4} older notes`}
              </Button>
            )}
            {data.notes.length === 0 && !adding && (
              <Group gap={6}>
                <IconNotes size={16} aria-hidden />
                <Text size="sm" c="dimmed">
                  Notes written by the care team appear here.
                </Text>
              </Group>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}
