// Finds a patient of the current clinic by name or MRN, with large touch targets for the results.
import { Alert, Stack, Text, TextInput, UnstyledButton, Paper, Group, Badge } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { usePatients } from '../api/hooks';
import type { PatientView } from '@server/services/patients/patient-input';
import { formatDay, sortName } from '../lib/format';
import { LoadError } from './QueryState';

const RESULTS = 20;

export function PatientPicker({
  clinicId,
  onPick,
}: {
  clinicId: string;
  onPick: (patient: PatientView) => void;
}) {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const resultsId = useId();
  const search = usePatients({ clinicId, q, limit: RESULTS }, q.length > 0);
  const patients = search.data?.patients ?? [];

  return (
    <Stack gap="sm">
      <TextInput
        label="Find the patient"
        description="Type part of the name or the MRN"
        placeholder="e.g. Garcia or RV-100931"
        size="lg"
        leftSection={<IconSearch size={20} aria-hidden />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        aria-controls={resultsId}
        autoComplete="off"
        data-autofocus
      />
      <div id={resultsId} aria-live="polite">
        {q.length === 0 ? null : search.error ? (
          <LoadError error={search.error} retry={() => void search.refetch()} />
        ) : search.isPending ? (
          <Text c="dimmed">Searching…</Text>
        ) : patients.length === 0 ? (
          <Alert color="gray" variant="light">
            No patient of this clinic matches “{q}”.
          </Alert>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label="Matching patients"
          >
            {patients.map((p) => (
              <li key={p.id}>
                <Paper withBorder>
                  <UnstyledButton className="patient-pick" p="md" onClick={() => onPick(p)}>
                    <Group justify="space-between" wrap="nowrap">
                      <div>
                        <Text fw={700} fz="lg">
                          {sortName(p)}
                        </Text>
                        <Text size="sm" c="dimmed">
                          Born {formatDay(p.birthDate)}
                        </Text>
                      </div>
                      <Badge variant="outline" color="gray" size="lg">
                        MRN {p.mrn}
                      </Badge>
                    </Group>
                  </UnstyledButton>
                </Paper>
              </li>
            ))}
            {patients.length === RESULTS && (
              <Text size="sm" c="dimmed" component="li">
                Showing the first {RESULTS}; type more to narrow.
              </Text>
            )}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
