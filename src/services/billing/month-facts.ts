// Gathers, per episode, what the billing engine needs for one clinic month: minutes, consent, history.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { billMonth, type BillingMonthResult } from '../../domain/billing/bill-month.js';
import { consentForMonth, isWithdrawnAt, withdrawnSpans } from '../../domain/billing/consent.js';
import { dayOf, monthOf, monthRange } from '../../domain/calendar/index.js';
import type { RulePackWarning } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import { groupBy } from '../group-by.js';
import { practitionerMinutes } from './practitioner-minutes.js';
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
  /** The billing practitioner of this month (the episode's history), not necessarily today's. */
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
      'e.initiating_visit_on',
      'e.initiating_visit_type',
      'e.initiating_visit_practitioner_id',
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

  // Counted minutes this month per episode and role, from the rollups kept with every contact.
  const minuteRows = await db
    .selectFrom('episode_month_minutes')
    .select(['episode_id', 'staff_role', 'counted_minutes as minutes'])
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
        .select([
          'k.episode_id',
          sql<string>`to_char(k.occurred_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as('day'),
          sql<number>`sum(k.minutes)::int`.as('minutes'),
        ])
        .where('k.org_id', '=', ids.orgId)
        .where('k.episode_id', 'in', episodeIds)
        .where('k.counts_toward_program', '=', true)
        .where('k.occurred_at', '>=', start)
        .where('k.occurred_at', '<', end)
        .groupBy(['k.episode_id', sql`2`])
        .execute()
    : [];
  // Consents and billing practitioners over time (billing.md §1: consent again after a change).
  const consentRows = await db
    .selectFrom('episode_consents')
    .select(['episode_id', 'obtained_at', 'withdrawn_at', 'cost_sharing_explained', 'consultation_explained'])
    .where('org_id', '=', ids.orgId)
    .where('episode_id', 'in', episodeIds)
    .execute();
  const practitionerRows = await db
    .selectFrom('episode_billing_practitioners')
    .select(['episode_id', 'practitioner_id', 'starts_at'])
    .where('org_id', '=', ids.orgId)
    .where('episode_id', 'in', episodeIds)
    .orderBy('starts_at')
    .execute();
  const consentsByEpisode = new Map(
    [...groupBy(consentRows, (c) => c.episode_id)].map(([id, rows]) => [
      id,
      rows.map((c) => ({
        obtainedAt: c.obtained_at,
        withdrawnAt: c.withdrawn_at,
        costSharingExplained: c.cost_sharing_explained,
        consultationExplained: c.consultation_explained,
      })),
    ]),
  );
  // billing.md §1: minutes logged after a withdrawal (until a new consent) do not count; the rollups hold
  // them, so they are taken back here, by role, credential and day like every other minute.
  const spansByEpisode = new Map(
    [...consentsByEpisode]
      .map(([id, consents]) => [id, withdrawnSpans(consents)] as const)
      .filter(([, spans]) =>
        spans.some((span) => span.from < end && (span.until === null || span.until > start)),
      ),
  );
  if (spansByEpisode.size > 0) {
    const withdrawnRows = await db
      .selectFrom('contacts as k')
      .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 'k.org_id').onRef('u.id', '=', 'k.staff_id'))
      .select(['k.episode_id', 'k.occurred_at', 'k.minutes', 'k.staff_role'])
      .where('k.org_id', '=', ids.orgId)
      .where('k.episode_id', 'in', [...spansByEpisode.keys()])
      .where('k.counts_toward_program', '=', true)
      .where('k.occurred_at', '>=', start)
      .where('k.occurred_at', '<', end)
      .execute();
    for (const k of withdrawnRows) {
      if (!isWithdrawnAt(spansByEpisode.get(k.episode_id)!, k.occurred_at)) continue;
      minuteRows.push({
        episode_id: k.episode_id,
        staff_role: k.staff_role,
        minutes: -k.minutes,
      });
      if (needsDays)
        dailyRows.push({
          episode_id: k.episode_id,
          day: dayOf(k.occurred_at, timeZone),
          minutes: -k.minutes,
        });
    }
  }
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

  // General BHI: G0323 or 99484 depends on who bills and on their own minutes (billing.md §3).
  const practitioners = await practitionerMinutes(
    db,
    ids.orgId,
    episodes.filter((e) => e.program === 'general_bhi').map((e) => e.id),
    { start, end, timeZone },
  );

  const minutesByEpisode = groupBy(minuteRows, (m) => m.episode_id);
  const practitionersByEpisode = groupBy(practitionerRows, (p) => p.episode_id);
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
    const mine = minutesByEpisode.get(e.id) ?? [];
    const countedMinutes = Math.max(
      0,
      mine.reduce((sum, m) => sum + m.minutes, 0),
    );
    const practitioner = practitioners.get(e.id);
    const ownMinutes = Math.max(0, practitioner?.ownMinutes ?? 0);
    const minutesByRole: Record<string, number> = {};
    for (const m of mine) minutesByRole[m.staff_role] = (minutesByRole[m.staff_role] ?? 0) + m.minutes;
    const days = new Map<string, { counted: number; own: number }>();
    for (const d of daysByEpisode.get(e.id) ?? []) {
      const day = days.get(d.day) ?? { counted: 0, own: practitioner?.ownByDay.get(d.day) ?? 0 };
      day.counted += d.minutes;
      days.set(d.day, day);
    }
    // The practitioner who directed care at the month's end bills it; a later change leaves this month alone.
    const assignments = practitionersByEpisode.get(e.id) ?? [];
    const inMonth = assignments.filter((a) => a.starts_at < end);
    const assignment = inMonth.at(-1);
    const billingPractitionerId = assignment?.practitioner_id ?? e.billing_practitioner_id;
    const visit =
      e.initiating_visit_on && e.initiating_visit_type
        ? {
            date: e.initiating_visit_on,
            type: e.initiating_visit_type,
            byBillingPractitioner: e.initiating_visit_practitioner_id === billingPractitionerId,
          }
        : null;
    const result = billMonth(
      {
        month,
        program: e.program,
        timeZone,
        countedMinutes,
        minutesByClass: e.program === 'general_bhi' ? { g0323PractitionerOwn: ownMinutes } : undefined,
        billingPractitionerCredential: practitioner?.credential ?? null,
        priorServiceMonths: (serviceMonthsByPatient.get(e.patient_id) ?? []).map((s) => s.month),
        episodeStartMonth: monthOf(e.referred_at, timeZone),
        consent: consentForMonth(consentsByEpisode.get(e.id) ?? [], month, timeZone),
        billingPractitionerSince: assignment && assignment !== assignments[0] ? assignment.starts_at : null,
        initiatingVisit: visit,
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
      billingPractitionerId,
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
