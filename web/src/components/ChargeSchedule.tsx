// The practice's charge schedule on the billing page: its price per code for the organization and, where a
// clinic charges differently, that clinic's own price; saved as a whole, refusals shown at the field.
import { ActionIcon, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { billingCodeSchema } from '@server/domain/billing/vocabulary';
import { useChargeSchedule, useClinics, useSaveChargeSchedule } from '../api/hooks';
import { FormAlert } from './FormAlert';
import { QueryState } from './QueryState';
import { fieldErrors } from '../lib/issues';
import { newUuid } from '../lib/uuid';

/** One editable price; `clinicId` ORGANIZATION is the organization's price. */
interface Row {
  key: string;
  code: string;
  clinicId: string;
  price: string;
}

const ORGANIZATION = 'organization';
const row = (code: string, clinicId: string | null, price: string): Row => ({
  key: newUuid(),
  code,
  clinicId: clinicId ?? ORGANIZATION,
  price,
});

function ScheduleForm({ initial }: { initial: Row[] }) {
  const save = useSaveChargeSchedule();
  const clinics = useClinics();
  const [rows, setRows] = useState(initial);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(save.error);
  const fields = rows.flatMap((_, i) => ['code', 'clinicId', 'price'].map((f) => `entries.${i}.${f}`));
  const appliesTo = [
    { value: ORGANIZATION, label: 'Organization (every clinic)' },
    ...(clinics.data?.clinics ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  const edit = (key: string, patch: Partial<Row>) => {
    setSaved(false);
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      {
        entries: rows.map((r) => ({
          code: r.code,
          clinicId: r.clinicId === ORGANIZATION ? null : r.clinicId,
          // Blank or not a number: sent as is, so the server names the field.
          price: (r.price.trim() === '' ? undefined : Number(r.price)) as number,
        })),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="charge-schedule-title">
      <Stack gap="sm">
        <FormAlert
          error={save.error}
          issues={errors.unclaimed(fields)}
          title="The charge schedule was not saved"
        />
        {saved && (
          <Text role="status" c="careloop.9" fw={600}>
            Charge schedule saved.
          </Text>
        )}
        <Stack
          gap="xs"
          component="ul"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
          data-testid="charge-rows"
        >
          {rows.map((r, i) => (
            <Group key={r.key} component="li" align="start" gap="sm" wrap="wrap">
              <TextInput
                label={`Code (row ${i + 1})`}
                description="CPT or HCPCS"
                value={r.code}
                onChange={(e) => edit(r.key, { code: e.currentTarget.value })}
                error={errors.get(`entries.${i}.code`)}
                w={150}
              />
              <Select
                label={`Applies to (row ${i + 1})`}
                description="A clinic’s own price wins"
                data={appliesTo}
                value={r.clinicId}
                onChange={(v) => edit(r.key, { clinicId: v ?? ORGANIZATION })}
                allowDeselect={false}
                error={errors.get(`entries.${i}.clinicId`)}
                w={260}
              />
              <TextInput
                label={`Price in dollars (row ${i + 1})`}
                description="Per unit, e.g. 185.00"
                inputMode="decimal"
                leftSection="$"
                value={r.price}
                onChange={(e) => edit(r.key, { price: e.currentTarget.value })}
                error={errors.get(`entries.${i}.price`)}
                w={180}
              />
              <ActionIcon
                variant="default"
                size={44}
                mt={46}
                aria-label={`Remove row ${i + 1}${r.code ? ` (${r.code})` : ''}`}
                onClick={() => {
                  save.reset();
                  setRows((all) => all.filter((x) => x.key !== r.key));
                }}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <Group>
          <Button
            variant="default"
            mih={44}
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setRows((all) => [...all, row('', null, '')])}
          >
            Add a price
          </Button>
          <Button
            type="submit"
            mih={44}
            loading={save.isPending}
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          >
            Save charge schedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ChargeSchedule() {
  const schedule = useChargeSchedule();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="charge-schedule-title">
            Charge schedule
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            The practice’s own price per code, sent as the charge on every claim (837P, CSV, FHIR): units ×
            price. It is not what a payer pays; expected payment comes from the payer’s rule pack. A month
            whose claims bill a code without a price cannot be exported.
          </Text>
        </div>
        <QueryState query={schedule} loadingLabel="Loading the charge schedule…">
          {(data) => (
            <ScheduleForm
              // A new schedule starts with the codes the billing engine bills, to be priced.
              initial={
                data.entries.length > 0
                  ? data.entries.map((e) => row(e.code, e.clinicId, e.price.toFixed(2)))
                  : billingCodeSchema.options.map((code) => row(code, null, ''))
              }
            />
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}
