// One questionnaire item: its wording as the group label and each answer as a large radio card.
import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ItemDef } from '../lib/instruments';

export function AnswerGroup({
  id,
  item,
  value,
  onChange,
  error,
  safetyNote,
}: {
  id: string;
  item: ItemDef;
  value: number | undefined;
  onChange: (value: number) => void;
  error?: string | undefined;
  /** Shown under the item when the chosen answer starts the safety protocol. */
  safetyNote?: string | undefined;
}) {
  const wide = item.choices.length > 2;
  return (
    <div id={id}>
      <Radio.Group
        name={`${id}-answer`}
        value={value === undefined ? '' : String(value)}
        onChange={(v) => onChange(Number(v))}
        label={
          <Text component="span" fz="lg" fw={600}>
            <Text component="span" fw={800}>
              {item.number}.
            </Text>{' '}
            {item.text}
            {item.optional && (
              <Text component="span" c="dimmed" fw={400}>
                {' '}
                (optional)
              </Text>
            )}
          </Text>
        }
        error={error}
        withAsterisk={false}
      >
        <SimpleGrid
          cols={wide ? { base: 1, xs: 2, md: item.choices.length > 4 ? 3 : 4 } : { base: 2 }}
          spacing="sm"
          mt="xs"
        >
          {item.choices.map((choice) => (
            <Radio.Card key={choice.value} value={String(choice.value)} className="answer-card" radius="md">
              <Radio.Indicator size="md" aria-hidden />
              <span>{choice.label}</span>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
      {safetyNote && (
        <Group gap={6} mt="xs" c="red.9" wrap="nowrap">
          <IconAlertTriangle size={18} aria-hidden />
          <Text fw={700} size="sm">
            {safetyNote}
          </Text>
        </Group>
      )}
    </div>
  );
}
