// Codes stored services by patient and clinic day under the patient's payer pack for that year.
import type { Db } from '../../db/connection.js';
import {
  codeServiceDay,
  encounterRulesFor,
  type CodedDay,
  type DocumentedService,
  type ServiceKind,
} from '../../domain/billing/encounter/index.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import type { Credential, Payer } from '../../domain/billing/vocabulary.js';
import type { Selectable } from 'kysely';
import type { BhServicesTable } from '../../db/schema.js';
import { packForPatient } from '../billing/rule-packs.js';

export type BhServiceRow = Selectable<BhServicesTable>;

export const toDocumented = (row: BhServiceRow): DocumentedService => ({
  id: row.id,
  date: row.service_date,
  clinicianId: row.clinician_id,
  credential: row.credential as Credential | null,
  kind: row.kind as ServiceKind,
  minutes: row.minutes,
  primaryDiagnosis: row.primary_diagnosis,
  interactiveComplexity: row.interactive_complexity,
  groupSize: row.group_size,
});

/** One patient's services of one day, coded together so the same-day edits see each other. */
export function codeDay(
  services: readonly DocumentedService[],
  packs: readonly RulePack[],
  payer: string | null,
): CodedDay & { pack: RulePack } {
  const year = Number(services[0]!.date.slice(0, 4));
  const { pack } = packForPatient(packs, payer, year);
  const coded = codeServiceDay(services, encounterRulesFor(pack), {
    payer: pack.payer as Payer,
    packId: pack.id,
  });
  return { ...coded, pack };
}

/** Codes rows of many patients and days: groups them, codes each group, returns the coding per day key. */
export function codeRows(
  rows: ReadonlyArray<BhServiceRow & { payer: string | null }>,
  packs: readonly RulePack[],
): Map<string, CodedDay & { pack: RulePack }> {
  const groups = new Map<string, typeof rows extends ReadonlyArray<infer R> ? R[] : never>();
  for (const row of rows) {
    const key = dayKey(row.patient_id, row.service_date);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const coded = new Map<string, CodedDay & { pack: RulePack }>();
  for (const [key, group] of groups) coded.set(key, codeDay(group.map(toDocumented), packs, group[0]!.payer));
  return coded;
}

export const dayKey = (patientId: string, date: string) => `${patientId}|${date}`;

/** Stored services of one patient and day, oldest first. */
export async function loadDay(
  db: Db,
  orgId: string,
  patientId: string,
  date: string,
): Promise<BhServiceRow[]> {
  return db
    .selectFrom('bh_services')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('patient_id', '=', patientId)
    .where('service_date', '=', date)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
