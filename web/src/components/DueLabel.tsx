// When a next step is due; overdue says so in words and with an icon, not just in red.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { formatDateTime } from '../lib/format';

export function DueLabel({
  dueBy,
  overdue,
  timeZone,
}: {
  dueBy: string | null;
  overdue: boolean;
  timeZone: string;
}) {
  if (!dueBy) return <Text c="dimmed">No due time</Text>;
  return (
    <Stack gap={2} miw={150}>
      {overdue && (
        <Badge
          color="red.9"
          variant="filled"
          leftSection={<IconAlarm size={14} aria-hidden />}
          w="fit-content"
        >
          Overdue
        </Badge>
      )}
      <Group gap={4}>
        <Text fw={overdue ? 700 : 400} c={overdue ? 'red.9' : undefined}>
          {formatDateTime(dueBy, timeZone)}
        </Text>
      </Group>
    </Stack>
  );
}
