// Seeds the clearly labelled demo organization: fake clinics, staff in every role, patients, a year of screenings.
import { subDays } from 'date-fns';
import type { Db } from '../db/connection.js';
import { scoreScreening, type InstrumentCode } from '../domain/instruments/index.js';
import { triage } from '../domain/triage.js';
import type { Role } from '../services/actor.js';
import { insertOrganization } from '../services/orgs/create-organization.js';
import { PAYERS, SEXES } from '../services/patients/patient-input.js';
import { storeScreening } from '../services/screenings/record-screening.js';
import { DEFAULT_SCREENING_RULES } from '../services/rules/rule-sets.js';
import { insertUser } from '../services/users/create-user.js';
import { answersForTotal, phq9Answers } from './answers.js';
import { patientName } from './people.js';
import { Random } from './random.js';

export const DEMO_PASSWORD = 'careloop-demo-2026';
export const DEMO_SIGN_IN = { email: 'admin@demo.careloop.test', password: DEMO_PASSWORD };
export const DEMO_ORG_NAME = 'DEMO — Careloop Demo Health (fake data)';

const CLINICS = [
  { key: 'riverside', name: 'DEMO Riverside Family Medicine', timeZone: 'America/New_York' },
  { key: 'mesa', name: 'DEMO Mesa Primary Care', timeZone: 'America/Phoenix' },
] as const;

/** Staff per clinic; the psychiatric consultant and billing specialist cover both clinics. */
const CLINIC_STAFF: {
  role: Role;
  key: string;
  name: string;
  credential?: 'md' | 'np' | 'lcsw' | 'rn' | 'ma';
}[] = [
  { role: 'pcp', key: 'pcp', name: 'Dr. Alex Rivera', credential: 'md' },
  { role: 'pcp', key: 'pcp2', name: 'Jordan Lee, NP', credential: 'np' },
  { role: 'care_manager', key: 'cm', name: 'Sam Okafor, LCSW', credential: 'lcsw' },
  { role: 'care_manager', key: 'cm2', name: 'Robin Chen, RN', credential: 'rn' },
  { role: 'medical_assistant', key: 'ma', name: 'Casey Morgan, MA', credential: 'ma' },
  { role: 'front_desk', key: 'frontdesk', name: 'Taylor Brooks' },
];
const SHARED_STAFF: { role: Role; key: string; name: string; credential?: 'md' }[] = [
  { role: 'psychiatric_consultant', key: 'psychiatrist', name: 'Dr. Morgan Hale', credential: 'md' },
  { role: 'billing', key: 'billing', name: 'Avery Quinn' },
];

export interface DemoOptions {
  seed: number;
  patientsPerClinic?: number;
  /** The demo's "today"; screenings run up to this day. */
  now?: Date;
}

export interface DemoResult {
  orgId: string;
  clinicIds: string[];
  staff: Record<string, string>;
  patientCount: number;
  screeningCount: number;
}

export async function seedDemo(db: Db, options: DemoOptions): Promise<DemoResult> {
  const random = new Random(options.seed);
  const now = options.now ?? new Date();
  const perClinic = options.patientsPerClinic ?? 150;
  const [first, ...others] = CLINICS;
  return db.transaction().execute(async (trx) => {
    const org = await insertOrganization(trx, {
      orgName: DEMO_ORG_NAME,
      clinicName: first.name,
      timeZone: first.timeZone,
      admin: { email: DEMO_SIGN_IN.email, name: 'Demo Administrator', password: DEMO_PASSWORD },
      isDemo: true,
    });
    const clinicIds: Record<string, string> = { [first.key]: org.clinicId };
    for (const clinic of others) {
      const row = await trx
        .insertInto('clinics')
        .values({ org_id: org.orgId, name: clinic.name, timezone: clinic.timeZone })
        .returning('id')
        .executeTakeFirstOrThrow();
      clinicIds[clinic.key] = row.id;
    }
    const allClinicIds = Object.values(clinicIds);
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
      s: { role: Role; key: string; name: string; credential?: string },
      email: string,
      clinics: string[],
    ) => {
      const user = await insertUser(trx, org.orgId, {
        email,
        name: s.name,
        password: DEMO_PASSWORD,
        roles: [s.role],
        clinicIds: clinics,
        credential: s.credential as never,
      });
      return user.id;
    };
    for (const clinic of CLINICS) {
      for (const s of CLINIC_STAFF) {
        staff[`${s.key}.${clinic.key}`] = await addStaff(s, `${s.key}.${clinic.key}@demo.careloop.test`, [
          clinicIds[clinic.key]!,
        ]);
      }
    }
    for (const s of SHARED_STAFF)
      staff[s.key] = await addStaff(s, `${s.key}@demo.careloop.test`, allClinicIds);

    let patientCount = 0;
    let screeningCount = 0;
    for (const clinic of CLINICS) {
      const clinicId = clinicIds[clinic.key]!;
      for (let n = 1; n <= perClinic; n++) {
        const sex = random.weighted(
          SEXES.map((s) => [s, s === 'female' ? 52 : s === 'male' ? 45 : 1.5] as const),
        );
        const age = random.int(18, 88);
        const birth = subDays(now, age * 365 + random.int(0, 364));
        const patient = await trx
          .insertInto('patients')
          .values({
            org_id: org.orgId,
            clinic_id: clinicId,
            mrn: `${clinic.key === 'riverside' ? 'RV' : 'MS'}-${String(100000 + n * 7)}`,
            ...patientName(random, sex),
            birth_date: birth.toISOString().slice(0, 10),
            sex,
            pcp_id: staff[`${random.pick(['pcp', 'pcp2'])}.${clinic.key}`]!,
            payer:
              age >= 65
                ? 'medicare'
                : random.weighted(
                    PAYERS.map((p) => [p, p === 'medicaid' ? 35 : p === 'commercial' ? 50 : 5] as const),
                  ),
            member_id: `DEMO${random.int(10000000, 99999999)}`,
          })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        patientCount++;
        screeningCount += await seedScreenings(trx, random, {
          orgId: org.orgId,
          clinicId,
          patientId: patient.id,
          sex,
          timeZone: clinic.timeZone,
          maId: staff[`ma.${clinic.key}`]!,
          now,
        });
      }
    }
    return { orgId: org.orgId, clinicIds: allClinicIds, staff, patientCount, screeningCount };
  });
}

/** A year of primary-care visits: PHQ-2 at each, the full PHQ-9 when positive, GAD-7 and AUDIT-C annually. */
async function seedScreenings(
  db: Db,
  random: Random,
  p: {
    orgId: string;
    clinicId: string;
    patientId: string;
    sex: (typeof SEXES)[number];
    timeZone: string;
    maId: string;
    now: Date;
  },
): Promise<number> {
  const visits = random.int(1, 4);
  const depressed = random.chance(0.22);
  // Visits roughly a quarter apart, the latest within the last ~3 months.
  const latestDaysAgo = random.int(0, 100);
  let count = 0;
  for (let v = 0; v < visits; v++) {
    const daysAgo = latestDaysAgo + (visits - 1 - v) * random.int(70, 100);
    const at = subDays(p.now, Math.max(0, daysAgo));
    at.setUTCHours(random.int(13, 21), random.int(0, 59), 0, 0);
    if (at > p.now) at.setTime(p.now.getTime() - 3_600_000);
    const record = async (instrument: InstrumentCode, answers: number[]) => {
      const score = scoreScreening(instrument, answers, {
        sex: p.sex,
        rules: DEFAULT_SCREENING_RULES.instruments,
      });
      const result = triage(
        { score, administeredAt: at, timeZone: p.timeZone, exclusions: [] },
        DEFAULT_SCREENING_RULES.triage,
      );
      const { itemId } = await storeScreening(db, {
        orgId: p.orgId,
        clinicId: p.clinicId,
        patientId: p.patientId,
        administeredBy: p.maId,
        instrument,
        answers,
        administeredAt: at,
        score,
        triage: result,
      });
      // Older next steps were handled at the time; the last two weeks stay on the worklist.
      if (itemId && daysAgo > 14) {
        await db
          .updateTable('triage_items')
          .set({ status: 'done', completed_at: at, completed_by: p.maId })
          .where('org_id', '=', p.orgId)
          .where('id', '=', itemId)
          .execute();
      }
      count++;
    };
    const phq9Total = depressed ? random.normalInt(14, 5, 5, 27) : random.normalInt(3, 3, 0, 12);
    const item9 = phq9Total >= 10 && random.chance(0.12) ? random.int(1, 2) : 0;
    const phq9 = phq9Answers(random, phq9Total, item9);
    const phq2 = phq9.slice(0, 2);
    await record('phq-2', phq2);
    if ((phq2[0] ?? 0) + (phq2[1] ?? 0) >= 3 || depressed) await record('phq-9', phq9);
    if (v === visits - 1) {
      await record(
        'gad-7',
        answersForTotal(
          random,
          7,
          3,
          depressed ? random.normalInt(11, 5, 0, 21) : random.normalInt(3, 3, 0, 21),
        ),
      );
      await record(
        'audit-c',
        answersForTotal(
          random,
          3,
          4,
          random.weighted([
            [0, 40],
            [2, 30],
            [4, 20],
            [7, 10],
          ]),
        ),
      );
    }
  }
  return count;
}
