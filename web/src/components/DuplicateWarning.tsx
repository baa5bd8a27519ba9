// Warns, while a patient is being registered, of patients already in the clinic who may be the same
// person (same birth date, similar name), and asks for a deliberate confirmation before registering.
import { Alert, Anchor, Checkbox, List, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import { clinicDaySchema } from '@server/domain/calendar';
import type { PatientView } from '@server/services/patients/patient-input';
import { usePossibleDuplicates } from '../api/hooks';
import { formatDay, sortName } from '../lib/format';

/** The possible duplicates for what has been typed so far (none until all three fields are filled). */
export function usePossibleDuplicatesFor(
  fields: { clinicId: string; givenName: string; familyName: string; birthDate: string },
  enabled: boolean,
): PatientView[] {
  const [typed] = useDebouncedValue(fields, 400);
  const ready =
    enabled &&
    typed.givenName.trim() !== '' &&
    typed.familyName.trim() !== '' &&
    clinicDaySchema.safeParse(typed.birthDate).success;
  const query = usePossibleDuplicates(
    ready
      ? {
          clinicId: typed.clinicId,
          givenName: typed.givenName.trim(),
          familyName: typed.familyName.trim(),
          birthDate: typed.birthDate,
        }
      : null,
  );
  return ready ? (query.data?.candidates ?? []) : [];
}

export function DuplicateWarning({
  candidates,
  confirmed,
  onConfirm,
  error,
}: {
  candidates: PatientView[];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  error: string | undefined;
}) {
  if (candidates.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconUsers aria-hidden />}
      title="This patient may already be registered"
    >
      <Text size="sm">Born the same day, with a similar name:</Text>
      <List size="sm" my="xs">
        {candidates.map((p) => (
          <List.Item key={p.id}>
            <Anchor component={Link} to={`/patients/${p.id}`}>
              {sortName(p)}
            </Anchor>{' '}
            · MRN {p.mrn} · born {formatDay(p.birthDate)}
          </List.Item>
        ))}
      </List>
      <Checkbox
        label="This is a different person: register anyway"
        checked={confirmed}
        onChange={(e) => onConfirm(e.currentTarget.checked)}
        error={error}
      />
    </Alert>
  );
}
