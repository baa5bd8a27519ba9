// Gathers, per episode, what the billing engine needs for one clinic month: minutes, consent, history.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { billMonth, type BillingMonthResult } from '../../domain/billing/bill-month.js';
import { monthOf, monthRange } from '../../domain/billing/months.js';
import type { RulePackWarning } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import { groupBy } from '../group-by.js';
import { packForPatient } from './rule-packs.js';

export interface EpisodeMonth {
  episodeId: string;
  patientId: string;
  patient: {
    mrn: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    payer: string | null;
    memberId: string | null;
  };
  program: 'cocm' | 'general_bhi';
  billingPractitionerId: string;
  diagnoses: string[];
  consentAt: Date | null;
  countedMinutes: number;
  /** Counted minutes by staff role, for the export's minutes_by_role column. */
  minutesByRole: Record<string, number>;
  result: BillingMonthResult;
  /** The pack's fee per unit (USD) for each code, where known (billing.md §9). */
  fees: RulePack['fees'];
  /** Set when the month's year has no pack and another year's was used provisionally. */
  packWarning: RulePackWarning | null;
}

/** Bills every episode of the clinic that was open at some time in the month. */
export async function billClinicMonth(
  db: Db,
  ids: { orgId: string; clinicId: string },
  month: string,
  timeZone: string,
  packs: readonly RulePack[],
): Promise<EpisodeMonth[]> {
  const { start, end } = monthRange(month, timeZone);
  const episodes = await db
    .selectFrom('episodes as e')
    .innerJoin('patients as p', (j) =>
      j.onRef('p.org_id', '=', 'e.org_id').onRef('p.id', '=', 'e.patient_id'),
    )
    .select([
      'e.id',
      'e.patient_id',
      'e.program',
      'e.billing_practitioner_id',
      'e.diagnoses',
      'e.consent_obtained_at',
      'e.referred_at',
      'p.mrn',
      'p.given_name',
      'p.family_name',
      'p.birth_date',
      'p.payer',
      'p.member_id',
    ])
    .where('e.org_id', '=', ids.orgId)
    .where('e.clinic_id', '=', ids.clinicId)
    .where('e.referred_at', '<', end)
    .where((eb) => eb.or([eb('e.discharged_at', 'is', null), eb('e.discharged_at', '>=', start)]))
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('e.id')
    .execute();
  if (episodes.length === 0) return [];
  const episodeIds = episodes.map((e) => e.id);

  // Counted minutes this month per episode, role and credential, from the rollups kept with every contact.
  const minuteRows = await db
    .selectFrom('episode_month_minutes')
    .select(['episode_id', 'staff_role', 'credential', 'counted_minutes as minutes'])
    .where('org_id', '=', ids.orgId)
    .where('episode_id', 'in', episodeIds)
    .where('month', '=', month)
    .where('counted_minutes', '<>', 0)
    .execute();
  // Day-by-day minutes only for a pack that dates the claim on the day the threshold was met.
  const needsDays = packs.some((p) => p.dateOfService === 'date_threshold_met');
  const dailyRows = needsDays
    ? await db
        .selectFrom('contacts as k')
        .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 'k.org_id').onRef('u.id', '=', 'k.staff_id'))
        .select([
          'k.episode_id',
          'u.credential',
          sql<string>`to_char(k.occurred_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as('day'),
          sql<number>`sum(k.minutes)::int`.as('minutes'),
        ])
        .where('k.org_id', '=', ids.orgId)
        .where('k.episode_id', 'in', episodeIds)
        .where('k.counts_toward_program', '=', true)
        .where('k.occurred_at', '>=', start)
        .where('k.occurred_at', '<', end)
        .groupBy(['k.episode_id', 'u.credential', sql`3`])
        .execute()
    : [];
  // CoCM service months of each patient before this month (billing.md §2.2).
  const serviceRows = await db
    .selectFrom('episode_month_minutes as m')
    .innerJoin('episodes as e', (j) =>
      j.onRef('e.org_id', '=', 'm.org_id').onRef('e.id', '=', 'm.episode_id'),
    )
    .select(['e.patient_id', 'm.month'])
    .where('m.org_id', '=', ids.orgId)
    .where(
      'e.patient_id',
      'in',
      episodes.map((e) => e.patient_id),
    )
    .where('e.program', '=', 'cocm')
    .where('m.month', '<', month)
    .groupBy(['e.patient_id', 'm.month'])
    .having(sql<boolean>`sum(m.counted_minutes) > 0`)
    .execute();
  // Codes already on other clinics' closed claims for the same patient and month (billing.md §4).
  const elsewhere = await db
    .selectFrom('claims')
    .select(['patient_id', 'code'])
    .where('org_id', '=', ids.orgId)
    .where('month', '=', month)
    .where('clinic_id', '<>', ids.clinicId)
    .where(
      'patient_id',
      'in',
      episodes.map((e) => e.patient_id),
    )
    .execute();

  const minutesByEpisode = groupBy(minuteRows, (m) => m.episode_id);
  const daysByEpisode = groupBy(dailyRows, (d) => d.episode_id);
  const serviceMonthsByPatient = groupBy(serviceRows, (s) => s.patient_id);
  const billedThisMonth = new Map<string, string[]>();
  for (const c of elsewhere)
    billedThisMonth.set(c.patient_id, [...(billedThisMonth.get(c.patient_id) ?? []), c.code]);
  const year = Number(month.slice(0, 4));
  // CoCM first: a general BHI episode of the same patient then meets the same-month exclusion.
  const ordered = [...episodes].sort((a, b) => (a.program === b.program ? 0 : a.program === 'cocm' ? -1 : 1));
  const results = new Map<string, EpisodeMonth>();
  for (const e of ordered) {
    const { pack, warning } = packForPatient(packs, e.payer, year);
    const ownCredentials = new Set<string>(pack.generalBhi.practitionerOwn?.credentials ?? []);
    const mine = minutesByEpisode.get(e.id) ?? [];
    const countedMinutes = Math.max(
      0,
      mine.reduce((sum, m) => sum + m.minutes, 0),
    );
    const ownMinutes = Math.max(
      0,
      mine
        .filter((m) => m.credential && ownCredentials.has(m.credential))
        .reduce((sum, m) => sum + m.minutes, 0),
    );
    const minutesByRole: Record<string, number> = {};
    for (const m of mine) minutesByRole[m.staff_role] = (minutesByRole[m.staff_role] ?? 0) + m.minutes;
    const days = new Map<string, { counted: number; own: number }>();
    for (const d of daysByEpisode.get(e.id) ?? []) {
      const day = days.get(d.day) ?? { counted: 0, own: 0 };
      day.counted += d.minutes;
      if (d.credential && ownCredentials.has(d.credential)) day.own += d.minutes;
      days.set(d.day, day);
    }
    const result = billMonth(
      {
        month,
        program: e.program,
        timeZone,
        countedMinutes,
        minutesByClass: e.program === 'general_bhi' ? { g0323PractitionerOwn: ownMinutes } : undefined,
        priorServiceMonths: (serviceMonthsByPatient.get(e.patient_id) ?? []).map((s) => s.month),
        episodeStartMonth: monthOf(e.referred_at, timeZone),
        consent: e.consent_obtained_at ? { obtainedAt: e.consent_obtained_at } : null,
        diagnoses: e.diagnoses,
        sameMonthCodes: billedThisMonth.get(e.patient_id) ?? [],
        ...(pack.dateOfService === 'date_threshold_met'
          ? {
              dailyMinutes: [...days.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([date, d]) => ({
                  date,
                  counted: d.counted,
                  g0323PractitionerOwn: e.program === 'general_bhi' ? d.own : 0,
                })),
            }
          : {}),
      },
      pack,
      { provisional: warning },
    );
    billedThisMonth.set(e.patient_id, [
      ...(billedThisMonth.get(e.patient_id) ?? []),
      ...result.lines.map((l) => l.code),
    ]);
    results.set(e.id, {
      episodeId: e.id,
      patientId: e.patient_id,
      patient: {
        mrn: e.mrn,
        givenName: e.given_name,
        familyName: e.family_name,
        birthDate: e.birth_date,
        payer: e.payer,
        memberId: e.member_id,
      },
      program: e.program,
      billingPractitionerId: e.billing_practitioner_id,
      diagnoses: e.diagnoses,
      consentAt: e.consent_obtained_at,
      countedMinutes,
      minutesByRole,
      result,
      fees: pack.fees,
      packWarning: warning,
    });
  }
  return episodes.map((e) => results.get(e.id)!);
}
