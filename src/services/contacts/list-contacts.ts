// An episode's contact log with corrections in place, and its counted minutes per clinic month.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { loggingRoles } from '../../domain/billing/counting.js';
import { monthOf } from '../../domain/calendar/index.js';
import type { Program, StaffRole } from '../../domain/billing/vocabulary.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { packForPatient, packsFor } from '../billing/rule-packs.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { findEpisode } from '../episodes/find-episode.js';
import { contactColumns, toContactView, type ContactView } from './contact-input.js';

export interface MonthMinutes {
  month: string;
  countedMinutes: number;
  loggedMinutes: number;
}

/** An episode's contact log: entries (marked when a later reversal voids them), reversals, month totals. */
export interface ContactLogView {
  contacts: (ContactView & { reversed: boolean })[];
  months: MonthMinutes[];
  /** Roles whose minutes may be logged on this episode this month: the rule pack's answer, for the form. */
  loggingRoles: StaffRole[];
}

export async function listContacts({
  db,
  actor,
  episodeId,
  now,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
  /** the clock of the caller: this month's rule pack decides who may log */
  now: Date;
}): Promise<ContactLogView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId);
    const timeZone = await clinicTimeZone(trx, actor.orgId, episode.clinicId);
    const rows = await trx
      .selectFrom('contacts')
      .select(contactColumns)
      .where('org_id', '=', actor.orgId)
      .where('episode_id', '=', episode.id)
      .orderBy('occurred_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    // Reversal rows carry negative minutes, so plain sums per month are the corrected totals.
    const months = await trx
      .selectFrom('contacts')
      .select([
        sql<string>`to_char(occurred_at at time zone ${timeZone}, 'YYYY-MM')`.as('month'),
        sql<number>`coalesce(sum(minutes) filter (where counts_toward_program), 0)::int`.as('countedMinutes'),
        sql<number>`sum(minutes)::int`.as('loggedMinutes'),
      ])
      .where('org_id', '=', actor.orgId)
      .where('episode_id', '=', episode.id)
      .groupBy(sql`1`)
      .orderBy(sql`1`, 'desc')
      .execute();
    const { payer } = await trx
      .selectFrom('patients')
      .select('payer')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', episode.patientId)
      .executeTakeFirstOrThrow();
    const year = Number(monthOf(now, timeZone).slice(0, 4));
    const { pack } = packForPatient(await packsFor(trx, actor.orgId), payer, year);
    const reversed = new Set(rows.filter((r) => r.kind === 'reversal').map((r) => r.amends_contact_id));
    await recordAudit(trx, actor, {
      action: 'contact.list',
      entity: 'contact',
      entityId: episode.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
      details: { count: rows.length },
    });
    return {
      contacts: rows.map((r) => ({
        ...toContactView(r),
        reversed: r.kind === 'entry' && reversed.has(r.id),
      })),
      months,
      loggingRoles: loggingRoles(episode.program as Program, pack),
    };
  });
}
