// How assessments, tasks and safety plans read back: rows mapped to the API's camelCase shapes.
import type { Selectable } from 'kysely';
import type { SafetyAssessmentsTable, SafetyPlansTable, SafetyTasksTable } from '../../db/schema.js';
import type { RiskAssessmentInput, SafetyPlanInput } from '../../domain/safety/index.js';
import { crisisContacts } from '../../domain/safety/index.js';

export interface AssessmentView {
  /** Stable across corrections. */
  id: string;
  version: number;
  patientId: string;
  clinicId: string;
  assessedAt: string;
  assessedBy: string;
  riskLevel: RiskAssessmentInput['riskLevel'];
  disposition: RiskAssessmentInput['disposition'];
  followUpAt: string | null;
  pathwayVersion: number;
  correctionReason: string | null;
  recordedAt: string;
  record: RiskAssessmentInput;
}

export function toAssessmentView(r: Selectable<SafetyAssessmentsTable>): AssessmentView {
  // Stored only after riskAssessmentSchema passed, so the record and its level are known values.
  const record = r.record as RiskAssessmentInput;
  return {
    id: r.assessment_id,
    version: r.version,
    patientId: r.patient_id,
    clinicId: r.clinic_id,
    assessedAt: r.assessed_at.toISOString(),
    assessedBy: r.assessed_by,
    riskLevel: record.riskLevel,
    disposition: record.disposition,
    followUpAt: r.follow_up_at?.toISOString() ?? null,
    pathwayVersion: r.pathway_version,
    correctionReason: r.correction_reason,
    recordedAt: r.created_at.toISOString(),
    record,
  };
}

export interface TaskView {
  id: string;
  assessmentId: string;
  patientId: string;
  code: string;
  label: string;
  dueAt: string;
  roles: string[];
  status: 'open' | 'done' | 'superseded';
  overdue: boolean;
  completedAt: string | null;
  completedBy: string | null;
  note: string | null;
}

export function toTaskView(r: Selectable<SafetyTasksTable>, now: Date): TaskView {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    patientId: r.patient_id,
    code: r.code,
    label: r.label,
    dueAt: r.due_at.toISOString(),
    roles: r.roles,
    status: r.status,
    overdue: r.status === 'open' && r.due_at < now,
    completedAt: r.completed_at?.toISOString() ?? null,
    completedBy: r.completed_by,
    note: r.note,
  };
}

export interface SafetyPlanView extends SafetyPlanInput {
  id: string;
  version: number;
  patientId: string;
  assessmentId: string | null;
  createdAt: string;
  createdBy: string;
  /** Step 5 as printed: the clinic's professionals, then 988 and 911 (suicide-risk.md §4). */
  crisisContacts: { name: string; phone?: string }[];
}

export function toPlanView(r: Selectable<SafetyPlansTable>): SafetyPlanView {
  const plan = r.plan as SafetyPlanInput;
  return {
    ...plan,
    id: r.id,
    version: r.version,
    patientId: r.patient_id,
    assessmentId: r.assessment_id,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    crisisContacts: crisisContacts(plan),
  };
}
