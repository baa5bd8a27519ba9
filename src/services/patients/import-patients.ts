// Imports patient rows (from CSV) all-or-nothing by default: every row is checked before any is written.
import type { Db } from '../../db/connection.js';
import { AppError, zodIssues, type Issue } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { insertPatient } from './create-patient.js';
import { textIssues } from '../schemas.js';
import { patientInput, type PatientInput } from './patient-input.js';

export interface RowError {
  row: number;
  issues: Issue[];
}

export interface ImportResult {
  imported: number;
  rejected: RowError[];
}

const blankToUndefined = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value;

const ADDRESS_COLUMNS = ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode'] as const;

/** A flat CSV record in the shape of the API body; any address column present means an address. */
export function patientFromRecord(record: Record<string, string | undefined>, clinicId: string): unknown {
  const payer = blankToUndefined(record.payer);
  const hasAddress = ADDRESS_COLUMNS.some((column) => blankToUndefined(record[column]) !== undefined);
  return {
    clinicId,
    mrn: record.mrn,
    givenName: record.givenName,
    familyName: record.familyName,
    birthDate: record.birthDate,
    sex: record.sex,
    pcpId: blankToUndefined(record.pcpId),
    coverage: payer ? { payer, memberId: blankToUndefined(record.memberId) } : undefined,
    address: hasAddress
      ? {
          line1: blankToUndefined(record.addressLine1),
          line2: blankToUndefined(record.addressLine2),
          city: blankToUndefined(record.city),
          state: blankToUndefined(record.state),
          postalCode: blankToUndefined(record.postalCode),
        }
      : undefined,
  };
}

export async function importPatients({
  db,
  actor,
  now,
  clinicId,
  records,
  skipInvalid,
  onProgress,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  clinicId: string;
  records: Record<string, string | undefined>[];
  skipInvalid: boolean;
  onProgress?: (done: number) => void;
}): Promise<ImportResult> {
  assertClinicAccess(actor, clinicId, 'Clinic', '--clinic');
  const rejected: RowError[] = [];
  const valid: { row: number; input: PatientInput }[] = [];
  const seenMrns = new Map<string, number>();
  records.forEach((record, index) => {
    const row = index + 2; // the header is line 1
    const badText = textIssues(record);
    if (badText.length > 0) {
      rejected.push({ row, issues: badText });
      return;
    }
    const parsed = patientInput.safeParse(patientFromRecord(record, clinicId));
    if (!parsed.success) {
      rejected.push({ row, issues: zodIssues(parsed.error).filter((i) => i.field !== 'clinicId') });
      return;
    }
    const earlier = seenMrns.get(parsed.data.mrn);
    if (earlier) {
      rejected.push({ row, issues: [{ field: 'mrn', reason: `repeats the MRN of row ${earlier}` }] });
      return;
    }
    seenMrns.set(parsed.data.mrn, row);
    valid.push({ row, input: parsed.data });
  });

  const write = async () =>
    db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const [done, { row, input }] of valid.entries()) {
        try {
          ids.push((await insertPatient(trx, actor, input, now)).id);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          rejected.push({ row, issues: error.issues });
        }
        onProgress?.(done + 1);
      }
      if (rejected.length > 0 && !skipInvalid) throw new RollBack();
      await recordAudit(trx, actor, {
        action: 'patient.import',
        entity: 'patient',
        clinicId,
        details: { count: ids.length, patientIds: ids },
      });
      return ids.length;
    });

  if (rejected.length > 0 && !skipInvalid) return { imported: 0, rejected };
  try {
    return { imported: await write(), rejected: rejected.sort((a, b) => a.row - b.row) };
  } catch (error) {
    if (error instanceof RollBack) return { imported: 0, rejected: rejected.sort((a, b) => a.row - b.row) };
    throw error;
  }
}

class RollBack extends Error {}
