// The unmissable suicide-risk banner: an alert role, a strong colour, an icon and words that say what to do today.
import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangleFilled } from '@tabler/icons-react';
import type { ScreeningView } from '@server/services/screenings/record-screening';
import { formatDateTime, severityLabel } from '../lib/format';
import { INSTRUMENT_DEFS } from '../lib/instruments';

export const needsSafetyProtocol = (result: Pick<ScreeningView, 'flags' | 'triage'>): boolean =>
  result.flags.includes('suicidal_ideation') || result.triage.disposition === 'safety_protocol';

export function SafetyBanner({
  result,
  answers,
  timeZone,
}: {
  result: ScreeningView;
  answers: (number | null)[];
  timeZone: string;
}) {
  const finding = (() => {
    if (result.instrument === 'phq-9') {
      const item9 = answers[8] ?? null;
      const label = INSTRUMENT_DEFS['phq-9'].items[8]?.choices.find((c) => c.value === item9)?.label;
      return `PHQ-9 item 9 answered “${label ?? item9}”: the patient reported thoughts of being better off dead or of hurting themselves.`;
    }
    if (result.instrument === 'c-ssrs-screen') {
      return `C-SSRS screen positive: ${severityLabel(result.severity).toLowerCase()}.`;
    }
    return 'This screening found a suicide risk.';
  })();
  const high = result.instrument === 'c-ssrs-screen' && result.severity === 'high';
  const due = result.triage.dueBy ? ` — due by ${formatDateTime(result.triage.dueBy, timeZone)}` : '';

  return (
    <Alert
      role="alert"
      aria-live="assertive"
      variant="filled"
      color="red.9"
      radius="md"
      p="lg"
      icon={<IconAlertTriangleFilled size={36} aria-hidden />}
      title={
        <Text fz="xl" fw={800} c="white">
          Safety risk: start the safety protocol today
        </Text>
      }
      styles={{ root: { borderLeft: '10px solid #000' } }}
    >
      <Text fz="lg" fw={700} c="white">
        {finding}
      </Text>
      <Text fz="lg" c="white" mt="xs">
        <strong>Due today{due}:</strong> a clinician completes a suicide risk assessment and a safety plan
        before the patient leaves the clinic.
      </Text>
      <List c="white" mt="xs" fz="md">
        {high && (
          <List.Item>
            <strong>High risk:</strong> do not leave the patient alone; arrange an emergency psychiatric
            evaluation now.
          </List.Item>
        )}
        <List.Item>Tell the patient’s PCP or the behavioral health clinician in person now.</List.Item>
        <List.Item>Keep the patient in the clinic until the assessment is done.</List.Item>
        {result.triage.itemId && <List.Item>A safety task is on the clinic worklist.</List.Item>}
      </List>
    </Alert>
  );
}
