// Admin: the current clinic's registry thresholds (flags, review cadence, caseload), one number per field;
// the server validates and its issues appear at the field they name.
import {
  Alert,
  Button,
  Fieldset,
  Group,
  List,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { isApiError } from '../api/client';
import { useRegistryRules, useUpdateRegistryRules } from '../api/hooks';
import type { RegistryRuleSet } from '../api/types';
import { Loading, QueryState } from '../components/QueryState';
import { formatDateTime } from '../lib/format';
import { errorMessage, fieldErrors, fieldId } from '../lib/issues';
import { useSession } from '../session/SessionProvider';
import { useClinicTimeZone } from '../session/useClinicTimeZone';

type Rules = RegistryRuleSet['rules'];

interface RuleField {
  /** Path in the rule set, as the API names it under `rules.` */
  path: string;
  label: string;
  description: string;
}

/** The thresholds a clinic tunes, grouped as the care team thinks of them; everything else keeps its value. */
const GROUPS: readonly { legend: string; fields: readonly RuleField[] }[] = [
  {
    legend: 'Psychiatric case review',
    fields: [
      {
        path: 'reviewOverdueWeeks',
        label: 'Review overdue after (weeks)',
        description: 'An active patient not discussed at case review for longer than this is flagged.',
      },
      {
        path: 'notImproving.minDaysInTreatment',
        label: 'Not improving: judge after (days)',
        description: 'Days in treatment before a patient short of the target counts as not improving.',
      },
      {
        path: 'notImproving.latestAtLeast',
        label: 'Not improving: latest score at least',
        description: 'Patients below this score are not flagged as not improving.',
      },
    ],
  },
  {
    legend: 'Relapse in relapse prevention',
    fields: [
      {
        path: 'relapse.latestAtLeast',
        label: 'Relapse: latest score at least',
        description: 'A score this high since the step-down flags a relapse.',
      },
      {
        path: 'relapse.responseReductionPercent',
        label: 'Relapse: response lost below (% under baseline)',
        description: 'A score less than this far below baseline has lost the response.',
      },
    ],
  },
  {
    legend: 'Contact and measurement',
    fields: [
      {
        path: 'unreachable.attemptsAtLeast',
        label: 'Unreachable after (outreach attempts)',
        description: 'Attempts since the last completed contact that flag a patient as unreachable.',
      },
      {
        path: 'noContactDays.active',
        label: 'No contact while active (days)',
        description: 'More days than this since the last completed contact are flagged.',
      },
      {
        path: 'noContactDays.relapsePrevention',
        label: 'No contact in relapse prevention (days)',
        description: 'The same, for patients in relapse prevention.',
      },
      {
        path: 'measurementOverdueDays',
        label: 'Measurement overdue after (days)',
        description: 'Days without a primary-measure score while active.',
      },
      {
        path: 'recommendationAckDays',
        label: 'Recommendation waiting after (days)',
        description: 'Days a PCP may take to acknowledge case-review advice.',
      },
    ],
  },
];
const PATHS = GROUPS.flatMap((g) => g.fields.map((f) => `rules.${f.path}`));

const getAt = (rules: Rules, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], rules);

function setAt(rules: Rules, path: string, value: unknown): Rules {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy = { ...(rules as Record<string, unknown>) };
  copy[head] = rest.length === 0 ? value : setAt(copy[head] as Rules, rest.join('.'), value);
  return copy as Rules;
}

function RulesEditor({
  clinicId,
  loaded,
  justSaved,
  onSaved,
}: {
  clinicId: string;
  loaded: RegistryRuleSet;
  justSaved: boolean;
  onSaved: (version: number) => void;
}) {
  const timeZone = useClinicTimeZone();
  const update = useUpdateRegistryRules(clinicId);
  const [draft, setDraft] = useState<Rules>(loaded.rules);
  const [saved, setSaved] = useState(justSaved);
  const errors = fieldErrors(update.error);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(loaded.rules), [draft, loaded.rules]);
  const conflict = isApiError(update.error) && update.error.code === 'CONFLICT';
  const elsewhere = errors.unclaimed(PATHS);

  const save = () => {
    setSaved(false);
    update.mutate({ version: loaded.version, rules: draft }, { onSuccess: (next) => onSaved(next.version) });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed">
          Version {loaded.version}
          {loaded.updatedAt
            ? ` · changed ${formatDateTime(loaded.updatedAt, timeZone)}`
            : ' · the Careloop defaults'}
          {dirty ? ' · unsaved changes' : ''}
        </Text>
        <Group>
          <Button
            variant="default"
            disabled={!dirty}
            onClick={() => {
              setDraft(loaded.rules);
              update.reset();
            }}
          >
            Discard changes
          </Button>
          <Button
            onClick={save}
            loading={update.isPending}
            disabled={!dirty}
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          >
            Save rules
          </Button>
        </Group>
      </Group>
      {saved && !dirty && (
        <Alert color="careloop" variant="light" role="status">
          Saved as version {loaded.version}. The registry and the case-review list use these rules now.
        </Alert>
      )}
      {update.error && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          icon={<IconAlertCircle aria-hidden />}
          title={conflict ? 'Someone else changed the rules; reload the page' : 'The rules were not saved'}
        >
          <Text>{errorMessage(update.error)}</Text>
          {elsewhere.length > 0 && (
            <List size="sm" mt="xs">
              {elsewhere.map((issue) => (
                <List.Item key={`${issue.field}:${issue.reason}`}>
                  {issue.field}: {issue.reason}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {GROUPS.map((group) => (
        <Fieldset key={group.legend} legend={group.legend}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {group.fields.map((field) => {
              const value = getAt(draft, field.path);
              return (
                <NumberInput
                  key={field.path}
                  id={fieldId('registry-rules', `rules.${field.path}`)}
                  label={field.label}
                  description={field.description}
                  value={typeof value === 'number' ? value : ''}
                  allowNegative={false}
                  onChange={(next) => {
                    setSaved(false);
                    setDraft((d) => setAt(d, field.path, next === '' ? null : Number(next)));
                  }}
                  error={errors.get(`rules.${field.path}`)}
                />
              );
            })}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}

export default function AdminRegistryRulesPage() {
  const { clinic } = useSession();
  const rules = useRegistryRules(clinic?.id ?? null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (!clinic) return <Loading />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Registry rules</Title>
        <Text c="dimmed">{clinic.name} — choose another clinic at the top of the page</Text>
      </div>
      <QueryState query={rules} loadingLabel="Loading the rules…">
        {(data) => (
          <RulesEditor
            key={`${clinic.id}:${data.version}`}
            clinicId={clinic.id}
            loaded={data}
            justSaved={savedVersion === data.version}
            onSaved={setSavedVersion}
          />
        )}
      </QueryState>
    </Stack>
  );
}
