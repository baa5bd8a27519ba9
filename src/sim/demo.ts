// Seeds the clearly labelled demo organization: fake clinics, staff, patients, screenings, a CoCM registry.
import type { Db } from '../db/connection.js';
import type { Role } from '../services/actor.js';
import { withNpiCheckDigit } from '../domain/billing/identifiers.js';
import { insertOrganization } from '../services/orgs/create-organization.js';
import { addressToRow } from '../services/postal-address.js';
import { insertUser } from '../services/users/create-user.js';
import { planAddresses, planPatients } from './demo-patients.js';
import { planEpisodes } from './plan-episodes.js';
import { simulatedCharges } from './practice-charges.js';
import type { BulkTarget } from '../services/bulk/bulk-target.js';
import { seedDemoCaseloads, type CaseloadSeed } from './demo-caseload.js';
import { Random } from './random.js';
import { writeScreenings } from './screening-writer.js';
import { seedRegistry, type RegistryPatient } from './seed-registry.js';
import { seedSafetyAssessments } from './safety-assessments.js';

export const DEMO_PASSWORD = 'careloop-demo-2026';
export const DEMO_SIGN_IN = { email: 'admin@demo.careloop.test', password: DEMO_PASSWORD };
export const DEMO_ORG_NAME = 'DEMO — Careloop Demo Health (fake data)';

/**
 * Fake but well-formed billing identities, so a closed demo month exports a complete 837P: NPIs carry a valid
 * check digit, EINs use the prefix 00 (never assigned by the IRS), and addresses are invented streets in real
 * cities and ZIP codes of each clinic's time zone.
 */
const CLINICS = [
  {
    key: 'riverside',
    mrnPrefix: 'RV',
    name: 'DEMO Riverside Family Medicine',
    timeZone: 'America/New_York',
    billingNpi: withNpiCheckDigit('100000001'),
    taxId: '000000101',
    address: {
      line1: '100 Demo Riverside Way',
      line2: 'Suite 2',
      city: 'Albany',
      state: 'NY',
      postalCode: '12207-1001',
    },
    patientZips: ['12203', '12206', '12208', '12209', '12210'],
  },
  {
    key: 'mesa',
    mrnPrefix: 'MS',
    name: 'DEMO Mesa Primary Care',
    timeZone: 'America/Phoenix',
    billingNpi: withNpiCheckDigit('100000002'),
    taxId: '000000102',
    address: {
      line1: '200 Demo Mesa Blvd',
      line2: null,
      city: 'Mesa',
      state: 'AZ',
      postalCode: '85201-2002',
    },
    patientZips: ['85201', '85202', '85203', '85204', '85210'],
  },
] as const;

/** Each clinic's PCPs get a (fake, check-digit-valid) NPI: the 837P names them in 2010AA. */
const PCP_NPIS: Record<string, string> = {
  'pcp.riverside': withNpiCheckDigit('100000011'),
  'pcp2.riverside': withNpiCheckDigit('100000012'),
  'pcp.mesa': withNpiCheckDigit('100000021'),
  'pcp2.mesa': withNpiCheckDigit('100000022'),
};

/** Staff per clinic; the psychiatric consultant and billing specialist cover both clinics. */
const CLINIC_STAFF: {
  role: Role;
  key: string;
  name: string;
  givenName: string;
  familyName: string;
  credential?: 'md' | 'np' | 'lcsw' | 'rn' | 'ma';
}[] = [
  {
    role: 'pcp',
    key: 'pcp',
    name: 'Dr. Alex Rivera',
    givenName: 'Alex',
    familyName: 'Rivera',
    credential: 'md',
  },
  {
    role: 'pcp',
    key: 'pcp2',
    name: 'Jordan Lee, NP',
    givenName: 'Jordan',
    familyName: 'Lee',
    credential: 'np',
  },
  {
    role: 'care_manager',
    key: 'cm',
    name: 'Sam Okafor, LCSW',
    givenName: 'Sam',
    familyName: 'Okafor',
    credential: 'lcsw',
  },
  {
    role: 'care_manager',
    key: 'cm2',
    name: 'Robin Chen, RN',
    givenName: 'Robin',
    familyName: 'Chen',
    credential: 'rn',
  },
  {
    role: 'medical_assistant',
    key: 'ma',
    name: 'Casey Morgan, MA',
    givenName: 'Casey',
    familyName: 'Morgan',
    credential: 'ma',
  },
  { role: 'front_desk', key: 'frontdesk', name: 'Taylor Brooks', givenName: 'Taylor', familyName: 'Brooks' },
];
const SHARED_STAFF: {
  role: Role;
  key: string;
  name: string;
  givenName: string;
  familyName: string;
  credential?: 'md';
}[] = [
  {
    role: 'psychiatric_consultant',
    key: 'psychiatrist',
    name: 'Dr. Morgan Hale',
    givenName: 'Morgan',
    familyName: 'Hale',
    credential: 'md',
  },
  { role: 'billing', key: 'billing', name: 'Avery Quinn', givenName: 'Avery', familyName: 'Quinn' },
];

export interface DemoOptions {
  seed: number;
  patientsPerClinic?: number;
  /**
   * The demo's "today" (default: the wall clock); screenings and registry history run up to it. It may not
   * be in the future, since the use cases refuse future-dated records. The registry flag minutes_at_risk
   * only fires after the 15th of a month, so a demo seeded on days 1–15 shows every flag but that one.
   */
  now?: Date;
  /** Tells several demo organizations in one database apart (tests): added to the name and every email. */
  suffix?: string;
  /** The PostgreSQL pool, when there is one: the full caseloads then stream through COPY. */
  pgPool?: BulkTarget['pgPool'];
  /** Open episodes added per care manager on top of the hand-planned registry (0: none). */
  caseload?: number;
}

export interface DemoResult {
  orgId: string;
  clinicIds: string[];
  staff: Record<string, string>;
  adminEmail: string;
  patientCount: number;
  screeningCount: number;
  episodeCount: number;
}

/** Episodes draw from their own stream, so the patients of a seed stay the same when episodes change. */
const EPISODE_STREAM = 0x5eed;
/** Addresses too, so adding them changed no other generated value. */
const ADDRESS_STREAM = 0xadd2;

const demoEmail = (local: string, suffix?: string) =>
  suffix ? `${local}+${suffix}@demo.careloop.test` : `${local}@demo.careloop.test`;

export async function seedDemo(db: Db, options: DemoOptions): Promise<DemoResult> {
  const now = options.now ?? new Date();
  if (now.getTime() > Date.now() + 60_000) {
    throw new RangeError(`The demo's today (${now.toISOString()}) is in the future; records cannot be.`);
  }
  const perClinic = options.patientsPerClinic ?? 150;
  const patients = planPatients(new Random(options.seed), { clinics: CLINICS, perClinic, now });
  const timeZones = Object.fromEntries(CLINICS.map((c) => [c.key, c.timeZone]));
  const plans = planEpisodes(new Random(options.seed ^ EPISODE_STREAM), patients, { now, timeZones });
  const planOf = new Map(plans.map((plan) => [plan.patientIndex, plan]));
  const addresses = planAddresses(new Random(options.seed ^ ADDRESS_STREAM), patients, CLINICS);
  const adminEmail = demoEmail('admin', options.suffix);
  const [first, ...others] = CLINICS;
  const seeded = await db.transaction().execute(async (trx) => {
    const org = await insertOrganization(trx, {
      orgName: options.suffix ? `${DEMO_ORG_NAME} ${options.suffix}` : DEMO_ORG_NAME,
      clinicName: first.name,
      timeZone: first.timeZone,
      admin: { email: adminEmail, name: 'Demo Administrator', password: DEMO_PASSWORD },
      isDemo: true,
    });
    const identity = (clinic: (typeof CLINICS)[number]) => ({
      billing_npi: clinic.billingNpi,
      tax_id: clinic.taxId,
      ...addressToRow(clinic.address),
    });
    await trx
      .updateTable('clinics')
      .set(identity(first))
      .where('org_id', '=', org.orgId)
      .where('id', '=', org.clinicId)
      .execute();
    const clinicIds: Record<string, string> = { [first.key]: org.clinicId };
    for (const clinic of others) {
      const row = await trx
        .insertInto('clinics')
        .values({ org_id: org.orgId, name: clinic.name, timezone: clinic.timeZone, ...identity(clinic) })
        .returning('id')
        .executeTakeFirstOrThrow();
      clinicIds[clinic.key] = row.id;
    }
    const allClinicIds = Object.values(clinicIds);
    await trx.insertInto('charge_schedule').values(simulatedCharges(org.orgId, org.adminId)).execute();
    await trx
      .insertInto('user_clinics')
      .values(
        allClinicIds
          .filter((id) => id !== org.clinicId)
          .map((clinicId) => ({ org_id: org.orgId, user_id: org.adminId, clinic_id: clinicId })),
      )
      .execute();

    const staff: Record<string, string> = { admin: org.adminId };
    const addStaff = async (
      s: {
        role: Role;
        key: string;
        name: string;
        givenName: string;
        familyName: string;
        credential?: string;
      },
      email: string,
      clinics: string[],
      npi?: string,
    ) => {
      const user = await insertUser(trx, org.orgId, {
        email,
        name: s.name,
        givenName: s.givenName,
        familyName: s.familyName,
        password: DEMO_PASSWORD,
        roles: [s.role],
        clinicIds: clinics,
        credential: s.credential as never,
        ...(npi ? { npi } : {}),
      });
      return user.id;
    };
    for (const clinic of CLINICS) {
      for (const s of CLINIC_STAFF) {
        staff[`${s.key}.${clinic.key}`] = await addStaff(
          s,
          demoEmail(`${s.key}.${clinic.key}`, options.suffix),
          [clinicIds[clinic.key]!],
          PCP_NPIS[`${s.key}.${clinic.key}`],
        );
      }
    }
    for (const s of SHARED_STAFF)
      staff[s.key] = await addStaff(s, demoEmail(s.key, options.suffix), allClinicIds);

    let screeningCount = 0;
    const registryPatients: RegistryPatient[] = [];
    for (const [index, p] of patients.entries()) {
      const clinic = CLINICS.find((c) => c.key === p.clinicKey)!;
      const clinicId = clinicIds[clinic.key]!;
      const pcpId = staff[p.pcpKey]!;
      const patient = await trx
        .insertInto('patients')
        .values({
          org_id: org.orgId,
          clinic_id: clinicId,
          mrn: p.mrn,
          given_name: p.givenName,
          family_name: p.familyName,
          birth_date: p.birthDate,
          sex: p.sex,
          pcp_id: pcpId,
          payer: p.payer,
          member_id: p.memberId,
          ...addressToRow(addresses[index]!),
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      // In care, the care manager's measurements replace the routine visit screens.
      const plan = planOf.get(index);
      const screenings = plan
        ? [...p.screenings.filter((s) => s.administeredAt < plan.routineUntil), ...plan.screenings]
        : p.screenings;
      const ids = {
        orgId: org.orgId,
        clinicId,
        patientId: patient.id,
        sex: p.sex,
        timeZone: clinic.timeZone,
      };
      screeningCount += await writeScreenings(trx, ids, screenings, staff);
      registryPatients.push({ id: patient.id, clinicId, pcpId });
    }
    return { orgId: org.orgId, clinicIds: allClinicIds, staff, screeningCount, registryPatients };
  });
  // The registry use cases open their own transactions, so they run once the base data is committed.
  const episodeCount = await seedRegistry(db, {
    orgId: seeded.orgId,
    now,
    staff: seeded.staff,
    patients: seeded.registryPatients,
    plans,
  });
  await seedSafetyAssessments(db, {
    orgId: seeded.orgId,
    now,
    staff: seeded.staff,
    patients: seeded.registryPatients,
  });
  const caseloadEpisodes = await seedDemoCaseloads(
    { db, pgPool: options.pgPool },
    caseloadSeed(seeded, options, now),
  );
  return {
    orgId: seeded.orgId,
    clinicIds: seeded.clinicIds,
    staff: seeded.staff,
    adminEmail,
    patientCount: patients.length,
    screeningCount: seeded.screeningCount,
    episodeCount: episodeCount + caseloadEpisodes,
  };
}

/** Each clinic's own staff carry its caseloads, with the shared psychiatric consultant. */
function caseloadSeed(
  seeded: { orgId: string; clinicIds: string[]; staff: Record<string, string> },
  options: DemoOptions,
  now: Date,
): CaseloadSeed {
  const ids = (keys: string[]) => keys.map((key) => seeded.staff[key]!);
  return {
    orgId: seeded.orgId,
    adminId: seeded.staff.admin!,
    seed: options.seed,
    now,
    ...(options.caseload !== undefined ? { openPerCareManager: options.caseload } : {}),
    clinics: CLINICS.map((clinic, index) => ({
      id: seeded.clinicIds[index]!,
      timeZone: clinic.timeZone,
      place: { city: clinic.address.city, state: clinic.address.state, zip: clinic.patientZips[0] },
      pcps: ids([`pcp.${clinic.key}`, `pcp2.${clinic.key}`]),
      medicalAssistants: ids([`ma.${clinic.key}`]),
      careManagers: ids([`cm.${clinic.key}`, `cm2.${clinic.key}`]),
      consultantId: seeded.staff.psychiatrist!,
    })),
  };
}
