// The synthetic health system's organization, clinics and staff, sized from the expected caseload.
import { randomUUID } from 'node:crypto';
import { withNpiCheckDigit } from '../../domain/billing/identifiers.js';
import type { Credential } from '../../domain/billing/vocabulary.js';
import type { Role } from '../../services/actor.js';
import { hashPassword } from '../../services/auth/passwords.js';
import { inBatchTransaction, type NewRow } from '../../services/bulk/batch-transaction.js';
import type { BulkTarget } from '../../services/bulk/bulk-target.js';
import { insertOrganization } from '../../services/orgs/create-organization.js';
import { patientName } from '../people.js';
import { simulatedCharges } from '../practice-charges.js';
import { Random } from '../random.js';
import { CLINIC_ZONES, RATES, ZONE_PLACES } from './scale-rates.js';

export const SIM_PASSWORD = 'careloop-sim-2026';

export interface CareManager {
  id: string;
  consultantId: string;
}

export interface ClinicLayout {
  index: number;
  id: string;
  timeZone: string;
  /** City, state and ZIP of the clinic, where its patients live too. */
  place: { city: string; state: string; zip: string };
  /** Global patient numbers [firstPatient, firstPatient + patientCount) belong to this clinic. */
  firstPatient: number;
  patientCount: number;
  pcps: string[];
  medicalAssistants: string[];
  careManagers: CareManager[];
}

export interface OrgLayout {
  orgId: string;
  adminId: string;
  adminEmail: string;
  clinics: ClinicLayout[];
}

const zoneOf = (index: number) => CLINIC_ZONES[index % CLINIC_ZONES.length]!;

/**
 * A fake but well-formed billing identity per clinic, from its index (no random draws, so the rest of the
 * organization is unchanged): a check-digit-valid group NPI, an EIN with the never-assigned prefix 00, and an
 * invented street in a real city of the clinic's zone.
 */
function clinicIdentity(index: number) {
  const place = ZONE_PLACES[zoneOf(index)];
  return {
    billing_npi: withNpiCheckDigit(String(190_000_000 + index)),
    tax_id: `00${String(index + 1).padStart(7, '0')}`,
    address_line1: `${100 + index} Simulation Way`,
    address_line2: null,
    city: place.city,
    state: place.state,
    postal_code: `${place.zip}-${String(1000 + index).slice(-4)}`,
  };
}

/** Patients per clinic: uneven, as real clinics are, summing exactly to `patients`. */
function clinicSizes(random: Random, patients: number, clinics: number): number[] {
  const weights = Array.from({ length: clinics }, () => 0.5 + random.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((patients * w) / total));
  for (let i = 0; sizes.reduce((a, b) => a + b, 0) < patients; i++) sizes[i % clinics]! += 1;
  return sizes;
}

interface StaffSpec {
  role: Role;
  label: string;
  credentials: readonly Credential[];
}

const STAFF: Record<'pcp' | 'ma' | 'cm' | 'consultant' | 'billing', StaffSpec> = {
  pcp: { role: 'pcp', label: 'pcp', credentials: ['md', 'do', 'np'] },
  ma: { role: 'medical_assistant', label: 'ma', credentials: ['ma'] },
  cm: { role: 'care_manager', label: 'cm', credentials: ['lcsw', 'rn', 'lpc'] },
  consultant: { role: 'psychiatric_consultant', label: 'psychiatrist', credentials: ['md'] },
  billing: { role: 'billing', label: 'billing', credentials: [] },
};

export async function createScaleOrg(
  target: BulkTarget,
  options: {
    seed: number;
    patients: number;
    clinics: number;
    orgName: string;
    openEpisodesPerPatient: number;
  },
): Promise<OrgLayout> {
  const random = new Random(options.seed);
  const passwordHash = await hashPassword(SIM_PASSWORD);
  const sizes = clinicSizes(random, options.patients, options.clinics);
  return inBatchTransaction(target, async (tx) => {
    // Emails are unique across organizations: each run's staff share a random tag.
    const tag = randomUUID().slice(0, 8);
    const adminEmail = `admin.${tag}@sim.careloop.test`;
    const org = await insertOrganization(tx.db, {
      orgName: options.orgName,
      clinicName: 'SIM Clinic 1',
      timeZone: CLINIC_ZONES[0],
      admin: { email: adminEmail, name: 'Simulation Administrator', password: SIM_PASSWORD },
      isDemo: true,
    });
    await tx.db
      .updateTable('clinics')
      .set(clinicIdentity(0))
      .where('org_id', '=', org.orgId)
      .where('id', '=', org.clinicId)
      .execute();
    const clinicRows: NewRow<'clinics'>[] = sizes.slice(1).map((_, k) => ({
      org_id: org.orgId,
      id: randomUUID(),
      name: `SIM Clinic ${k + 2}`,
      timezone: zoneOf(k + 1),
      ...clinicIdentity(k + 1),
    }));
    await tx.insert('clinics', clinicRows);
    await tx.insert('charge_schedule', simulatedCharges(org.orgId, org.adminId));
    const clinicIds = [org.clinicId, ...clinicRows.map((c) => c.id!)];
    const users: NewRow<'users'>[] = [];
    const memberships: NewRow<'user_clinics'>[] = clinicIds
      .slice(1)
      .map((clinicId) => ({ org_id: org.orgId, user_id: org.adminId, clinic_id: clinicId }));
    const addStaff = (spec: StaffSpec, clinicIndex: number, n: number): string => {
      const id = randomUUID();
      const name = patientName(random, random.chance(0.6) ? 'female' : 'male');
      const credential = spec.credentials.length > 0 ? random.pick(spec.credentials) : null;
      users.push({
        org_id: org.orgId,
        id,
        email: `${spec.label}-${clinicIndex + 1}-${n}.${tag}@sim.careloop.test`,
        name: `${name.given_name} ${name.family_name}${credential ? `, ${credential.toUpperCase()}` : ''}`,
        password_hash: passwordHash,
        roles: [spec.role],
        // One draw, as before the check digit was added: the seed's stream stays the same.
        npi: spec.role === 'pcp' ? withNpiCheckDigit(String(random.int(100_000_000, 199_999_999))) : null,
        credential,
      });
      memberships.push({ org_id: org.orgId, user_id: id, clinic_id: clinicIds[clinicIndex]! });
      return id;
    };
    const times = <T>(count: number, make: (n: number) => T): T[] =>
      Array.from({ length: count }, (_, n) => make(n + 1));
    let firstPatient = 0;
    const clinics = sizes.map((patientCount, index): ClinicLayout => {
      const pcps = times(Math.max(1, Math.ceil(patientCount / RATES.panelSize)), (n) =>
        addStaff(STAFF.pcp, index, n),
      );
      const medicalAssistants = times(pcps.length, (n) => addStaff(STAFF.ma, index, n));
      const cmCount = Math.max(
        1,
        Math.round((patientCount * options.openEpisodesPerPatient) / RATES.caseload),
      );
      const consultants = times(Math.ceil(cmCount / RATES.careManagersPerConsultant), (n) =>
        addStaff(STAFF.consultant, index, n),
      );
      const careManagers = times(cmCount, (n) => ({
        id: addStaff(STAFF.cm, index, n),
        consultantId: consultants[Math.floor((n - 1) / RATES.careManagersPerConsultant)]!,
      }));
      addStaff(STAFF.billing, index, 1);
      const layout = {
        index,
        id: clinicIds[index]!,
        timeZone: zoneOf(index),
        place: ZONE_PLACES[zoneOf(index)],
        firstPatient,
        patientCount,
        pcps,
        medicalAssistants,
        careManagers,
      };
      firstPatient += patientCount;
      return layout;
    });
    await tx.insert('users', users);
    await tx.insert('user_clinics', memberships);
    return { orgId: org.orgId, adminId: org.adminId, adminEmail, clinics };
  });
}
