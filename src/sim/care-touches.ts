// When the care manager works an episode: assessment, follow-ups, check-ins, outreach, coordination.
import type { Modality } from './episode-plan.js';
import type { Random } from './random.js';

/** Days are counted back from the demo's today: 1 is yesterday, the latest day anything happens. */
export interface TouchSpec {
  referralAgo: number;
  enrollAgo: number | null;
  /** The last day of the course: the discharge day, or 1 while the episode stays open. */
  endAgo: number;
  stepDownAgo: number | null;
  /** From this day the patient no longer answers: planned contacts become outreach attempts. */
  silentFromAgo: number | null;
  /** From this day nothing happens at all: the patient fell off the care manager's list. */
  quietFromAgo: number | null;
  /** Unanswered calls after a referral that never led to an assessment. */
  referralAttempts: number;
  /** What happens on the discharge day itself. */
  closing: 'check_in' | 'outreach' | null;
}

export type TouchKind = 'initial_assessment' | 'follow_up' | 'check_in' | 'outreach' | 'coordination';

export interface Touch {
  ago: number;
  minute: number;
  kind: TouchKind;
  minutes: number;
  modality: Modality;
  /**
   * The primary measure is given at every completed patient contact (docs/domain/measurement-based-care.md
   * §5).
   */
  measured: boolean;
}

/**
 * Early treatment every 1–2 weeks for 8 weeks, then every 2–3 weeks; relapse prevention monthly
 * (docs/domain/measurement-based-care.md §5).
 */
function nextInterval(
  random: Random,
  daysInCare: number,
  phase: 'active' | 'stepped_down' | 'silent',
): number {
  if (phase === 'silent') return random.int(5, 10);
  if (phase === 'stepped_down') return random.int(25, 35);
  return daysInCare < 56 ? random.int(7, 14) : random.int(14, 21);
}

function touch(random: Random, ago: number, kind: TouchKind): Touch {
  const minute = random.int(17, 32) * 30;
  switch (kind) {
    case 'initial_assessment': {
      const modality = random.chance(0.7) ? 'in_person' : 'video';
      return { ago, minute, kind, minutes: random.int(40, 60), modality, measured: true };
    }
    case 'follow_up': {
      const modality = random.weighted<Modality>([
        ['phone', 45],
        ['video', 25],
        ['in_person', 30],
      ]);
      const minutes =
        modality === 'phone'
          ? random.int(15, 30)
          : modality === 'video'
            ? random.int(20, 35)
            : random.int(25, 45);
      return { ago, minute, kind, minutes, modality, measured: true };
    }
    case 'check_in':
      return { ago, minute, kind, minutes: random.int(12, 25), modality: 'phone', measured: true };
    case 'outreach':
      return { ago, minute, kind, minutes: random.int(3, 8), modality: 'phone', measured: false };
    case 'coordination':
      return { ago, minute, kind, minutes: random.int(8, 20), modality: 'none', measured: false };
  }
}

export function scheduleTouches(random: Random, spec: TouchSpec): Touch[] {
  const open = (ago: number) => ago >= spec.endAgo && (spec.quietFromAgo === null || ago > spec.quietFromAgo);
  const silent = (ago: number) => spec.silentFromAgo !== null && ago <= spec.silentFromAgo;
  const touches: Touch[] = [];
  if (spec.enrollAgo === null) {
    let ago = spec.referralAgo;
    for (let n = 0; n < spec.referralAttempts; n++) {
      ago -= random.int(2, 6);
      if (!open(ago)) break;
      touches.push(touch(random, ago, 'outreach'));
    }
  } else {
    const enrolled = spec.enrollAgo;
    // A call to book the assessment when it is not on the day after the referral.
    if (spec.referralAgo - enrolled >= 3) touches.push(touch(random, spec.referralAgo - 1, 'outreach'));
    touches.push(touch(random, enrolled, 'initial_assessment'));
    const stepDown = spec.stepDownAgo;
    for (let ago = enrolled; ;) {
      const phase = silent(ago) ? 'silent' : stepDown !== null && ago <= stepDown ? 'stepped_down' : 'active';
      let next = ago - nextInterval(random, enrolled - ago, phase);
      // The relapse-prevention plan is agreed at a contact on the step-down day.
      if (stepDown !== null && ago > stepDown && next < stepDown) next = stepDown;
      if (!open(next)) break;
      const kind = silent(next)
        ? 'outreach'
        : stepDown !== null && next < stepDown
          ? 'check_in'
          : 'follow_up';
      touches.push(touch(random, next, kind));
      ago = next;
    }
    for (let ago = enrolled - random.int(3, 10); open(ago);) {
      touches.push(touch(random, ago, 'coordination'));
      ago -= stepDown !== null && ago <= stepDown ? random.int(30, 50) : random.int(18, 35);
    }
  }
  const withPatient = touches.filter((t) => t.kind !== 'coordination');
  const last = withPatient.reduce((min, t) => Math.min(min, t.ago), Infinity);
  if (spec.closing && last > spec.endAgo) touches.push(touch(random, spec.endAgo, spec.closing));
  return touches.sort((a, b) => b.ago - a.ago || a.minute - b.minute);
}
