// The current clinic: a picker when the user works in several, the clinic's name otherwise.
import { NativeSelect, Text } from '@mantine/core';
import { useSession } from '../session/SessionProvider';

export function ClinicSwitcher() {
  const { clinics, clinic, setClinicId } = useSession();
  if (!clinic) return null;
  if (clinics.length < 2) {
    return (
      <Text size="sm" fw={600} visibleFrom="xs">
        {clinic.name}
      </Text>
    );
  }
  return (
    <NativeSelect
      aria-label="Current clinic"
      size="sm"
      value={clinic.id}
      onChange={(event) => setClinicId(event.currentTarget.value)}
      data={clinics.map((c) => ({ value: c.id, label: c.name }))}
      maw={260}
    />
  );
}
