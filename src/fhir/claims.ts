// Maps a closed month's claim lines to FHIR R4 Claim resources (one per episode), per docs/domain/fhir.md §6.
import type { Bundle, Claim, Money } from '@medplum/fhirtypes';
import { chargedCents, PLACE_OF_SERVICE_OFFICE, type ClaimExportRow } from '../domain/billing/claim-lines.js';

export const SYSTEMS = {
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  diagnosisType: 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
  mrn: 'urn:careloop:mrn',
} as const;

/** G-codes are HCPCS Level II; the rest are CPT (docs/domain/fhir.md §1). */
const codeSystem = (code: string) => (code.startsWith('G') ? SYSTEMS.hcpcs : SYSTEMS.cpt);

/** US dollars as FHIR Money, from cents. */
const usd = (cents: number): Money => ({ value: cents / 100, currency: 'USD' });

/** One professional Claim per episode and month, one item per code (add-on units on one line). */
export function claimsBundle(rows: readonly ClaimExportRow[], created: Date): Bundle<Claim> {
  const byEpisode = new Map<string, ClaimExportRow[]>();
  for (const row of rows) byEpisode.set(row.episodeId, [...(byEpisode.get(row.episodeId) ?? []), row]);
  const claims = [...byEpisode.values()].map((lines): Claim => {
    const first = lines[0]!;
    const practitioner = first.billingPractitioner.npi
      ? {
          identifier: { system: SYSTEMS.npi, value: first.billingPractitioner.npi },
          display: first.billingPractitioner.name,
        }
      : { display: first.billingPractitioner.name };
    return {
      resourceType: 'Claim',
      id: `${first.episodeId}-${first.month}`,
      identifier: [{ system: 'urn:careloop:claim', value: `${first.episodeId}:${first.month}` }],
      status: 'active',
      type: { coding: [{ system: SYSTEMS.claimType, code: 'professional' }] },
      use: 'claim',
      patient: {
        identifier: { system: SYSTEMS.mrn, value: first.patient.mrn },
        display: `${first.patient.givenName} ${first.patient.familyName}`,
      },
      billablePeriod: { start: `${first.month}-01`, end: first.serviceDate },
      created: created.toISOString(),
      provider: practitioner,
      priority: { coding: [{ system: SYSTEMS.processPriority, code: 'normal' }] },
      careTeam: [
        {
          sequence: 1,
          provider: practitioner,
          role: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole', code: 'primary' }],
          },
        },
      ],
      diagnosis: first.diagnoses.slice(0, 12).map((code, i) => ({
        sequence: i + 1,
        diagnosisCodeableConcept: { coding: [{ system: SYSTEMS.icd10cm, code }] },
        ...(i === 0 ? { type: [{ coding: [{ system: SYSTEMS.diagnosisType, code: 'principal' }] }] } : {}),
      })),
      insurance: [
        {
          sequence: 1,
          focal: true,
          coverage: {
            display: first.patient.payer ?? 'self_pay',
            ...(first.patient.memberId ? { identifier: { value: first.patient.memberId } } : {}),
          },
        },
      ],
      item: lines.map((line, i) => ({
        sequence: i + 1,
        careTeamSequence: [1],
        diagnosisSequence: line.diagnoses.slice(0, 4).map((_, d) => d + 1),
        productOrService: { coding: [{ system: codeSystem(line.code), code: line.code }] },
        servicedDate: line.serviceDate,
        locationCodeableConcept: {
          coding: [{ system: SYSTEMS.placeOfService, code: PLACE_OF_SERVICE_OFFICE }],
        },
        quantity: { value: line.units },
        // fhir.md §6: line charge `net` = `unitPrice` × `quantity` (837P SV102), the practice's charge.
        unitPrice: usd(chargedCents(line) / line.units),
        net: usd(chargedCents(line)),
      })),
      // fhir.md §6: the claim's total charge (837P CLM02).
      total: usd(lines.reduce((sum, l) => sum + chargedCents(l), 0)),
    };
  });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: created.toISOString(),
    entry: claims.map((resource) => ({ fullUrl: `urn:careloop:claim:${resource.id}`, resource })),
  };
}
