// Operations figures for leaders: screen-to-contact time, triage reach, contact and review rates, billing yield.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { DEFAULT_REVIEW_OVERDUE_WEEKS } from '../../domain/registry/rules.js';
import { CASELOAD_STATUSES } from '../../domain/registry/episode-status.js';
import { OUTREACH_ACTIVITY, PATIENT_CONTACT_ACTIVITIES } from '../../domain/registry/contact-rules.js';
import { BH_ROLES } from '../../domain/registry/roles.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

/** "Reviewed lately": within the weeks after which the registry calls a review overdue (mbc.md §9). */
const RECENT_REVIEW_DAYS = DEFAULT_REVIEW_OVERDUE_WEEKS * 7;
import { isoDate, uuid } from '../schemas.js';

export const operationsQuery = z
  .object({
    clinicId: uuid.optional(),
    careManagerId: uuid.optional(),
    pcpId: uuid.optional(),
    program: z.enum(['cocm', 'general_bhi']).optional(),
    payer: z.string().trim().min(1).max(64).optional(),
    from: isoDate,
    to: isoDate,
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type OperationsQuery = z.output<typeof operationsQuery>;

interface Rate {
  numerator: number;
  denominator: number;
}

export interface OperationsFigures {
  period: { from: string; to: string };
  /** Positive screens in the period (by patients' clinic, PCP and payer) to the first completed BH contact. */
  screenToContact: { screens: number; contacted: number; medianDays: number | null; p90Days: number | null };
  /** Triage items with a due time: reached by a completed BH contact by then, among those due or reached. */
  reachedByDue: Rate;
  /** Enrolled episodes' months in the period: share with a completed contact, and contacts per patient-month. */
  contacts: {
    patientMonths: number;
    monthsWithContact: number;
    contacts: number;
    byMonth: { month: string; patientMonths: number; monthsWithContact: number; contacts: number }[];
  };
  /** Today's caseload (active, relapse prevention): reviewed in the last `recentDays` clinic days, and ever. */
  psychiatricReview: { recent: Rate; sinceEnrollment: Rate; recentDays: number };
  /** Claims lines and units of the period's months per enrolled patient-month; minutes logged vs counted. */
  billing: {
    lines: number;
    units: number;
    patientMonths: number;
    minutesLogged: number;
    minutesCounted: number;
  };
}

const n = (v: unknown) => Number(v ?? 0);
const maybe = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function readOperations({
  db,
  actor,
  query,
  now,
}: {
  db: Db;
  actor: Actor;
  query: OperationsQuery;
  now: Date;
}): Promise<OperationsFigures> {
  if (query.clinicId) assertClinicAccess(actor, query.clinicId);
  const clinicIds = query.clinicId ? [query.clinicId] : actor.clinicIds;
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days > 731) throw AppError.validation([{ field: 'to', reason: 'ask for at most two years at a time' }]);
  const empty: OperationsFigures = {
    period: { from: query.from, to: query.to },
    screenToContact: { screens: 0, contacted: 0, medianDays: null, p90Days: null },
    reachedByDue: { numerator: 0, denominator: 0 },
    contacts: { patientMonths: 0, monthsWithContact: 0, contacts: 0, byMonth: [] },
    psychiatricReview: {
      recent: { numerator: 0, denominator: 0 },
      sinceEnrollment: { numerator: 0, denominator: 0 },
      recentDays: RECENT_REVIEW_DAYS,
    },
    billing: { lines: 0, units: 0, patientMonths: 0, minutesLogged: 0, minutesCounted: 0 },
  };
  if (clinicIds.length === 0) return empty;
  const org = actor.orgId;
  const clinics = sql.join(clinicIds);
  const bh = sql.join(BH_ROLES.map((r) => sql`${r}`));
  const patientActivities = sql.join(PATIENT_CONTACT_ACTIVITIES.map((a) => sql`${a}`));
  const caseload = sql.join(CASELOAD_STATUSES.map((s) => sql`${s}`));
  const opt = (v: string | undefined, clause: (v: string) => ReturnType<typeof sql>) =>
    v === undefined ? sql`` : sql`and ${clause(v)}`;
  // A completed contact with the patient by the BH team, not reversed: the registry's definition (mbc.md §6, §8).
  const completed = (k: string) => sql`
    ${sql.ref(`${k}.kind`)} = 'entry' and ${sql.ref(`${k}.staff_role`)} in (${bh})
    and ${sql.ref(`${k}.modality`)} <> 'none'
    and (${sql.ref(`${k}.activity`)} in (${patientActivities})
         or (${sql.ref(`${k}.activity`)} = ${OUTREACH_ACTIVITY} and ${sql.ref(`${k}.reached`)}))
    and not exists (select 1 from contacts r where r.org_id = ${sql.ref(`${k}.org_id`)}
                    and r.amends_contact_id = ${sql.ref(`${k}.id`)} and r.kind = 'reversal')`;
  const episodes = sql`
    select e.id, e.status, e.enrolled_at, c.timezone as tz,
           (e.enrolled_at at time zone c.timezone)::date as enrolled_on,
           (e.discharged_at at time zone c.timezone)::date as discharged_on
    from episodes e
    join clinics c on c.org_id = e.org_id and c.id = e.clinic_id
    join patients p on p.org_id = e.org_id and p.id = e.patient_id
    where e.org_id = ${org} and e.clinic_id in (${clinics}) and e.enrolled_at is not null
      ${opt(query.careManagerId, (v) => sql`e.care_manager_id = ${v}`)}
      ${opt(query.pcpId, (v) => sql`e.pcp_id = ${v}`)}
      ${opt(query.program, (v) => sql`e.program = ${v}`)}
      ${opt(query.payer, (v) => sql`p.payer = ${v}`)}`;

  return db.transaction().execute(async (trx) => {
    const screens = await sql<Record<string, unknown>>`
      with pos as (
        select s.id, s.patient_id, s.administered_at
        from screenings s
        join clinics c on c.org_id = s.org_id and c.id = s.clinic_id
        join patients p on p.org_id = s.org_id and p.id = s.patient_id
        where s.org_id = ${org} and s.clinic_id in (${clinics}) and s.positive
          and (s.administered_at at time zone c.timezone)::date between ${query.from}::date and ${query.to}::date
          ${opt(query.pcpId, (v) => sql`p.pcp_id = ${v}`)}
          ${opt(query.payer, (v) => sql`p.payer = ${v}`)}
      ),
      -- One hash join and group, not a lookup per screen: contacts have no patient index.
      firsts as (
        select pos.id, pos.administered_at, min(k.occurred_at) as first_at
        from pos
        left join contacts k on k.org_id = ${org} and k.patient_id = pos.patient_id
          and k.occurred_at >= pos.administered_at and ${completed('k')}
        group by pos.id, pos.administered_at
      )
      select count(*) as screens, count(first_at) as contacted,
        percentile_cont(0.5) within group (order by extract(epoch from first_at - administered_at) / 86400) as median,
        percentile_cont(0.9) within group (order by extract(epoch from first_at - administered_at) / 86400) as p90
      from firsts`.execute(trx);
    const triage = await sql<Record<string, unknown>>`
      with due as (
        select t.id, t.due_by, count(k.id) > 0 as reached
        from triage_items t
        join screenings s on s.org_id = t.org_id and s.id = t.screening_id
        left join contacts k on k.org_id = ${org} and k.patient_id = t.patient_id
          and k.occurred_at >= s.administered_at and k.occurred_at <= t.due_by and ${completed('k')}
        join clinics c on c.org_id = t.org_id and c.id = t.clinic_id
        join patients p on p.org_id = t.org_id and p.id = t.patient_id
        where t.org_id = ${org} and t.clinic_id in (${clinics}) and t.due_by is not null
          and (s.administered_at at time zone c.timezone)::date between ${query.from}::date and ${query.to}::date
          ${opt(query.pcpId, (v) => sql`p.pcp_id = ${v}`)}
          ${opt(query.payer, (v) => sql`p.payer = ${v}`)}
        group by t.id, t.due_by
      )
      select count(*) filter (where reached) as reached,
             count(*) filter (where reached or due_by <= ${now}::timestamptz) as decided
      from due`.execute(trx);
    const months = await sql<Record<string, unknown>>`
      with ep as (${episodes}),
      em as (
        select ep.id, ep.tz, m::date as month
        from ep, generate_series(
          date_trunc('month', greatest(ep.enrolled_on, ${query.from}::date)),
          date_trunc('month', least(coalesce(ep.discharged_on, ${query.to}::date), ${query.to}::date)),
          interval '1 month') as m
      ),
      k as (
        select em.id, em.month, count(k.id) as contacts
        from em
        join contacts k on k.org_id = ${org} and k.episode_id = em.id
          and k.occurred_at >= (em.month::timestamp at time zone em.tz)
          and k.occurred_at < ((em.month + interval '1 month')::timestamp at time zone em.tz)
          and ${completed('k')}
        group by em.id, em.month
      )
      select to_char(em.month, 'YYYY-MM') as month, count(*) as patient_months,
             count(k.id) as with_contact, coalesce(sum(k.contacts), 0) as contacts
      from em left join k on k.id = em.id and k.month = em.month
      group by em.month order by em.month`.execute(trx);
    const reviews = await sql<Record<string, unknown>>`
      with ep as (${episodes}),
      caseload_now as (
        select ep.id, ep.tz, (${now}::timestamptz at time zone ep.tz)::date as today from ep
        where ep.status in (${caseload})
      )
      select count(*) as caseload,
        count(*) filter (where exists (select 1 from case_reviews r where r.org_id = ${org} and r.episode_id = caseload_now.id
          and (r.reviewed_at at time zone caseload_now.tz)::date
              > caseload_now.today - ${RECENT_REVIEW_DAYS}::int)) as recent,
        count(*) filter (where exists (select 1 from case_reviews r where r.org_id = ${org} and r.episode_id = caseload_now.id
          )) as ever
      from caseload_now`.execute(trx);
    const billing = await sql<Record<string, unknown>>`
      with ep as (${episodes})
      select
        (select count(*) from claims l join ep on ep.id = l.episode_id where l.org_id = ${org}
          and l.month between ${query.from.slice(0, 7)} and ${query.to.slice(0, 7)}) as lines,
        (select coalesce(sum(l.units), 0) from claims l join ep on ep.id = l.episode_id where l.org_id = ${org}
          and l.month between ${query.from.slice(0, 7)} and ${query.to.slice(0, 7)}) as units,
        (select coalesce(sum(m.logged_minutes), 0) from episode_month_minutes m join ep on ep.id = m.episode_id
          where m.org_id = ${org} and m.month between ${query.from.slice(0, 7)} and ${query.to.slice(0, 7)}) as logged,
        (select coalesce(sum(m.counted_minutes), 0) from episode_month_minutes m join ep on ep.id = m.episode_id
          where m.org_id = ${org} and m.month between ${query.from.slice(0, 7)} and ${query.to.slice(0, 7)}) as counted
    `.execute(trx);
    await recordAudit(trx, actor, {
      action: 'outcomes.read',
      entity: 'episode',
      clinicId: query.clinicId ?? null,
    });

    const s = screens.rows[0]!;
    const t = triage.rows[0]!;
    const r = reviews.rows[0]!;
    const b = billing.rows[0]!;
    const byMonth = months.rows.map((m) => ({
      month: String(m.month),
      patientMonths: n(m.patient_months),
      monthsWithContact: n(m.with_contact),
      contacts: n(m.contacts),
    }));
    const patientMonths = byMonth.reduce((sum, m) => sum + m.patientMonths, 0);
    return {
      ...empty,
      screenToContact: {
        screens: n(s.screens),
        contacted: n(s.contacted),
        medianDays: maybe(s.median),
        p90Days: maybe(s.p90),
      },
      reachedByDue: { numerator: n(t.reached), denominator: n(t.decided) },
      contacts: {
        patientMonths,
        monthsWithContact: byMonth.reduce((sum, m) => sum + m.monthsWithContact, 0),
        contacts: byMonth.reduce((sum, m) => sum + m.contacts, 0),
        byMonth,
      },
      psychiatricReview: {
        recent: { numerator: n(r.recent), denominator: n(r.caseload) },
        sinceEnrollment: { numerator: n(r.ever), denominator: n(r.caseload) },
        recentDays: RECENT_REVIEW_DAYS,
      },
      billing: {
        lines: n(b.lines),
        units: n(b.units),
        patientMonths,
        minutesLogged: n(b.logged),
        minutesCounted: n(b.counted),
      },
    };
  });
}
