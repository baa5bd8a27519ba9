// One patient: demographics, then the sections of the chart the server offers and the user may see.
// Add a section (trend chart, episode, contacts, case reviews, recommendations) to SECTIONS below.
import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconClipboardHeart } from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Operation } from '../api/capabilities';
import { usePatient, useUsers } from '../api/hooks';
import type { PatientView } from '@server/services/patients/patient-input';
import { FlagChips } from '../components/FlagChips';
import { CaseReviewSection } from '../components/patient/CaseReviewHistory';
import { ContactLogSection } from '../components/patient/ContactLog';
import { EpisodePanel, StatusBadge } from '../components/patient/EpisodePanel';
import { NotesSection } from '../components/patient/NotesSection';
import { ScoreTrendSection } from '../components/patient/ScoreTrend';
import { ScreeningHistory } from '../components/patient/ScreeningHistory';
import type { PatientSectionProps } from '../components/patient/types';
import { useCurrentEpisode } from '../components/patient/useCurrentEpisode';
import { QueryState } from '../components/QueryState';
import { ageFrom, formatDay, fullName, PAYER_LABELS, SEX_LABELS } from '../lib/format';
import { useSession } from '../session/SessionProvider';

interface PatientSection {
  id: string;
  title: string;
  /** Shown only when the server offers these operations to the user's roles. */
  needs: Operation[];
  component: ComponentType<PatientSectionProps>;
  /** `main` and `side` sit next to each other on wide screens; `full` spans the page. */
  span: 'main' | 'side' | 'full';
}

export const SECTIONS: PatientSection[] = [
  {
    id: 'scores',
    title: 'Symptom scores',
    needs: ['GET /api/patients/{id}/screenings'],
    component: ScoreTrendSection,
    span: 'main',
  },
  {
    id: 'episode',
    title: 'Episode of care',
    needs: ['GET /api/patients/{id}/episodes', 'GET /api/episodes/{id}'],
    component: EpisodePanel,
    span: 'side',
  },
  {
    id: 'contacts',
    title: 'Contacts and minutes',
    needs: ['GET /api/patients/{id}/episodes', 'GET /api/episodes/{id}/contacts'],
    component: ContactLogSection,
    span: 'full',
  },
  {
    id: 'notes',
    title: 'Notes',
    needs: ['GET /api/patients/{id}/episodes', 'GET /api/episodes/{id}/notes'],
    component: NotesSection,
    span: 'main',
  },
  {
    id: 'reviews',
    title: 'Case reviews and recommendations',
    needs: ['GET /api/patients/{id}/episodes', 'GET /api/episodes/{id}'],
    component: CaseReviewSection,
    span: 'side',
  },
  {
    id: 'screenings',
    title: 'Screenings',
    needs: ['GET /api/patients/{id}/screenings'],
    component: ScreeningHistory,
    span: 'full',
  },
];

/** On wide screens a `main` section and the `side` section after it share a row. */
const SPAN = { main: { base: 12, lg: 7 }, side: { base: 12, lg: 5 }, full: 12 } as const;

/** Status of the current episode and its flags (safety first), for the clinical roles that may read them. */
function CareHeader({ patientId }: { patientId: string }) {
  const { can } = useSession();
  const { current, detail } = useCurrentEpisode(patientId);
  if (!can('GET /api/episodes/{id}') || !current) return null;
  const flags = detail.data?.registry?.flags ?? [];
  return (
    <Group gap="sm" align="center" data-testid="care-header">
      <StatusBadge status={current.status} />
      <FlagChips flags={flags} empty={detail.data ? <Text c="dimmed">No flags</Text> : null} />
    </Group>
  );
}

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

function Demographics({ patient, clinicName }: { patient: PatientView; clinicName: string }) {
  const { can } = useSession();
  const staff = useUsers({ clinicId: patient.clinicId }, can('GET /api/users') && patient.pcpId !== null);
  const pcp = staff.data?.users.find((u) => u.id === patient.pcpId);
  const age = ageFrom(patient.birthDate);
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="dl" m={0}>
        <Fact label="MRN">{patient.mrn}</Fact>
        <Fact label="Born">
          {formatDay(patient.birthDate)}
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
              <CareHeader patientId={patient.id} />
              <Demographics patient={patient} clinicName={patientClinic?.name ?? '—'} />
              <Grid gap="xl">
                {sections.map((section) => (
                  <Grid.Col key={section.id} span={SPAN[section.span]}>
                    <section aria-labelledby={`section-${section.id}`}>
                      <Title order={2} size="h3" id={`section-${section.id}`} mb="sm">
                        {section.title}
                      </Title>
                      <section.component patient={patient} timeZone={timeZone} />
                    </section>
                  </Grid.Col>
                ))}
              </Grid>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
