// A BH clinician's weekly template: read by schedulers, replaced by admins after checking it against the visit types.
import type { Db } from '../../db/connection.js';
import { holdsBhSchedule } from '../../domain/scheduling/roles.js';
import { templateInput, templateIssues, type TemplateInput } from '../../domain/scheduling/template.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';
import { loadVisitTypes } from './visit-types.js';

export { templateInput };

export interface TemplateView extends TemplateInput {
  clinicianId: string;
  updatedAt: string | null;
}

/** The clinician, if they are in the actor's organization and share a clinic with the actor. */
async function findClinician(db: Db, actor: Actor, clinicianId: string) {
  if (!uuid.safeParse(clinicianId).success) throw AppError.notFound('Clinician');
  const user = await db
    .selectFrom('users')
    .select(['id', 'roles', 'active'])
    .select((eb) =>
      eb
        .selectFrom('user_clinics')
        .select((e) => e.fn.agg<string[]>('array_agg', ['clinic_id']).as('ids'))
        .whereRef('user_clinics.org_id', '=', 'users.org_id')
        .whereRef('user_clinics.user_id', '=', 'users.id')
        .as('clinic_ids'),
    )
    .where('org_id', '=', actor.orgId)
    .where('id', '=', clinicianId)
    .executeTakeFirst();
  const clinicIds = user?.clinic_ids ?? [];
  if (!user || !clinicIds.some((id) => actor.clinicIds.includes(id))) throw AppError.notFound('Clinician');
  return { ...user, clinicIds };
}

export async function getTemplate({
  db,
  actor,
  clinicianId,
}: {
  db: Db;
  actor: Actor;
  clinicianId: string;
}): Promise<TemplateView> {
  await findClinician(db, actor, clinicianId);
  const row = await db
    .selectFrom('clinician_templates')
    .select(['template', 'updated_at'])
    .where('org_id', '=', actor.orgId)
    .where('clinician_id', '=', clinicianId)
    .executeTakeFirst();
  await recordAudit(db, actor, {
    action: 'template.read',
    entity: 'clinician_template',
    entityId: clinicianId,
  });
  const template = row ? templateInput.parse(row.template) : templateInput.parse({ blocks: [] });
  return { clinicianId, ...template, updatedAt: row?.updated_at.toISOString() ?? null };
}

export async function putTemplate({
  db,
  actor,
  clinicianId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  clinicianId: string;
  input: TemplateInput;
  /** The caller's clock: the template's updated-at stamp. */
  now: Date;
}): Promise<TemplateView> {
  const clinician = await findClinician(db, actor, clinicianId);
  if (!clinician.active || !holdsBhSchedule(clinician.roles)) {
    throw AppError.rule('clinicianId', 'only an active BH clinician or consultant holds a schedule');
  }
  const visitTypes = await loadVisitTypes(db, actor.orgId, clinician.clinicIds);
  const issues = templateIssues(input, visitTypes);
  if (issues.length > 0) throw AppError.validation(issues, 'The template is not valid.');
  return db.transaction().execute(async (trx) => {
    const updatedAt = now;
    const stored = JSON.stringify(input);
    await trx
      .insertInto('clinician_templates')
      .values({
        org_id: actor.orgId,
        clinician_id: clinicianId,
        template: stored,
        updated_at: updatedAt,
        updated_by: actor.userId,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'clinician_id']).doUpdateSet({
          template: stored,
          updated_at: updatedAt,
          updated_by: actor.userId,
        }),
      )
      .execute();
    await recordAudit(trx, actor, {
      action: 'template.update',
      entity: 'clinician_template',
      entityId: clinicianId,
      details: { blocks: input.blocks.length, overrides: input.overrides.length },
    });
    return { clinicianId, ...input, updatedAt: updatedAt.toISOString() };
  });
}
