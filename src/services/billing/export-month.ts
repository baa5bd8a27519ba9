// Exports a closed month's claims for billing staff: CSV, FHIR R4 Claims, and an X12 837P file.
import type { Bundle, Claim } from '@medplum/fhirtypes';
import { AppError } from '../../errors.js';
import { claimsBundle } from '../../fhir/claims.js';
import { recordAudit } from '../audit/audit-event.js';
import type { MonthArgs } from './billing-month.js';
import { loadMonthClaims } from './claims.js';
import { claims837p, missing837pData } from './exports/claims-837p.js';
import { claimsCsv } from './exports/claims-csv.js';

export type ExportFormat = 'csv' | 'fhir' | '837p';

export async function exportMonth(
  { db, actor, month, clinicId, now }: MonthArgs,
  format: ExportFormat,
): Promise<string | Bundle<Claim>> {
  return db.transaction().execute(async (trx) => {
    const { claims, clinic } = await loadMonthClaims(trx, actor, clinicId, month);
    // billing.md §9a: every format carries the practice's charges, so a code without one refuses them all.
    const uncharged = [...new Set(claims.filter((c) => c.chargeCents === null).map((c) => c.code))].sort();
    if (uncharged.length > 0) {
      throw new AppError(
        'RULE_VIOLATION',
        `The claims of ${month} cannot be exported: the charge schedule has no price for ` +
          `${uncharged.join(', ')} (clinic "${clinic.name}" or the organization). ` +
          'Set the practice’s price for each code (Billing → Charge schedule), then export again.',
        uncharged.map((code) => ({
          field: `chargeSchedule.${code}`,
          reason: `no charge for ${code}: it is billed on ${claims.filter((c) => c.code === code).length} line(s)`,
        })),
      );
    }
    const missing = format === '837p' ? missing837pData(clinic, claims) : [];
    if (missing.length > 0) {
      throw new AppError(
        'RULE_VIOLATION',
        `The 837P for clinic "${clinic.name}" cannot be built: ${missing.length} required ` +
          `${missing.length === 1 ? 'value is' : 'values are'} missing (see issues). ` +
          'Set the clinic’s billing identity (Admin → Clinics) and the patients’ addresses, then export again.',
        missing,
      );
    }
    const org = await trx
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', actor.orgId)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'billing.export',
      entity: 'claim',
      clinicId,
      details: { month, format, patientIds: [...new Set(claims.map((c) => c.patientId))] },
    });
    if (format === 'csv') return claimsCsv(claims, clinic);
    if (format === 'fhir') return claimsBundle(claims, now);
    return claims837p(
      claims,
      {
        id: actor.orgId.replaceAll('-', '').slice(0, 15),
        name: org.name,
        receiverId: 'CLEARINGHOUSE',
        receiverName: 'CLEARINGHOUSE',
      },
      // Checked complete above.
      { name: clinic.name, npi: clinic.billingNpi!, taxId: clinic.taxId!, address: clinic.address! },
      now,
      Number(month.replace('-', '')) % 1_000_000_000,
    );
  });
}
