// What a submitted screening came to: safety banner first, then score, severity and the next step with its due time.
import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import type { Ref } from 'react';
import type { ScreeningView } from '@server/services/screenings/record-screening';
import { dispositionLabel, flagLabel, formatDateTime, severityLabel } from '../lib/format';
import { INSTRUMENT_DEFS } from '../lib/instruments';
import { SafetyBanner, needsSafetyProtocol } from './SafetyBanner';
import { plainReason } from '../lib/plain-words';

const MAX_TOTAL: Partial<Record<string, number>> = {
  'phq-9': 27,
  'phq-2': 6,
  'gad-7': 21,
  'gad-2': 6,
  'audit-c': 12,
  'pc-ptsd-5': 5,
};

export function ScreeningResultPanel({
  result,
  answers,
  timeZone,
  headingRef,
}: {
  result: ScreeningView;
  answers: (number | null)[];
  timeZone: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const def = INSTRUMENT_DEFS[result.instrument];
  const max = MAX_TOTAL[result.instrument];
  const safety = needsSafetyProtocol(result);
  const { triage } = result;
  return (
    <Stack gap="md">
      <Title order={2} ref={headingRef} tabIndex={-1}>
        {def.name} result
      </Title>
      {safety && <SafetyBanner result={result} answers={answers} timeZone={timeZone} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Score
          </Text>
          <Text fz={32} fw={800} data-testid="screening-total">
            {result.total ?? '—'}
            {result.total !== null && max !== undefined && (
              <Text component="span" fz="md" c="dimmed" fw={500}>
                {' '}
                of {max}
              </Text>
            )}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Severity
          </Text>
          <Text fz="xl" fw={700}>
            {severityLabel(result.severity)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Screen
          </Text>
          <Text fz="xl" fw={700}>
            {result.positive ? 'Positive' : 'Negative'}
          </Text>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Text size="sm" c="dimmed">
          Next step
        </Text>
        <Group gap="sm" mt={4}>
          {triage.disposition === 'none' ? (
            <IconCircleCheck size={22} aria-hidden />
          ) : (
            <IconClock size={22} aria-hidden />
          )}
          <Text fz="xl" fw={700} data-testid="triage-disposition">
            {dispositionLabel(triage.disposition)}
          </Text>
        </Group>
        {triage.dueBy && (
          <Text mt={4}>
            Due by <strong>{formatDateTime(triage.dueBy, timeZone)}</strong>
            {triage.itemId ? ' — added to the worklist.' : '.'}
          </Text>
        )}
        {triage.disposition !== 'none' && !triage.dueBy && triage.itemId && (
          <Text mt={4}>Added to the worklist.</Text>
        )}
        {result.flags.length > 0 && (
          <Group gap="xs" mt="sm">
            {result.flags.map((f) => (
              <Badge key={f} color="red.9" variant="outline">
                {flagLabel(f)}
              </Badge>
            ))}
          </Group>
        )}
      </Card>
      <details>
        <summary style={{ cursor: 'pointer', padding: '12px 0' }}>
          Why: how the score and next step were reached
        </summary>
        <List size="sm" mt="xs" spacing={4}>
          {[...result.reasons, ...triage.reasons].map((r) => (
            <List.Item key={r}>{plainReason(r)}</List.Item>
          ))}
        </List>
      </details>
    </Stack>
  );
}
