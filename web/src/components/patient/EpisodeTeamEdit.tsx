// Changes an open episode's diagnoses and care team (care manager, psychiatric consultant, PCP) after enrolment.
import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { missingBehavioralDiagnosis } from '@server/domain/registry/diagnosis';
import type { EpisodeDetail } from '@server/services/read-models/episode-detail';
import { useUpdateEpisode } from '../../api/hooks';
import type { StaffDirectory } from '../../api/staff';
import { fieldErrors } from '../../lib/issues';
import { useSession } from '../../session/SessionProvider';
import { FormAlert } from '../FormAlert';
import { splitCodes } from './EnrollForm';

const FIELDS = ['diagnoses', 'careManagerId', 'psychiatricConsultantId', 'pcpId'];

export function EpisodeTeamEdit({ episode, staff }: { episode: EpisodeDetail; staff: StaffDirectory }) {
  const { can, clinics } = useSession();
  const update = useUpdateEpisode(episode.id);
  const [open, setOpen] = useState(false);
  const [diagnoses, setDiagnoses] = useState(episode.diagnoses.join(', '));
  const [careManagerId, setCareManagerId] = useState(episode.careManagerId);
  const [consultantId, setConsultantId] = useState(episode.psychiatricConsultantId ?? '');
  const [pcpId, setPcpId] = useState(episode.pcpId ?? '');
  const [diagnosisProblem, setDiagnosisProblem] = useState<string | null>(null);
  if (episode.status === 'discharged' || !can('PATCH /api/episodes/{id}')) return null;
  const errors = fieldErrors(update.error);
  const allowNonBehavioralDiagnosis =
    clinics.find((c) => c.id === episode.clinicId)?.allowNonBehavioralDiagnosis ?? false;
  const options = (role: 'care_manager' | 'psychiatric_consultant' | 'pcp', none?: string) => [
    ...(none !== undefined ? [{ value: '', label: none }] : []),
    ...staff.withRole(role).map((u) => ({ value: u.id, label: u.name })),
  ];

  if (!open) {
    return (
      <Group>
        <Button size="compact-md" variant="subtle" onClick={() => setOpen(true)}>
          Edit care team and diagnoses
        </Button>
      </Group>
    );
  }

  const submit = () => {
    // The server's rule, asked here too so the field says why before anything is sent.
    const codes = splitCodes(diagnoses);
    const problem = codes.length ? missingBehavioralDiagnosis(codes, { allowNonBehavioralDiagnosis }) : null;
    setDiagnosisProblem(problem);
    if (problem) return;
    update.mutate(
      {
        diagnoses: codes,
        careManagerId,
        psychiatricConsultantId: consultantId || null,
        pcpId: pcpId || null,
      },
      { onSuccess: () => setOpen(false) },
    );
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label="Edit care team and diagnoses"
    >
      <Stack gap="sm">
        <FormAlert error={update.error} issues={errors.unclaimed(FIELDS)} title="Not changed" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
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
            value={careManagerId}
            onChange={(e) => setCareManagerId(e.currentTarget.value)}
            data={options('care_manager')}
            error={errors.get('careManagerId')}
          />
          <NativeSelect
            label="Psychiatric consultant"
            value={consultantId}
            onChange={(e) => setConsultantId(e.currentTarget.value)}
            data={options('psychiatric_consultant', 'Not assigned')}
            error={errors.get('psychiatricConsultantId')}
          />
          <NativeSelect
            label="PCP"
            value={pcpId}
            onChange={(e) => setPcpId(e.currentTarget.value)}
            data={options('pcp', 'Not assigned')}
            error={errors.get('pcpId')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
