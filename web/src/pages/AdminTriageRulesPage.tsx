// Admin: the current clinic's screening and triage rules. A form for bands, dispositions and due times,
// a JSON view for everything; the server validates and its issues appear at the field path they name.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  JsonInput,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { createContext, use, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { useTriageRules, useUpdateTriageRules } from '../api/hooks';
import { GAD7_SEVERITIES } from '@server/domain/instruments/gad7';
import { PHQ9_SEVERITIES } from '@server/domain/instruments/phq9';
import { DISPOSITIONS, type Due } from '@server/domain/triage';
import type { TriageRuleSet } from '../api/types';
import { Loading, QueryState } from '../components/QueryState';
import { DISPOSITION_LABELS, formatDateTime } from '../lib/format';
import { errorMessage, fieldErrors, type FieldErrors } from '../lib/issues';
import { useSession } from '../session/SessionProvider';
import { useClinicTimeZone } from '../session/useClinicTimeZone';

type Path = (string | number)[];
type Rules = TriageRuleSet['rules'];

/** The API's issue path for a place in the rule set: `rules.triage.phq9.bands.1.due`. */
const fieldOf = (path: Path): string => ['rules', ...path].join('.');
const domIdOf = (field: string): string => `rule-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);
}

function setAt<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, next);
  return copy as T;
}

interface Editor {
  draft: Rules;
  set(path: Path, value: unknown): void;
  errors: FieldErrors;
}

const EditorContext = createContext<Editor | null>(null);
const useEditor = (): Editor => {
  const editor = use(EditorContext);
  if (!editor) throw new Error('rule fields need the editor context');
  return editor;
};

const DISPOSITION_OPTIONS = DISPOSITIONS.map((d) => ({ value: d, label: DISPOSITION_LABELS[d] }));

function DispositionField({
  path,
  label,
  options = DISPOSITION_OPTIONS,
}: {
  path: Path;
  label: string;
  options?: { value: string; label: string }[];
}) {
  const { draft, set, errors } = useEditor();
  const field = fieldOf(path);
  return (
    <NativeSelect
      id={domIdOf(field)}
      label={label}
      value={String(getAt(draft, path) ?? '')}
      onChange={(e) => set(path, e.currentTarget.value)}
      data={options}
      error={errors.get(field)}
    />
  );
}

type DueKind = 'none' | 'same_day' | 'hours' | 'days';
const dueKind = (due: Due): DueKind =>
  due === null || due === undefined
    ? 'none'
    : due === 'same_day'
      ? 'same_day'
      : 'hours' in due
        ? 'hours'
        : 'days';

function DueField({ path, label = 'Due' }: { path: Path; label?: string }) {
  const { draft, set, errors } = useEditor();
  const field = fieldOf(path);
  const due = (getAt(draft, path) ?? null) as Due;
  const kind = dueKind(due);
  const amount = due !== null && typeof due === 'object' ? ('hours' in due ? due.hours : due.days) : '';
  const onKind = (next: DueKind) => {
    const n = typeof amount === 'number' ? amount : 1;
    set(
      path,
      next === 'none'
        ? null
        : next === 'same_day'
          ? 'same_day'
          : next === 'hours'
            ? { hours: n }
            : { days: n },
    );
  };
  const error = errors.get(field);
  return (
    <Group gap="xs" align="start" wrap="nowrap">
      <NativeSelect
        id={domIdOf(field)}
        label={label}
        value={kind}
        onChange={(e) => onKind(e.currentTarget.value as DueKind)}
        data={[
          { value: 'none', label: 'No due time' },
          { value: 'same_day', label: 'Same day (end of clinic day)' },
          { value: 'hours', label: 'Within hours' },
          { value: 'days', label: 'Within days (end of day)' },
        ]}
        error={error}
        miw={200}
      />
      {(kind === 'hours' || kind === 'days') && (
        <NumberInput
          label={kind === 'hours' ? 'Hours' : 'Days'}
          aria-label={`${label} (${kind})`}
          value={amount}
          min={1}
          max={kind === 'hours' ? 720 : 365}
          // The rule-set schema refuses an out-of-range value with its reason; never clamp silently.
          clampBehavior="none"
          allowDecimal={false}
          onChange={(v) => set(path, kind === 'hours' ? { hours: Number(v) } : { days: Number(v) })}
          w={100}
          error={error ? true : undefined}
        />
      )}
    </Group>
  );
}

function ActionFields({ path, title, fixed }: { path: Path; title: string; fixed?: string }) {
  const { errors } = useEditor();
  const own = errors.exact(fieldOf(path));
  return (
    <Stack gap={4}>
      <Text fw={600}>{title}</Text>
      <Group align="start" gap="md">
        {fixed ? (
          <div>
            <Text size="sm" fw={500}>
              Next step
            </Text>
            <Text mt={6}>{fixed} (fixed)</Text>
          </div>
        ) : (
          <DispositionField path={[...path, 'disposition']} label="Next step" />
        )}
        <DueField path={[...path, 'due']} />
      </Group>
      {own && (
        <Text c="red.9" size="sm" role="note">
          {own}
        </Text>
      )}
    </Stack>
  );
}

function NumberField({ path, label, description }: { path: Path; label: string; description?: string }) {
  const { draft, set, errors } = useEditor();
  const field = fieldOf(path);
  const value = getAt(draft, path);
  return (
    <NumberInput
      id={domIdOf(field)}
      label={label}
      description={description}
      value={typeof value === 'number' ? value : ''}
      allowDecimal={false}
      onChange={(v) => set(path, typeof v === 'number' ? v : Number(v))}
      error={errors.get(field)}
      w={180}
    />
  );
}

function BandsTable({
  path,
  caption,
  severities,
}: {
  path: Path;
  caption: string;
  /** Severity bands (instrument rules) rather than triage bands. */
  severities?: readonly string[];
}) {
  const { draft, set, errors } = useEditor();
  const field = fieldOf(path);
  const bands = (getAt(draft, path) ?? []) as Record<string, unknown>[];
  const own = errors.exact(field);
  const addBand = () => {
    const last = bands.at(-1);
    const start = typeof last?.max === 'number' ? last.max + 1 : 0;
    set(path, [
      ...bands,
      severities
        ? { min: start, max: start, severity: severities[0] }
        : { min: start, max: start, disposition: 'none', due: null },
    ]);
  };
  return (
    <Stack gap="xs" id={domIdOf(field)}>
      {own && (
        <Text c="red.9" size="sm" fw={600}>
          {own}
        </Text>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">From score</Table.Th>
              <Table.Th scope="col">To score</Table.Th>
              <Table.Th scope="col">{severities ? 'Severity' : 'Next step and due time'}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bands.map((_, i) => {
              const row = [...path, i];
              return (
                <Table.Tr key={i}>
                  <Table.Td>
                    <NumberField path={[...row, 'min']} label={`Band ${i + 1} from`} />
                  </Table.Td>
                  <Table.Td>
                    <NumberField path={[...row, 'max']} label={`Band ${i + 1} to`} />
                  </Table.Td>
                  <Table.Td>
                    {severities ? (
                      <DispositionField
                        path={[...row, 'severity']}
                        label={`Band ${i + 1} severity`}
                        options={severities.map((s) => ({ value: s, label: s.replaceAll('_', ' ') }))}
                      />
                    ) : (
                      <Group align="start">
                        <DispositionField path={[...row, 'disposition']} label={`Band ${i + 1} next step`} />
                        <DueField path={[...row, 'due']} label={`Band ${i + 1} due`} />
                      </Group>
                    )}
                    {errors.exact(fieldOf(row)) && (
                      <Text c="red.9" size="sm">
                        {errors.exact(fieldOf(row))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      color="red"
                      c="red.9"
                      onClick={() =>
                        set(
                          path,
                          bands.filter((__, j) => j !== i),
                        )
                      }
                      aria-label={`Remove band ${i + 1} of ${caption}`}
                      leftSection={<IconTrash size={16} aria-hidden />}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={addBand}
          leftSection={<IconPlus size={14} aria-hidden />}
        >
          Add band to {caption}
        </Button>
      </Group>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Card>
  );
}

const SCREENS = [
  ['phq2', 'PHQ-2'],
  ['gad2', 'GAD-2'],
  ['auditC', 'AUDIT-C'],
  ['pcPtsd5', 'PC-PTSD-5'],
] as const;

const SAFETY = 'Safety protocol';

function RulesForm() {
  const { draft } = useEditor();
  const exclusions = Object.entries(draft.triage.exclusions ?? {});
  return (
    <Stack gap="lg">
      <Section title="PHQ-9 (depression)">
        <ActionFields
          path={['triage', 'phq9', 'item9']}
          title="Item 9 above “Not at all” (suicidal ideation)"
          fixed={SAFETY}
        />
        <BandsTable path={['triage', 'phq9', 'bands']} caption="PHQ-9 triage bands" />
      </Section>
      <Section title="GAD-7 (anxiety)">
        <BandsTable path={['triage', 'gad7', 'bands']} caption="GAD-7 triage bands" />
      </Section>
      <Section title="Quick screens">
        {SCREENS.map(([key, name]) => (
          <Group key={key} align="start" gap="xl">
            <ActionFields path={['triage', key, 'positive']} title={`${name} positive`} />
            <ActionFields path={['triage', key, 'negative']} title={`${name} negative`} />
          </Group>
        ))}
      </Section>
      <Section title="C-SSRS screen (suicide risk)">
        <ActionFields path={['triage', 'cSsrs', 'negative']} title="Negative" />
        <ActionFields path={['triage', 'cSsrs', 'low']} title="Low risk" fixed={SAFETY} />
        <ActionFields path={['triage', 'cSsrs', 'moderate']} title="Moderate risk" fixed={SAFETY} />
        <ActionFields path={['triage', 'cSsrs', 'high']} title="High risk" fixed={SAFETY} />
      </Section>
      <Section title="Red-line exclusions">
        <Text size="sm" c="dimmed">
          Recorded by a clinician; they route the patient out of the in-clinic pathways. Add or remove codes
          in the JSON view.
        </Text>
        {exclusions.map(([code]) => (
          <Stack key={code} gap={4}>
            <Badge variant="outline" color="gray" w="fit-content">
              {code}
            </Badge>
            <LabelField path={['triage', 'exclusions', code, 'label']} />
            <Group align="start">
              <DispositionField
                path={['triage', 'exclusions', code, 'disposition']}
                label="Next step"
                options={DISPOSITION_OPTIONS.filter(
                  (o) => o.value === 'refer_external' || o.value === 'safety_protocol',
                )}
              />
              <DueField path={['triage', 'exclusions', code, 'due']} />
            </Group>
          </Stack>
        ))}
        <ActionFields path={['triage', 'unlistedExclusion']} title="Any exclusion not listed above" />
      </Section>
      <Section title="Instrument cutoffs and severity bands">
        <Group align="start">
          <NumberField path={['instruments', 'phq9', 'positiveAt']} label="PHQ-9 positive at" />
          <NumberField path={['instruments', 'phq2', 'positiveAt']} label="PHQ-2 positive at" />
          <NumberField path={['instruments', 'gad7', 'positiveAt']} label="GAD-7 positive at" />
          <NumberField path={['instruments', 'gad2', 'positiveAt']} label="GAD-2 positive at" />
        </Group>
        <Group align="start">
          <NumberField
            path={['instruments', 'auditC', 'positiveAt', 'male']}
            label="AUDIT-C positive at (men)"
          />
          <NumberField
            path={['instruments', 'auditC', 'positiveAt', 'female']}
            label="AUDIT-C positive at (women)"
          />
          <NumberField path={['instruments', 'auditC', 'assessmentAt']} label="AUDIT-C assessment at" />
          <NumberField
            path={['instruments', 'pcPtsd5', 'positiveAt']}
            label="PC-PTSD-5 positive at"
            description="3 or 4"
          />
        </Group>
        <BandsTable
          path={['instruments', 'phq9', 'bands']}
          caption="PHQ-9 severity bands"
          severities={PHQ9_SEVERITIES}
        />
        <BandsTable
          path={['instruments', 'gad7', 'bands']}
          caption="GAD-7 severity bands"
          severities={GAD7_SEVERITIES}
        />
      </Section>
    </Stack>
  );
}

function LabelField({ path }: { path: Path }) {
  const { draft, set, errors } = useEditor();
  const field = fieldOf(path);
  return (
    <TextInput
      id={domIdOf(field)}
      label="Label"
      value={String(getAt(draft, path) ?? '')}
      onChange={(e) => set(path, e.currentTarget.value)}
      error={errors.get(field)}
    />
  );
}

/** Focuses the input of an issue's path, or of the nearest enclosing path that has one. */
function focusField(field: string) {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const element = document.getElementById(domIdOf(parts.slice(0, n).join('.')));
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus();
      return;
    }
  }
}

const readablePath = (field: string): string =>
  field
    .replace(/^rules\./, '')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p))
    .join(' › ');

function RulesEditor({
  clinicId,
  loaded,
  onReload,
  justSaved,
  onSaved,
}: {
  clinicId: string;
  loaded: TriageRuleSet;
  onReload: () => void;
  /** The editor remounts on a new version; the page remembers that it was this editor's save. */
  justSaved: boolean;
  onSaved: (version: number) => void;
}) {
  const timeZone = useClinicTimeZone();
  const update = useUpdateTriageRules(clinicId);
  const [draft, setDraft] = useState<Rules>(loaded.rules);
  const [tab, setTab] = useState<string | null>('form');
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [saved, setSaved] = useState(justSaved);
  const errors = fieldErrors(update.error);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(loaded.rules), [draft, loaded.rules]);
  const conflict = isApiError(update.error) && update.error.code === 'CONFLICT';

  const editor = useMemo<Editor>(
    () => ({
      draft,
      errors,
      set: (path, value) => {
        setSaved(false);
        setDraft((d) => setAt(d, path, value));
      },
    }),
    [draft, errors],
  );

  const switchTab = (next: string | null) => {
    if (next === 'json') {
      setJsonText(JSON.stringify(draft, null, 2));
      setJsonError(null);
    }
    if (next === 'form' && jsonError) return;
    setTab(next);
  };

  const onJson = (text: string) => {
    setJsonText(text);
    setSaved(false);
    try {
      setDraft(JSON.parse(text) as Rules);
      setJsonError(null);
    } catch {
      setJsonError('This is not valid JSON yet; fix it before saving or returning to the form.');
    }
  };

  const save = () => {
    setSaved(false);
    update.mutate({ version: loaded.version, rules: draft }, { onSuccess: (next) => onSaved(next.version) });
  };

  return (
    <EditorContext value={editor}>
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
                setJsonText(JSON.stringify(loaded.rules, null, 2));
                setJsonError(null);
              }}
            >
              Discard changes
            </Button>
            <Button
              onClick={save}
              loading={update.isPending}
              disabled={!dirty || jsonError !== null}
              leftSection={<IconDeviceFloppy size={18} aria-hidden />}
            >
              Save rules
            </Button>
          </Group>
        </Group>
        {saved && !dirty && (
          <Alert color="careloop" variant="light" role="status">
            Saved as version {loaded.version}. New screenings use these rules from now on.
          </Alert>
        )}
        {update.error && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            icon={<IconAlertCircle aria-hidden />}
            title={conflict ? 'Someone else changed the rules' : 'The rules were not saved'}
          >
            <Text>{errorMessage(update.error)}</Text>
            {errors.all.length > 0 && (
              <List size="sm" mt="xs">
                {errors.all.map((issue) => (
                  <List.Item key={`${issue.field}:${issue.reason}`}>
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => {
                        if (tab !== 'form') switchTab('form');
                        window.setTimeout(() => focusField(issue.field), 0);
                      }}
                    >
                      {readablePath(issue.field)}
                    </Anchor>
                    : {issue.reason}
                  </List.Item>
                ))}
              </List>
            )}
            {conflict && (
              <Button mt="sm" variant="default" onClick={onReload}>
                Load the latest rules (your edits are dropped)
              </Button>
            )}
          </Alert>
        )}
        <Tabs value={tab} onChange={switchTab}>
          <Tabs.List>
            <Tabs.Tab value="form">Form</Tabs.Tab>
            <Tabs.Tab value="json">JSON</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="form" pt="md">
            <RulesForm />
          </Tabs.Panel>
          <Tabs.Panel value="json" pt="md">
            <JsonInput
              label="Rule set (JSON)"
              description="Everything in the rule set, including exclusion codes. The server checks it on save."
              value={jsonText}
              onChange={onJson}
              autosize
              minRows={20}
              maxRows={60}
              error={jsonError}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </EditorContext>
  );
}

export default function AdminTriageRulesPage() {
  const { clinic } = useSession();
  const rules = useTriageRules(clinic?.id ?? null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (!clinic) return <Loading />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Triage rules</Title>
        <Text c="dimmed">{clinic.name} — choose another clinic at the top of the page</Text>
      </div>
      <QueryState query={rules} loadingLabel="Loading the rules…">
        {(data) => (
          <RulesEditor
            key={`${clinic.id}:${data.version}`}
            clinicId={clinic.id}
            loaded={data}
            onReload={() => void rules.refetch()}
            justSaved={savedVersion === data.version}
            onSaved={setSavedVersion}
          />
        )}
      </QueryState>
    </Stack>
  );
}
