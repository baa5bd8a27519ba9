// One patient: demographics, then the sections of the chart the server offers and the user may see.
// Add a section (trend chart, episode, contacts, case reviews, recommendations) to SECTIONS below.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconClipboardHeart } from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Operation } from '../api/capabilities';
import { usePatient, useUsers } from '../api/hooks';
import type { Patient } from '../api/types';
import { ScreeningHistory } from '../components/patient/ScreeningHistory';
import type { PatientSectionProps } from '../components/patient/types';
import { QueryState } from '../components/QueryState';
import { PAYER_LABELS, SEX_LABELS, ageFrom, formatDate, fullName } from '../lib/format';
import { useSession } from '../session/SessionProvider';

interface PatientSection {
  id: string;
  title: string;
  /** Shown only when the server offers these operations to the user's roles. */
  needs: Operation[];
  component: ComponentType<PatientSectionProps>;
}

export const SECTIONS: PatientSection[] = [
  {
    id: 'screenings',
    title: 'Screenings',
    needs: ['GET /api/patients/{id}/screenings'],
    component: ScreeningHistory,
  },
];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text fw={600} component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Demographics({ patient, clinicName }: { patient: Patient; clinicName: string }) {
  const { can } = useSession();
  const staff = useUsers({ clinicId: patient.clinicId }, can('GET /api/users') && patient.pcpId !== null);
  const pcp = staff.data?.users.find((u) => u.id === patient.pcpId);
  const age = ageFrom(patient.birthDate);
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="dl" m={0}>
        <Fact label="MRN">{patient.mrn}</Fact>
        <Fact label="Born">
          {formatDate(patient.birthDate)}
          {age !== null ? ` (${age})` : ''}
        </Fact>
        <Fact label="Sex">{SEX_LABELS[patient.sex] ?? patient.sex}</Fact>
        <Fact label="Coverage">
          {patient.coverage
            ? `${PAYER_LABELS[patient.coverage.payer] ?? patient.coverage.payer}${patient.coverage.memberId ? ` · ${patient.coverage.memberId}` : ''}`
            : 'Not recorded'}
        </Fact>
        <Fact label="PCP">{patient.pcpId ? (pcp?.name ?? '—') : 'Not set'}</Fact>
        <Fact label="Clinic">{clinicName}</Fact>
      </SimpleGrid>
    </Card>
  );
}

export default function PatientPage() {
  const { patientId = '' } = useParams();
  const { can, clinics, clinic } = useSession();
  const query = usePatient(patientId);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/patients" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          Patients
        </Group>
      </Anchor>
      <QueryState query={query} loadingLabel="Loading the patient…">
        {(patient) => {
          const patientClinic = clinics.find((c) => c.id === patient.clinicId);
          const timeZone = patientClinic?.timezone ?? clinic?.timezone ?? 'UTC';
          const sections = SECTIONS.filter((s) => s.needs.every(can));
          return (
            <Stack gap="lg">
              <Group justify="space-between" align="end">
                <div>
                  <Title order={1}>{fullName(patient)}</Title>
                  {patientClinic && clinic && patientClinic.id !== clinic.id && (
                    <Badge variant="outline" color="gray">
                      {patientClinic.name}
                    </Badge>
                  )}
                </div>
                {can('POST /api/patients/{id}/screenings') && (
                  <Button
                    component={Link}
                    to={`/screen?patient=${patient.id}`}
                    leftSection={<IconClipboardHeart size={18} aria-hidden />}
                    mih={44}
                  >
                    Screen this patient
                  </Button>
                )}
              </Group>
              <Demographics patient={patient} clinicName={patientClinic?.name ?? '—'} />
              {sections.map((section) => (
                <section key={section.id} aria-labelledby={`section-${section.id}`}>
                  <Title order={2} size="h3" id={`section-${section.id}`} mb="sm">
                    {section.title}
                  </Title>
                  <section.component patient={patient} timeZone={timeZone} />
                </section>
              ))}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
