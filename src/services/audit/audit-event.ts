// The audit vocabulary and the one writer: ids only, in the caller's transaction.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'access.denied',
  'clinic.create',
  'clinic.update',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.password_reset_issue',
  'auth.password_reset',
  'auth.password_reset_failed',
  'auth.password_change',
  'patient.create',
  'patient.update',
  'patient.read',
  'patient.list',
  'patient.import',
  'screening.create',
  'screening.import',
  'screening.list',
  'rules.update',
  'worklist.read',
  'triage_item.complete',
  'triage_item.resolve',
  'triage_item.assign',
  'audit.list',
  'episode.create',
  'episode.read',
  'episode.update',
  'episode.consent',
  'episode.consent_withdraw',
  'contact.create',
  'contact.replay',
  'contact.import',
  'contact.correct',
  'contact.list',
  'registry.read',
  'caseload.read',
  'case_review.create',
  'case_review_list.read',
  'recommendation.list',
  'recommendation.acknowledge',
  'medication.create',
  'medication.stop',
  'note.create',
  'note.list',
  'billing.preview',
  'billing.close',
  'billing.lock',
  'billing.reopen',
  'billing.claims',
  'billing.export',
  'billing.pack_override',
  'billing.staff_cost',
  'billing.charge_schedule',
  'billing.summary',
  'outcomes.read',
  'safety_assessment.create',
  'safety_assessment.correct',
  'safety_assessment.read',
  'safety.read',
  'safety_task.complete',
  'safety_task.list',
  'safety_plan.create',
  'safety_plan.read',
  'bh_service.create',
  'bh_service.list',
  'visit_type.create',
  'template.read',
  'template.update',
  'closure.create',
  'schedule.read',
  'appointment.book',
  'appointment.check_in',
  'appointment.start',
  'appointment.complete',
  'appointment.no_show',
  'appointment.cancel',
  'handoff.request',
  'handoff.list',
  'handoff.accept',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Only identifiers and counts: never names, answers, scores or notes. */
const detailsSchema = z.record(
  z.string(),
  z.union([z.string().uuid(), z.array(z.string().uuid()), z.number(), z.boolean(), z.string().max(64)]),
);

export interface AuditInput {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  patientId?: string | null;
  clinicId?: string | null;
  details?: z.infer<typeof detailsSchema>;
}

type AuditActor =
  | Pick<Actor, 'orgId' | 'userId' | 'requestId' | 'clientRequestId'>
  | { orgId: string; userId: null; requestId?: string; clientRequestId?: string };

/** The audit row for an event, checked against the vocabulary (for writes that insert it themselves). */
export function auditRow(actor: AuditActor, event: AuditInput) {
  return {
    org_id: actor.orgId,
    actor_id: actor.userId,
    action: auditActionSchema.parse(event.action),
    entity: event.entity,
    entity_id: event.entityId ?? null,
    patient_id: event.patientId ?? null,
    clinic_id: event.clinicId ?? null,
    request_id: actor.requestId ?? null,
    client_request_id: actor.clientRequestId ?? null,
    details: JSON.stringify(detailsSchema.parse(event.details ?? {})),
  };
}

export async function recordAudit(db: Kysely<Database>, actor: AuditActor, event: AuditInput): Promise<void> {
  await db.insertInto('audit_events').values(auditRow(actor, event)).execute();
}
