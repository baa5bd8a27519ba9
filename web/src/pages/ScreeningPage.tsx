// Screening entry for the medical assistant (tablet, touch first): patient → questionnaire → answers → result.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Divider,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePatient, useRecordScreening } from '../api/hooks';
import type { Answer, InstrumentCode } from '@server/domain/instruments/types';
import type { PatientView } from '@server/services/patients/patient-input';
import type { ScreeningView } from '@server/services/screenings/record-screening';
import { AnswerGroup } from '../components/AnswerGroup';
import { FormAlert } from '../components/FormAlert';
import { PatientPicker } from '../components/PatientPicker';
import { LoadError, Loading } from '../components/QueryState';
import { ScreeningResultPanel } from '../components/ScreeningResultPanel';
import { formatDay, fullName, instantFromInput } from '../lib/format';
import { fieldErrors } from '../lib/issues';
import {
  INSTRUMENT_DEFS,
  INSTRUMENT_ORDER,
  WORDING_NOTE,
  answersFor,
  isAsked,
  itemIndexOf,
  missingItems,
  startsSafety,
  type Draft,
} from '../lib/instruments';
import { useSession } from '../session/SessionProvider';
import { useClinicTimeZone } from '../session/useClinicTimeZone';

const itemDomId = (i: number) => `screening-item-${i}`;

function PatientCard({ patient, onChange }: { patient: PatientView; onChange?: () => void }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fz="xl" fw={800} data-testid="screening-patient">
            {fullName(patient)}
          </Text>
          <Text c="dimmed">
            MRN {patient.mrn} · born {formatDay(patient.birthDate)}
          </Text>
        </div>
        {onChange && (
          <Button variant="default" size="md" onClick={onChange}>
            Change patient
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function ScreeningForm({
  patient,
  instrument,
  onDone,
}: {
  patient: PatientView;
  instrument: InstrumentCode;
  onDone: (result: ScreeningView, answers: Answer[]) => void;
}) {
  const def = INSTRUMENT_DEFS[instrument];
  const [draft, setDraft] = useState<Draft>([]);
  const [givenAt, setGivenAt] = useState('');
  const timeZone = useClinicTimeZone(patient.clinicId);
  const [missing, setMissing] = useState<number[]>([]);
  const record = useRecordScreening(patient.id);
  const errors = fieldErrors(record.error);

  const setAnswer = (index: number, value: number) => {
    setDraft((d) => {
      const next = [...d];
      next[index] = value;
      return next;
    });
    setMissing((m) => m.filter((i) => i !== index));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const unanswered = missingItems(def, draft);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      const first = unanswered[0] ?? 0;
      document.querySelector<HTMLElement>(`#${itemDomId(first)} [role="radio"]`)?.focus();
      return;
    }
    const answers = answersFor(def, draft);
    const administeredAt = instantFromInput(givenAt, timeZone);
    record.mutate(
      { instrument, answers, administeredAt },
      { onSuccess: (result) => onDone(result, answers) },
    );
  };

  const itemFields = def.items.map((_, i) => `answers.${i}`);
  const unclaimed = errors.unclaimed([...itemFields, 'administeredAt']);
  const labelFor = (field: string) => {
    const index = itemIndexOf(field);
    const item = index === null ? undefined : def.items[index];
    if (item) return `Item ${item.number}`;
    if (field === 'answers') return 'Answers';
    return field;
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="questionnaire-title">
      <Stack gap="lg">
        <div>
          <Title order={2} id="questionnaire-title">
            {def.title}
          </Title>
          <Text fz="lg" mt={4}>
            {def.stem}
          </Text>
        </div>
        {missing.length > 0 && (
          <Alert color="red" variant="light" role="alert" title="Some items have no answer">
            Answer item{missing.length > 1 ? 's' : ''} {missing.map((i) => def.items[i]?.number).join(', ')}{' '}
            before saving.
          </Alert>
        )}
        <FormAlert
          error={record.error}
          issues={unclaimed}
          labelFor={labelFor}
          title="The screening was not saved"
        />
        {def.items.map((item, i) =>
          isAsked(item, draft) ? (
            <AnswerGroup
              key={`${instrument}-${i}`}
              id={itemDomId(i)}
              item={item}
              value={draft[i]}
              onChange={(v) => setAnswer(i, v)}
              error={missing.includes(i) ? 'Choose an answer' : errors.get(`answers.${i}`)}
              safetyNote={
                startsSafety(item, draft[i])
                  ? 'This answer starts the same-day safety protocol when saved.'
                  : undefined
              }
            />
          ) : null,
        )}
        <Divider />
        <TextInput
          type="datetime-local"
          label="Given at"
          description="Leave empty if the patient answered just now"
          size="md"
          maw={320}
          value={givenAt}
          onChange={(e) => setGivenAt(e.currentTarget.value)}
          error={errors.get('administeredAt')}
        />
        <Group>
          <Button type="submit" size="lg" loading={record.isPending} mih={52}>
            Score and save
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {def.attribution} {WORDING_NOTE}
        </Text>
      </Stack>
    </form>
  );
}

export default function ScreeningPage() {
  const { clinic } = useSession();
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patient');
  const [picked, setPicked] = useState<PatientView | null>(null);
  const [instrument, setInstrument] = useState<InstrumentCode | null>(null);
  const [outcome, setOutcome] = useState<{ result: ScreeningView; answers: Answer[] } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // A deep link (`/screen?patient=…`, e.g. from the patient page) loads that patient.
  const linked = usePatient(patientId ?? '');
  const patient = picked ?? (patientId ? (linked.data ?? null) : null);
  const timeZone = useClinicTimeZone(patient?.clinicId);

  useEffect(() => {
    if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  const choosePatient = (p: PatientView | null) => {
    setPicked(p);
    setInstrument(null);
    setOutcome(null);
    setParams(p ? { patient: p.id } : {}, { replace: true });
  };

  if (!clinic) return <Loading />;

  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>Screen a patient</Title>

      <section aria-labelledby="step-patient">
        <Title order={2} size="h3" id="step-patient" mb="sm">
          1. Patient
        </Title>
        {patient ? (
          <PatientCard patient={patient} onChange={() => choosePatient(null)} />
        ) : patientId && linked.isPending ? (
          <Loading label="Loading the patient…" />
        ) : patientId && linked.error ? (
          <Stack>
            <LoadError error={linked.error} />
            <PatientPicker clinicId={clinic.id} onPick={choosePatient} />
          </Stack>
        ) : (
          <PatientPicker clinicId={clinic.id} onPick={choosePatient} />
        )}
      </section>

      {patient && !outcome && (
        <section aria-labelledby="step-instrument">
          <Title order={2} size="h3" id="step-instrument" mb="sm">
            2. Questionnaire
          </Title>
          <Radio.Group
            name="instrument"
            value={instrument ?? ''}
            onChange={(v) => setInstrument(v as InstrumentCode)}
            label="Which questionnaire?"
          >
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mt="xs">
              {INSTRUMENT_ORDER.map((code) => (
                <Radio.Card key={code} value={code} className="answer-card">
                  <Radio.Indicator size="md" aria-hidden />
                  <span>{INSTRUMENT_DEFS[code].title}</span>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>
        </section>
      )}

      {patient && instrument && !outcome && (
        <section aria-label="Questions">
          <Card withBorder p="lg">
            <ScreeningForm
              key={`${patient.id}-${instrument}`}
              patient={patient}
              instrument={instrument}
              onDone={(result, answers) => setOutcome({ result, answers })}
            />
          </Card>
        </section>
      )}

      {patient && outcome && (
        <section aria-label="Result">
          <ScreeningResultPanel
            result={outcome.result}
            answers={outcome.answers}
            headingRef={resultHeading}
            timeZone={timeZone}
          />
          <Group mt="lg">
            <Button
              size="md"
              onClick={() => {
                setOutcome(null);
                setInstrument(null);
              }}
            >
              Another questionnaire for {patient.givenName}
            </Button>
            <Button size="md" variant="default" onClick={() => choosePatient(null)}>
              Next patient
            </Button>
            <Anchor component={Link} to={`/patients/${patient.id}`}>
              Open {fullName(patient)}’s record
            </Anchor>
          </Group>
        </section>
      )}

      {!patient && (
        <Group gap="xs" c="dimmed">
          <IconInfoCircle size={18} aria-hidden />
          <Text size="sm">
            New patient? Register them on the{' '}
            <Anchor component={Link} to="/patients">
              Patients
            </Anchor>{' '}
            page first.
          </Text>
        </Group>
      )}
    </Stack>
  );
}
