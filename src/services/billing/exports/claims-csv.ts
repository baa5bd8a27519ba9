// The billing team's monthly CSV (columns of docs/domain/fhir.md §7), safe to open in a spreadsheet.
import { monthsBetween } from '../../../domain/calendar/index.js';
import { spreadsheetCsv } from '../../spreadsheet-csv.js';
import {
  PLACE_OF_SERVICE_OFFICE,
  type ClaimExportRow,
  type ClinicBillingIdentity,
} from '../../../domain/billing/claim-lines.js';

export const CLAIM_CSV_COLUMNS = [
  'service_month',
  'date_of_service',
  'patient_mrn',
  'patient_name',
  'dob',
  'payer',
  'member_id',
  'billing_npi',
  'billing_tin',
  'rendering_npi',
  'place_of_service',
  'code',
  'modifiers',
  'units',
  'charge',
  'icd10_1',
  'icd10_2',
  'icd10_3',
  'icd10_4',
  'dx_pointer',
  'minutes_counted',
  'minutes_by_role',
  'episode_month_index',
  'is_initial_month',
  'consent_date',
  'initiating_visit_date',
  'last_psych_review_date',
  'baseline_score',
  'latest_score',
  'rule_pack_version',
  'reasons',
] as const;

const ROLE_ABBREVIATION: Record<string, string> = {
  care_manager: 'BHCM',
  pcp: 'PCP',
  psychiatric_consultant: 'PSY',
  medical_assistant: 'MA',
};

export function claimsCsv(
  rows: readonly ClaimExportRow[],
  clinic: Pick<ClinicBillingIdentity, 'taxId'>,
): string {
  const records = rows.map((c) => {
    const dx = c.diagnoses.slice(0, 4);
    return [
      c.month,
      c.serviceDate,
      c.patient.mrn,
      `${c.patient.familyName}, ${c.patient.givenName}`,
      c.patient.birthDate,
      c.patient.payer ?? '',
      c.patient.memberId ?? '',
      c.billingPractitioner.npi ?? '',
      // The clinic's EIN: the tax id payments are reported under (fhir.md §7 billing_tin).
      clinic.taxId ?? '',
      c.billingPractitioner.npi ?? '',
      PLACE_OF_SERVICE_OFFICE,
      c.code,
      '',
      c.units,
      // The practice's charge for the line (units × price); exports refuse lines without one.
      c.chargeCents === null ? '' : (c.chargeCents / 100).toFixed(2),
      dx[0] ?? '',
      dx[1] ?? '',
      dx[2] ?? '',
      dx[3] ?? '',
      dx.map((_, i) => i + 1).join(''),
      c.minutes,
      Object.entries(c.minutesByRole)
        .filter(([, minutes]) => minutes > 0)
        .map(([role, minutes]) => `${ROLE_ABBREVIATION[role] ?? role} ${minutes}`)
        .join('; '),
      monthsBetween(c.referralDate.slice(0, 7), c.month) + 1,
      c.monthKind === null ? '' : String(c.monthKind === 'initial'),
      c.consentDate ?? '',
      c.initiatingVisitDate ?? '',
      c.lastCaseReviewDate ?? '',
      c.baselineScore ?? '',
      c.latestScore ?? '',
      c.rulePackId,
      c.reasons.join(' | '),
    ];
  });
  return spreadsheetCsv(CLAIM_CSV_COLUMNS, records, /[",\n;|]/);
}
