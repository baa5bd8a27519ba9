// claims.csv opens safely in a spreadsheet: text that starts like a formula is shown as text, while the
// numbers Careloop computed stay numbers (OWASP CSV injection).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ClaimExportRow } from '../../../src/services/billing/claims.js';
import type { CLAIM_CSV_COLUMNS } from '../../../src/services/billing/exports/claims-csv.js';
import { claimsCsv } from '../../../src/services/billing/exports/claims-csv.js';
import { FORMULA_LEADS, spreadsheetCsv } from '../../../src/services/spreadsheet-csv.js';

function claim(patient: Partial<ClaimExportRow['patient']>): ClaimExportRow {
  return {
    id: 'c1',
    episodeId: 'e1',
    patientId: 'p1',
    billingPractitionerId: 'u1',
    program: 'cocm',
    code: '99492',
    units: 1,
    serviceDate: '2026-10-31',
    minutes: 70,
    diagnoses: ['F32.1'],
    reasons: ['70 counted minutes'],
    rulePackId: 'medicare-2026',
    monthKind: 'initial',
    feeCents: null,
    chargeCents: 18000,
    chargeNote: null,
    month: '2026-10',
    patient: {
      mrn: 'MRN1',
      givenName: 'Ana',
      familyName: 'Diaz',
      birthDate: '1970-05-01',
      sex: 'female',
      payer: 'medicare',
      memberId: 'M1',
      address: null,
      ...patient,
    },
    billingPractitioner: { name: 'Dr PCP', givenName: 'Pat', familyName: 'Care', npi: '1234567893' },
    consentDate: '2026-10-02',
    initiatingVisitDate: '2026-09-20',
    referralDate: '2026-10-01',
    lastCaseReviewDate: null,
    baselineScore: 18,
    latestScore: 9,
    minutesByRole: { care_manager: 70 },
  };
}

const cell = (csv: string, column: (typeof CLAIM_CSV_COLUMNS)[number]) =>
  (parse(csv, { columns: true }) as Record<string, string>[])[0]![column];

describe('claims.csv formula neutralization', () => {
  it.each(FORMULA_LEADS.map((lead) => [JSON.stringify(lead), lead]))(
    'a name or member id starting with %s is exported as text',
    (_name, lead) => {
      const csv = claimsCsv(
        [
          claim({
            familyName: `${lead}HYPERLINK("http://x")`,
            memberId: `${lead}1+1`,
            mrn: `${lead}cmd|'/c calc'!A1`,
          }),
        ],
        { taxId: '12-3456789' },
      );
      expect(cell(csv, 'patient_name')).toBe(`'${lead}HYPERLINK("http://x"), Ana`);
      expect(cell(csv, 'member_id')).toBe(`'${lead}1+1`);
      expect(cell(csv, 'patient_mrn')).toBe(`'${lead}cmd|'/c calc'!A1`);
    },
  );

  it('leaves ordinary text and computed numbers as they are', () => {
    const csv = claimsCsv([claim({ familyName: 'Diaz-Ruiz', memberId: 'A-1' })], { taxId: '12-3456789' });
    expect(cell(csv, 'patient_name')).toBe('Diaz-Ruiz, Ana');
    expect(cell(csv, 'member_id')).toBe('A-1');
    expect(cell(csv, 'minutes_counted')).toBe('70');
    expect(cell(csv, 'billing_tin')).toBe('12-3456789');
  });

  it('keeps a negative amount computed by Careloop a number, but neutralizes the same text', () => {
    const csv = spreadsheetCsv(['amount', 'note'], [[-12.5, '-12.50']]);
    expect(parse(csv)).toEqual([
      ['amount', 'note'],
      ['-12.5', "'-12.50"],
    ]);
  });
});
