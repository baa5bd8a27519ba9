// CoCM consent inputs (when, how, by whom, what the patient was told), shared by the enroll form and by
// documenting consent later.
import { Checkbox, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CONSENT_METHODS, type ConsentMethod } from '@server/domain/registry/episode-status';
import type { StaffDirectory } from '../../api/staff';
import type { ConsentInput } from '../../api/types';
import { instantFromInput } from '../../lib/format';
import type { FieldErrors } from '../../lib/issues';
import { useSession } from '../../session/SessionProvider';

const METHOD_LABELS: Record<ConsentMethod, string> = { verbal: 'Verbal', written: 'Written' };

/** The consent fields as the API names them (for a form's unclaimed issues). */
export const CONSENT_FIELDS = [
  'obtainedAt',
  'method',
  'obtainedBy',
  'costSharingExplained',
  'consultationExplained',
] as const;

/**
 * The consent being entered. Who obtained it defaults to the signed-in user when they are on the care
 * team, else to `fallbackBy` (e.g. the episode's care manager), else to the first of the team.
 */
export function useConsentForm(staff: StaffDirectory, timeZone: string, fallbackBy?: string) {
  const { user } = useSession();
  const [obtainedAt, setObtainedAt] = useState('');
  const [method, setMethod] = useState<ConsentMethod>('verbal');
  const [chosenBy, setObtainedBy] = useState<string | null>(null);
  // billing.md §1: the patient is told cost sharing applies and that specialists are consulted.
  const [costSharingExplained, setCostSharingExplained] = useState(false);
  const [consultationExplained, setConsultationExplained] = useState(false);
  const all = [
    ...staff.withRole('care_manager'),
    ...staff.withRole('pcp'),
    ...staff.withRole('psychiatric_consultant'),
  ];
  const team = all.filter((u, i) => all.findIndex((v) => v.id === u.id) === i);
  const me = user?.id ?? '';
  const obtainedBy = chosenBy ?? (team.some((u) => u.id === me) ? me : (fallbackBy ?? team[0]?.id ?? ''));
  return {
    obtainedAt,
    method,
    obtainedBy,
    costSharingExplained,
    consultationExplained,
    team,
    me,
    setObtainedAt,
    setMethod,
    setObtainedBy,
    setCostSharingExplained,
    setConsultationExplained,
    /** The consent to send; an empty time means `emptyAt` (a `datetime-local` value; empty: now). */
    input: (emptyAt = ''): ConsentInput => ({
      obtainedAt: instantFromInput(obtainedAt || emptyAt, timeZone),
      method,
      obtainedBy,
      costSharingExplained,
      consultationExplained,
    }),
  };
}

export type ConsentForm = ReturnType<typeof useConsentForm>;

export function ConsentFields({
  form,
  errors,
  path,
  emptyAt,
}: {
  form: ConsentForm;
  errors: FieldErrors;
  /** Where the consent sits in the request body (`consent`), for issue paths; none when it is the body. */
  path?: string;
  /** What an empty time stands for, e.g. “now”. */
  emptyAt: string;
}) {
  const at = (field: (typeof CONSENT_FIELDS)[number]) => (path ? `${path}.${field}` : field);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label="Consent obtained at"
          description={`Empty: ${emptyAt}`}
          type="datetime-local"
          value={form.obtainedAt}
          onChange={(e) => form.setObtainedAt(e.currentTarget.value)}
          error={errors.get(at('obtainedAt'))}
        />
        <NativeSelect
          label="Consent method"
          value={form.method}
          onChange={(e) => form.setMethod(e.currentTarget.value as ConsentMethod)}
          data={CONSENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
          error={errors.get(at('method'))}
        />
        <NativeSelect
          label="Consent obtained by"
          value={form.obtainedBy}
          onChange={(e) => form.setObtainedBy(e.currentTarget.value)}
          data={form.team.map((u) => ({ value: u.id, label: u.id === form.me ? `${u.name} (you)` : u.name }))}
          error={errors.get(at('obtainedBy')) ?? (path ? errors.exact(path) : undefined)}
        />
      </SimpleGrid>
      <Checkbox
        label="Cost sharing was explained (deductible and coinsurance apply each month)"
        checked={form.costSharingExplained}
        onChange={(e) => form.setCostSharingExplained(e.currentTarget.checked)}
        error={errors.get(at('costSharingExplained'))}
      />
      <Checkbox
        label="Consultation with specialists (the psychiatric consultant) was explained"
        checked={form.consultationExplained}
        onChange={(e) => form.setConsultationExplained(e.currentTarget.checked)}
        error={errors.get(at('consultationExplained'))}
      />
    </Stack>
  );
}
