// Corrects a logged contact without editing it: a reversal row cancels it, and a replacement re-enters it.
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { assertMonthWritable } from '../billing/billing-month.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { findEpisode } from '../episodes/find-episode.js';
import { dayOf, monthOf } from '../../domain/calendar/index.js';
import { addToRollups } from './minute-rollups.js';
import { uuid } from '../schemas.js';
import { contactColumns, toContactView, type ContactView, type correctionInput } from './contact-input.js';
import { insertContactEntry } from './log-contact.js';

export async function correctContact({
  db,
  actor,
  now,
  contactId,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  contactId: string;
  input: z.output<typeof correctionInput>;
}): Promise<{ reversal: ContactView; replacement: ContactView | null }> {
  if (!uuid.safeParse(contactId).success) throw AppError.notFound('Contact');
  return db.transaction().execute(async (trx) => {
    const original = await trx
      .selectFrom('contacts')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('id', '=', contactId)
      .forUpdate()
      .executeTakeFirst();
    if (!original || !actor.clinicIds.includes(original.clinic_id)) throw AppError.notFound('Contact');
    if (original.kind !== 'entry') throw AppError.rule('id', 'A reversal cannot itself be corrected.');
    const episode = await findEpisode(trx, actor, original.episode_id);
    await assertMonthWritable(trx, actor.orgId, original.clinic_id, original.occurred_at);
    const timeZone = await clinicTimeZone(trx, actor.orgId, original.clinic_id);
    const reversal = await trx
      .insertInto('contacts')
      .values({
        org_id: actor.orgId,
        episode_id: original.episode_id,
        clinic_id: original.clinic_id,
        patient_id: original.patient_id,
        kind: 'reversal',
        amends_contact_id: original.id,
        occurred_at: original.occurred_at,
        minutes: -original.minutes,
        staff_id: original.staff_id,
        staff_role: original.staff_role,
        activity: original.activity,
        modality: original.modality,
        billed_separately: original.billed_separately,
        during_inpatient_stay: original.during_inpatient_stay,
        counts_toward_program: original.counts_toward_program,
        count_reason: `reverses ${original.minutes} minutes logged ${dayOf(original.occurred_at, timeZone)}`,
        note: input.reason,
        created_by: actor.userId,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'amends_contact_id']).where('kind', '=', 'reversal').doNothing(),
      )
      .returning(contactColumns)
      .executeTakeFirst();
    if (!reversal)
      throw AppError.conflict('id', 'this contact was already corrected; correct its replacement instead');
    const staff = await trx
      .selectFrom('users')
      .select('credential')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', original.staff_id)
      .executeTakeFirstOrThrow();
    await addToRollups(trx, [
      {
        orgId: actor.orgId,
        episodeId: original.episode_id,
        month: monthOf(original.occurred_at, timeZone),
        staffRole: original.staff_role,
        credential: staff.credential,
        minutes: -original.minutes,
        counted: original.counts_toward_program,
      },
    ]);
    const replacement = input.replacement
      ? await insertContactEntry(trx, actor, episode, input.replacement, {
          amendsContactId: original.id,
          now,
        })
      : undefined;
    await recordAudit(trx, actor, {
      action: 'contact.correct',
      entity: 'contact',
      entityId: original.id,
      patientId: original.patient_id,
      clinicId: original.clinic_id,
      details: { reversalId: reversal.id, ...(replacement ? { replacementId: replacement.id } : {}) },
    });
    return {
      reversal: toContactView(reversal),
      replacement: replacement ? toContactView(replacement) : null,
    };
  });
}
