// Opens an episode of care: program, measure, referral, care team, diagnoses and (optionally) consent.
import {
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Program } from '@server/domain/billing/vocabulary';
import { missingBehavioralDiagnosis } from '@server/domain/registry/diagnosis';
import type { PrimaryMeasureCode } from '@server/domain/registry/outcomes';
import type { PatientView } from '@server/services/patients/patient-input';
import { useEnroll } from '../../api/hooks';
import { useStaff } from '../../api/staff';
import type { EpisodeInput } from '../../api/types';
import { instantFromInput } from '../../lib/format';
import { useClinicTimeZone } from '../../session/useClinicTimeZone';
import { fieldErrors } from '../../lib/issues';
import { useSession } from '../../session/SessionProvider';
import { FormAlert } from '../FormAlert';
import { ConsentFields, useConsentForm } from './ConsentFields';

const FIELDS = [
  'program',
  'primaryMeasure',
  'referredAt',
  'diagnoses',
  'careManagerId',
  'psychiatricConsultantId',
  'pcpId',
  'billingPractitionerId',
  'consent',
];

export const splitCodes = (text: string): string[] =>
  text
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);

export function EnrollForm({ patient, onDone }: { patient: PatientView; onDone: () => void }) {
  const { user, clinics } = useSession();
  const allowNonBehavioralDiagnosis =
    clinics.find((c) => c.id === patient.clinicId)?.allowNonBehavioralDiagnosis ?? false;
  const staff = useStaff(patient.clinicId);
  const timeZone = useClinicTimeZone(patient.clinicId);
  const enroll = useEnroll(patient.id);
  const errors = fieldErrors(enroll.error);
  const careManagers = staff.withRole('care_manager');
  const consultants = staff.withRole('psychiatric_consultant');
  const pcps = staff.withRole('pcp');
  const me = user?.id ?? '';
  const defaultCm = careManagers.some((u) => u.id === me) ? me : (careManagers[0]?.id ?? '');
  const defaultPcp = patient.pcpId ?? pcps[0]?.id ?? '';

  const [program, setProgram] = useState<Program>('cocm');
  const [measure, setMeasure] = useState<PrimaryMeasureCode>('phq-9');
  const [referredAt, setReferredAt] = useState('');
  const [diagnoses, setDiagnoses] = useState('');
  const [diagnosisProblem, setDiagnosisProblem] = useState<string | null>(null);
  const [careManagerId, setCareManagerId] = useState<string | null>(null);
  const [consultantId, setConsultantId] = useState<string | null>(null);
  const [pcpId, setPcpId] = useState<string | null>(null);
  const [billingId, setBillingId] = useState<string | null>(null);
  const [withConsent, setWithConsent] = useState(false);

  const cm = careManagerId ?? defaultCm;
  const consultant = consultantId ?? consultants[0]?.id ?? '';
  const pcp = pcpId ?? defaultPcp;
  const billing = billingId ?? defaultPcp;
  const consent = useConsentForm(staff, timeZone, cm);

  const submit = () => {
    // The server's rule, asked here too so the field says why before anything is sent.
    const codes = splitCodes(diagnoses);
    const problem = codes.length ? missingBehavioralDiagnosis(codes, { allowNonBehavioralDiagnosis }) : null;
    setDiagnosisProblem(problem);
    if (problem) return;
    const input: EpisodeInput = {
      program,
      primaryMeasure: measure,
      referredAt: instantFromInput(referredAt, timeZone),
      diagnoses: codes,
      careManagerId: cm,
      billingPractitionerId: billing,
      ...(consultant ? { psychiatricConsultantId: consultant } : {}),
      ...(pcp ? { pcpId: pcp } : {}),
      // Consent obtained at referral unless a time is given.
      ...(withConsent ? { consent: consent.input(referredAt) } : {}),
    };
    enroll.mutate(input, { onSuccess: onDone });
  };

  const options = (list: { id: string; name: string }[], none?: string) => [
    ...(none !== undefined ? [{ value: '', label: none }] : []),
    ...list.map((u) => ({ value: u.id, label: u.id === me ? `${u.name} (you)` : u.name })),
  ];

  return (
    <Card withBorder padding="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        aria-labelledby="enroll-title"
      >
        <Stack gap="md">
          <Title order={3} size="h4" id="enroll-title">
            Enroll in behavioral health care
          </Title>
          <FormAlert error={enroll.error} issues={errors.unclaimed(FIELDS)} title="Not enrolled" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="enroll-program">
                Program
              </Text>
              <SegmentedControl
                aria-labelledby="enroll-program"
                value={program}
                onChange={(v) => setProgram(v as Program)}
                data={[
                  { value: 'cocm', label: 'Collaborative Care' },
                  { value: 'general_bhi', label: 'General BHI' },
                ]}
              />
              {errors.get('program') && (
                <Text size="sm" c="red.9">
                  {errors.get('program')}
                </Text>
              )}
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="enroll-measure">
                Primary measure
              </Text>
              <SegmentedControl
                aria-labelledby="enroll-measure"
                value={measure}
                onChange={(v) => setMeasure(v as PrimaryMeasureCode)}
                data={[
                  { value: 'phq-9', label: 'PHQ-9' },
                  { value: 'gad-7', label: 'GAD-7' },
                ]}
              />
            </Stack>
            <TextInput
              label="Referred at"
              description="Empty: now"
              type="datetime-local"
              value={referredAt}
              onChange={(e) => setReferredAt(e.currentTarget.value)}
              error={errors.get('referredAt')}
            />
            <TextInput
              label="Diagnoses (ICD-10-CM)"
              description="Separate codes with commas, e.g. F32.1, F41.1"
              value={diagnoses}
              onChange={(e) => setDiagnoses(e.currentTarget.value)}
              error={diagnosisProblem ?? errors.get('diagnoses')}
              required
            />
            <NativeSelect
              label="Care manager"
              value={cm}
              onChange={(e) => setCareManagerId(e.currentTarget.value)}
              data={options(careManagers)}
              error={errors.get('careManagerId')}
            />
            <NativeSelect
              label="Psychiatric consultant"
              value={consultant}
              onChange={(e) => setConsultantId(e.currentTarget.value)}
              data={options(consultants, 'Not assigned yet')}
              error={errors.get('psychiatricConsultantId')}
            />
            <NativeSelect
              label="PCP"
              value={pcp}
              onChange={(e) => setPcpId(e.currentTarget.value)}
              data={options(pcps, 'Not set')}
              error={errors.get('pcpId')}
            />
            <NativeSelect
              label="Billing practitioner"
              value={billing}
              onChange={(e) => setBillingId(e.currentTarget.value)}
              data={options(pcps, 'Choose…')}
              error={errors.get('billingPractitionerId')}
            />
          </SimpleGrid>
          <Checkbox
            label="The patient has consented to collaborative care"
            description="With consent the episode starts active; without it, referred."
            checked={withConsent}
            onChange={(e) => setWithConsent(e.currentTarget.checked)}
          />
          {withConsent && (
            <ConsentFields form={consent} errors={errors} path="consent" emptyAt="the referral time" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone} mih={44}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={enroll.isPending}
              leftSection={<IconUserPlus size={18} aria-hidden />}
              mih={44}
            >
              Enroll
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
