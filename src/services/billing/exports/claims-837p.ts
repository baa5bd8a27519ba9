// An X12 837 Professional (005010X222A1) file for a closed month, generated and checked with node-x12.
import { JSEDINotation, X12Generator, X12Parser, X12QueryEngine, type X12Interchange } from 'node-x12';
import type { PostalAddress } from '../../../domain/billing/identifiers.js';
import type { Issue } from '../../../errors.js';
import {
  chargedCents,
  PLACE_OF_SERVICE_OFFICE,
  type ClaimExportRow,
  type ClinicBillingIdentity,
} from '../../../domain/billing/claim-lines.js';

export interface Submitter {
  /** Interchange sender and submitter id (ISA06, GS02, 1000A NM109). */
  id: string;
  name: string;
  receiverId: string;
  receiverName: string;
}

/** X12 elements cannot carry the delimiters; names are upper-cased as clearinghouses expect. */
const clean = (value: string) =>
  value
    .replace(/[*~:^\n\r]/g, ' ')
    .trim()
    .toUpperCase();
const pad = (value: string, width: number) => clean(value).slice(0, width).padEnd(width, ' ');
const ymd = (date: string) => date.replaceAll('-', '');
const money = (cents: number) => (cents / 100).toFixed(2);

/** The clinic as the group billing provider, complete enough for 2010AA (billing.md §9a). */
interface BillingProvider {
  name: string;
  /** The group (type 2) NPI. */
  npi: string;
  taxId: string;
  address: PostalAddress;
}

/** Issues listed by id beyond which the rest are summed up in one issue. */
const MAX_LISTED = 50;

/**
 * What an 837P needs that the records lack, one issue per clinic field, practitioner or patient (ids only,
 * never names of patients). A file a clearinghouse would reject is worse than an error naming what to fix.
 */
export function missing837pData(clinic: ClinicBillingIdentity, rows: readonly ClaimExportRow[]): Issue[] {
  const clinicLabel = `clinic "${clinic.name}" (${clinic.id})`;
  const issues: Issue[] = [];
  if (!clinic.address)
    issues.push({
      field: 'clinic.address',
      reason: `${clinicLabel} has no address (2010AA billing provider N3/N4)`,
    });
  if (!clinic.billingNpi)
    issues.push({
      field: 'clinic.billingNpi',
      reason: `${clinicLabel} has no group NPI (2010AA billing provider NM1*85*2)`,
    });
  if (!clinic.taxId)
    issues.push({
      field: 'clinic.taxId',
      reason: `${clinicLabel} has no tax id (EIN) (2010AA billing provider REF*EI)`,
    });
  const listed = (
    kind: string,
    ids: string[],
    field: (id: string) => string,
    reason: (id: string) => string,
  ) => {
    for (const id of ids.slice(0, MAX_LISTED)) issues.push({ field: field(id), reason: reason(id) });
    if (ids.length > MAX_LISTED)
      issues.push({ field: kind, reason: `and ${ids.length - MAX_LISTED} more ${kind} like these` });
  };
  const practitioners = [
    ...new Set(rows.filter((r) => !r.billingPractitioner.npi).map((r) => r.billingPractitionerId)),
  ];
  listed(
    'billingPractitioners',
    practitioners,
    (id) => `billingPractitioners.${id}.npi`,
    (id) => `billing practitioner ${id} has no NPI (2310B rendering provider NM109)`,
  );
  // billing.md §9a: names go in structured, never split from a display name.
  const unnamed = [
    ...new Set(
      rows
        .filter((r) => !r.billingPractitioner.familyName || !r.billingPractitioner.givenName)
        .map((r) => r.billingPractitionerId),
    ),
  ];
  listed(
    'billingPractitioners',
    unnamed,
    (id) => `billingPractitioners.${id}.familyName`,
    (id) =>
      `billing practitioner ${id} has no given and family name on file (2310B rendering provider NM103/NM104)`,
  );
  const patients = [...new Set(rows.filter((r) => !r.patient.address).map((r) => r.patientId))];
  listed(
    'patients',
    patients,
    (id) => `patients.${id}.address`,
    (id) => `patient ${id} has no address (2010BA subscriber N3/N4)`,
  );
  return issues;
}

/** N3 (street) and N4 (city, state, ZIP digits) of a US address. */
function addAddress(tx: { addSegment(tag: string, elements: string[]): unknown }, address: PostalAddress) {
  tx.addSegment('N3', address.line2 ? [clean(address.line1), clean(address.line2)] : [clean(address.line1)]);
  tx.addSegment('N4', [clean(address.city), address.state, address.postalCode.replace('-', '')]);
}

/** Claim filing indicator (SBR09) by payer class. */
const FILING_INDICATOR: Record<string, string> = {
  medicare: 'MB',
  medicaid: 'MC',
  commercial: 'CI',
  self_pay: 'ZZ',
  other: 'ZZ',
};

/** Callers check `missing837pData` first; a row without what a loop needs is a programming error here. */
export function claims837p(
  rows: readonly ClaimExportRow[],
  submitter: Submitter,
  provider: BillingProvider,
  created: Date,
  controlNumber: number,
): string {
  const control = String(controlNumber).padStart(9, '0');
  const date = created.toISOString().slice(0, 10);
  const time = created.toISOString().slice(11, 16).replace(':', '');
  const notation = new JSEDINotation(
    [
      '00',
      pad('', 10),
      '00',
      pad('', 10),
      'ZZ',
      pad(submitter.id, 15),
      'ZZ',
      pad(submitter.receiverId, 15),
      ymd(date).slice(2),
      time,
      '^',
      '00501',
      control,
      '0',
      'P',
      ':',
    ],
    { elementDelimiter: '*', segmentTerminator: '~', subElementDelimiter: ':', repetitionDelimiter: '^' },
  );
  const group = notation.addFunctionalGroup([
    'HC',
    clean(submitter.id),
    clean(submitter.receiverId),
    ymd(date),
    time,
    String(controlNumber),
    'X',
    '005010X222A1',
  ]);
  const tx = group.addTransaction(['837', '0001', '005010X222A1']);
  tx.addSegment('BHT', ['0019', '00', control, ymd(date), time, 'CH']);
  tx.addSegment('NM1', ['41', '2', clean(submitter.name), '', '', '', '', '46', clean(submitter.id)]);
  tx.addSegment('PER', ['IC', clean(submitter.name)]);
  tx.addSegment('NM1', [
    '40',
    '2',
    clean(submitter.receiverName),
    '',
    '',
    '',
    '',
    '46',
    clean(submitter.receiverId),
  ]);

  const byEpisode = new Map<string, ClaimExportRow[]>();
  for (const row of rows) byEpisode.set(row.episodeId, [...(byEpisode.get(row.episodeId) ?? []), row]);
  // 2000A/2010AA billing provider: the clinic as a group (billing.md §9a: NM1*85*2, group NPI, EIN);
  // each claim's practitioner renders in 2310B.
  const providerHl = 1;
  let hl = providerHl;
  tx.addSegment('HL', [String(providerHl), '', '20', '1']);
  tx.addSegment('NM1', ['85', '2', clean(provider.name), '', '', '', '', 'XX', provider.npi]);
  addAddress(tx, provider.address);
  tx.addSegment('REF', ['EI', provider.taxId]);
  for (const lines of byEpisode.values()) {
    const first = lines[0]!;
    // 2000B/2010BA subscriber (the patient), 2010BB payer.
    tx.addSegment('HL', [String(++hl), String(providerHl), '22', '0']);
    tx.addSegment('SBR', [
      'P',
      '18',
      '',
      '',
      '',
      '',
      '',
      '',
      FILING_INDICATOR[first.patient.payer ?? 'other'] ?? 'ZZ',
    ]);
    tx.addSegment('NM1', [
      'IL',
      '1',
      clean(first.patient.familyName),
      clean(first.patient.givenName),
      '',
      '',
      '',
      'MI',
      clean(first.patient.memberId ?? first.patient.mrn),
    ]);
    // 2010BA N3/N4 subscriber address: required when the patient is the subscriber (SBR02 = 18).
    const address = first.patient.address;
    if (!address) throw new Error(`patient ${first.patientId} has no address; check missing837pData first`);
    addAddress(tx, address);
    tx.addSegment('DMG', [
      'D8',
      ymd(first.patient.birthDate),
      first.patient.sex === 'female' ? 'F' : first.patient.sex === 'male' ? 'M' : 'U',
    ]);
    tx.addSegment('NM1', [
      'PR',
      '2',
      clean(first.patient.payer ?? 'self pay'),
      '',
      '',
      '',
      '',
      'PI',
      clean(first.patient.payer ?? 'SELF'),
    ]);
    // 2300 claim: one per episode and month; diagnoses ABK principal, ABF others.
    // billing.md §9a: CLM02 and SV102 are the practice's charges (units × the charge schedule's price).
    const total = lines.reduce((sum, l) => sum + chargedCents(l), 0);
    tx.addSegment('CLM', [
      `${first.episodeId.slice(0, 8)}${first.month.replace('-', '')}`,
      money(total),
      '',
      '',
      `${PLACE_OF_SERVICE_OFFICE}:B:1`,
      'Y',
      'A',
      'Y',
      'Y',
    ]);
    tx.addSegment(
      'HI',
      first.diagnoses.slice(0, 12).map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}:${code.replace('.', '')}`),
    );
    // 2310B rendering provider: the month's billing practitioner, by structured name (billing.md §9a).
    const practitioner = first.billingPractitioner;
    tx.addSegment('NM1', [
      '82',
      '1',
      clean(practitioner.familyName ?? ''),
      clean(practitioner.givenName ?? ''),
      '',
      '',
      '',
      'XX',
      practitioner.npi ?? '',
    ]);
    lines.forEach((line, i) => {
      tx.addSegment('LX', [String(i + 1)]);
      const pointers = line.diagnoses
        .slice(0, 4)
        .map((_, d) => String(d + 1))
        .join(':');
      tx.addSegment('SV1', [
        `HC:${line.code}`,
        money(chargedCents(line)),
        'UN',
        String(line.units),
        '',
        '',
        pointers,
      ]);
      tx.addSegment('DTP', ['472', 'D8', ymd(line.serviceDate)]);
    });
  }
  return new X12Generator(notation).toString();
}

/** A name loop as parsed back: its NM1 and the N3, N4 and REF segments that follow it. */
export interface ParsedParty {
  /** NM102: 1 person, 2 organization. */
  entityType: string;
  /** NM103 (last name or organization name) and NM104 (first name). */
  lastName: string;
  firstName: string;
  /** NM109: the NPI (XX) or member id (MI). */
  id: string;
  /** N3 elements (street lines), N4 elements (city, state, ZIP), or null when the loop has none. */
  street: string[] | null;
  cityStateZip: string[] | null;
  /** REF01 qualifier → REF02. */
  refs: Record<string, string>;
}

export interface Parsed837 {
  transactionSets: string[];
  claims: number;
  lines: number;
  codes: string[];
  /** CLM02 of each claim and SV102 of each line: the charges, in file order. */
  claimCharges: string[];
  lineCharges: string[];
  /** 2010AA loops, in file order. */
  billingProviders: ParsedParty[];
  /** 2010BA loops, in file order. */
  subscribers: ParsedParty[];
  /** 2310B loops, in file order. */
  renderingProviders: ParsedParty[];
}

/** Parses an 837P back with node-x12 (strict): the check that what we send is well-formed X12. */
export function parse837p(edi: string): Parsed837 {
  const interchange = new X12Parser(true).parse(edi) as X12Interchange;
  const engine = new X12QueryEngine(false);
  const values = (query: string) => engine.query(interchange as never, query).map((r) => r.value ?? '');
  const billingProviders: ParsedParty[] = [];
  const subscribers: ParsedParty[] = [];
  const renderingProviders: ParsedParty[] = [];
  let party: ParsedParty | null = null;
  for (const group of interchange.functionalGroups) {
    for (const transaction of group.transactions) {
      for (const segment of transaction.segments) {
        const el = segment.elements.map((e) => e.value);
        if (segment.tag === 'NM1') {
          party = null;
          const parsed: ParsedParty = {
            entityType: el[1] ?? '',
            lastName: el[2] ?? '',
            firstName: el[3] ?? '',
            id: el[8] ?? '',
            street: null,
            cityStateZip: null,
            refs: {},
          };
          // NM101 entity: 85 billing provider (2010AA), IL insured/subscriber (2010BA), 82 rendering (2310B).
          if (el[0] === '85') billingProviders.push((party = parsed));
          if (el[0] === 'IL') subscribers.push((party = parsed));
          if (el[0] === '82') renderingProviders.push((party = parsed));
        } else if (party && segment.tag === 'N3') party.street = el;
        else if (party && segment.tag === 'N4') party.cityStateZip = el;
        else if (party && segment.tag === 'REF') party.refs[el[0] ?? ''] = el[1] ?? '';
        else if (segment.tag !== 'DMG' && segment.tag !== 'PER') party = null;
      }
    }
  }
  return {
    transactionSets: values('ST01'),
    claims: values('CLM01').length,
    lines: values('SV101').length,
    codes: values('SV101').map((v) => v.split(':')[1] ?? ''),
    claimCharges: values('CLM02'),
    lineCharges: values('SV102'),
    billingProviders,
    subscribers,
    renderingProviders,
  };
}
