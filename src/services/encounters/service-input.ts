// A documented behavioral health service as every edge accepts it, and as the API shows it.
import { z } from 'zod';
import {
  GROUP_KINDS,
  serviceKindSchema,
  type EncounterLine,
  type ServiceKind,
} from '../../domain/billing/encounter/index.js';
import { isoDate, uuid } from '../schemas.js';

export const bhServiceInput = z
  .strictObject({
    /** Clinic-zone date the service was delivered. */
    serviceDate: isoDate,
    /** The rendering clinician; their credential on file decides who may bill what. */
    clinicianId: uuid,
    kind: serviceKindSchema,
    /** Face-to-face minutes; for an office visit the practitioner's total time that date. */
    minutes: z
      .number()
      .int('must be whole minutes')
      .min(1, 'must be at least 1 minute')
      .max(600, 'must be at most 600 minutes'),
    /** Primary ICD-10-CM diagnosis: a physical problem means HBAI, a mental health (F) code psychotherapy. */
    primaryDiagnosis: z.string().trim().min(1, 'enter an ICD-10-CM code, e.g. F32.1').max(16),
    interactiveComplexity: z.boolean().default(false),
    /** Patients in the group, for group kinds only. */
    groupSize: z.number().int().min(2, 'a group has at least 2 patients').max(30).nullable().default(null),
  })
  .superRefine((input, ctx) => {
    const group = GROUP_KINDS.includes(input.kind);
    if (group && input.groupSize === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupSize'],
        message: 'a group service needs the number of patients',
      });
    }
    if (!group && input.groupSize !== null) {
      ctx.addIssue({ code: 'custom', path: ['groupSize'], message: 'only group services have a group size' });
    }
  });
export type BhServiceInput = z.output<typeof bhServiceInput>;

export interface BhServiceView {
  id: string;
  patientId: string;
  clinicId: string;
  serviceDate: string;
  clinicianId: string;
  credential: string | null;
  kind: ServiceKind;
  minutes: number;
  primaryDiagnosis: string;
  interactiveComplexity: boolean;
  groupSize: number | null;
  /** True when the service coded on its own: its minutes never count toward CoCM or general BHI. */
  billedSeparately: boolean;
  /** The minute-log entry written on the patient's episode, when there is one. */
  contactId: string | null;
  /** The codes this service bills, with reasons, after the same-day edits. */
  lines: EncounterLine[];
  /** Why it, or part of it, does not bill. */
  notBilled: string[];
}

export const bhServiceView = z.object({
  id: z.string(),
  patientId: z.string(),
  clinicId: z.string(),
  serviceDate: z.string(),
  clinicianId: z.string(),
  credential: z.string().nullable(),
  kind: serviceKindSchema,
  minutes: z.number(),
  primaryDiagnosis: z.string(),
  interactiveComplexity: z.boolean(),
  groupSize: z.number().nullable(),
  billedSeparately: z.boolean(),
  contactId: z.string().nullable(),
  lines: z.array(
    z.object({
      serviceId: z.string(),
      code: z.string(),
      units: z.number(),
      minutes: z.number(),
      reasons: z.array(z.string()),
      review: z.boolean(),
    }),
  ),
  notBilled: z.array(z.string()),
});
