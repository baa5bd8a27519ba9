// Says that figures were judged under another year's billing rules because their own year has no rule pack yet.
import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RulePackWarning } from '@server/domain/billing/pack-selection';

export function ProvisionalPackAlert({ warnings }: { warnings: readonly RulePackWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      data-testid="provisional-pack"
    >
      {/* Title as body text: the orange title colour fails contrast on the light background. */}
      <Text fw={700} size="sm">
        Provisional billing rules
      </Text>
      <List size="sm" spacing={2}>
        {warnings.map((w) => (
          <List.Item key={`${w.year}-${w.packId}`}>{w.message}.</List.Item>
        ))}
      </List>
      <Text size="sm" mt={4}>
        An administrator loads the year’s rule pack in Billing → rule packs (POST /api/billing/rule-packs) or
        with careloop rule-packs import.
      </Text>
    </Alert>
  );
}
