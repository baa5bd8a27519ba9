// Appointment life cycle (scheduling.md §3): which step may follow which, late cancels, and the no-show grace time.
export const APPOINTMENT_STATUSES = [
  'booked',
  'checked_in',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_ACTIONS = ['check-in', 'start', 'complete', 'no-show', 'cancel'] as const;
export type AppointmentAction = (typeof APPOINTMENT_ACTIONS)[number];

/** Statuses that hold the clinician's time (a cancelled or missed visit frees it). */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = [
  'booked',
  'checked_in',
  'in_progress',
  'completed',
];

// scheduling.md §3: booked → checked_in → in_progress → completed. A handoff walked over may start
// without a front-desk check-in; a checked-in visit may be completed without a separate start.
const NEXT: Record<AppointmentAction, { from: readonly AppointmentStatus[]; to: AppointmentStatus }> = {
  'check-in': { from: ['booked'], to: 'checked_in' },
  start: { from: ['booked', 'checked_in'], to: 'in_progress' },
  complete: { from: ['checked_in', 'in_progress'], to: 'completed' },
  'no-show': { from: ['booked'], to: 'no_show' },
  cancel: { from: ['booked', 'checked_in'], to: 'cancelled' },
};

/** Scheduling.md §3 examples, clinic-editable defaults. */
export const LATE_CANCEL_HOURS = 24;
export const NO_SHOW_GRACE_MINUTES = 15;

export type TransitionResult =
  | { ok: true; to: AppointmentStatus; lateCancel: boolean }
  | { ok: false; code: 'CONFLICT' | 'RULE_VIOLATION'; reason: string };

export function transition(
  status: AppointmentStatus,
  action: AppointmentAction,
  appointment: { start: Date },
  now: Date,
  rules: { lateCancelHours: number; noShowGraceMinutes: number } = {
    lateCancelHours: LATE_CANCEL_HOURS,
    noShowGraceMinutes: NO_SHOW_GRACE_MINUTES,
  },
): TransitionResult {
  const step = NEXT[action];
  if (!step.from.includes(status)) {
    return {
      ok: false,
      code: 'CONFLICT',
      reason: `a ${status.replace('_', ' ')} visit cannot take '${action}'`,
    };
  }
  const start = appointment.start.getTime();
  if (action === 'no-show' && now.getTime() < start + rules.noShowGraceMinutes * 60_000) {
    return {
      ok: false,
      code: 'RULE_VIOLATION',
      reason: `a no-show is recorded only ${rules.noShowGraceMinutes} minutes after the start`,
    };
  }
  if (action === 'complete' && now.getTime() < start) {
    return { ok: false, code: 'RULE_VIOLATION', reason: 'a visit cannot be completed before it starts' };
  }
  const lateCancel = action === 'cancel' && start - now.getTime() < rules.lateCancelHours * 3_600_000;
  return { ok: true, to: step.to, lateCancel };
}
