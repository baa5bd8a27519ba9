// Plans the demo's synthetic patients: demographics, coverage, PCP and a year of routine screenings.
import { subDays } from 'date-fns';
import type { PostalAddress } from '../domain/billing/identifiers.js';
import { PAYERS, SEXES } from '../services/patients/patient-input.js';
import { patientName } from './people.js';
import type { Random } from './random.js';
import { planRoutineScreenings, type PlannedScreening } from './routine-screenings.js';

export interface DemoPatient {
  clinicKey: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: (typeof SEXES)[number];
  /** Staff key of the patient's PCP, e.g. `pcp2.mesa`. */
  pcpKey: string;
  payer: (typeof PAYERS)[number];
  memberId: string;
  screenings: PlannedScreening[];
}

export function planPatients(
  random: Random,
  options: { clinics: readonly { key: string; mrnPrefix: string }[]; perClinic: number; now: Date },
): DemoPatient[] {
  const { now } = options;
  const patients: DemoPatient[] = [];
  for (const clinic of options.clinics) {
    for (let n = 1; n <= options.perClinic; n++) {
      const sex = random.weighted(
        SEXES.map((s) => [s, s === 'female' ? 52 : s === 'male' ? 45 : 1.5] as const),
      );
      const age = random.int(18, 88);
      const birth = subDays(now, age * 365 + random.int(0, 364));
      const name = patientName(random, sex);
      const pcpKey = `${random.pick(['pcp', 'pcp2'])}.${clinic.key}`;
      const payer =
        age >= 65
          ? 'medicare'
          : random.weighted(
              PAYERS.map((p) => [p, p === 'medicaid' ? 35 : p === 'commercial' ? 50 : 5] as const),
            );
      patients.push({
        clinicKey: clinic.key,
        mrn: `${clinic.mrnPrefix}-${String(100000 + n * 7)}`,
        givenName: name.given_name,
        familyName: name.family_name,
        birthDate: birth.toISOString().slice(0, 10),
        sex,
        pcpKey,
        payer,
        memberId: `DEMO${random.int(10000000, 99999999)}`,
        screenings: planRoutineScreenings(random, now, `ma.${clinic.key}`),
      });
    }
  }
  return patients;
}

const STREETS = ['Maple', 'Oak', 'Cedar', 'Elm', 'Willow', 'Birch', 'Aspen', 'Juniper', 'Hickory', 'Laurel'];
const STREET_KINDS = ['St', 'Ave', 'Rd', 'Ln', 'Dr', 'Ct'];

/** Invented home addresses in the clinic's city (the 837P's 2010BA N3/N4), one per planned patient. */
export function planAddresses(
  random: Random,
  patients: readonly DemoPatient[],
  clinics: readonly {
    key: string;
    address: { city: string; state: string };
    patientZips: readonly string[];
  }[],
): PostalAddress[] {
  return patients.map((p) => {
    const clinic = clinics.find((c) => c.key === p.clinicKey);
    if (!clinic) throw new Error(`no clinic ${p.clinicKey}`);
    return {
      line1: `${random.int(10, 9999)} ${random.pick(STREETS)} ${random.pick(STREET_KINDS)}`,
      line2: random.chance(0.15) ? `Apt ${random.int(1, 40)}` : null,
      city: clinic.address.city,
      state: clinic.address.state,
      postalCode: random.pick(clinic.patientZips),
    };
  });
}
