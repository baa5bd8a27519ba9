// The worklist's life cycle: which events answer which items, which items an open episode makes moot,
// and who may close an item by hand.
import type { InstrumentCode } from '../instruments/types.js';
import type { StaffRole } from '../registry/roles.js';
import { DISPOSITIONS, type Disposition } from '../triage.js';

/** A disposition that puts an item on the worklist (`none` never does). */
export type WorklistKind = Exclude<Disposition, 'none'>;
export const WORKLIST_KINDS = DISPOSITIONS.filter((d): d is WorklistKind => d !== 'none') as [
  WorklistKind,
  ...WorklistKind[],
];

/**
 * Events that answer an open item. Stored on the item as why it closed; `manual` is a person closing it
 * with a note. The suicide-risk assessment will add its own event for `safety_protocol` items
 * (suicide-risk.md §1 row 3: a screener alone does not close it).
 */
export const RESOLVING_EVENTS = ['full_instrument', 'enrolled', 'visit_booked', 'visit_held'] as const;
export type ResolvingEvent = (typeof RESOLVING_EVENTS)[number];
export type Resolution = ResolvingEvent | 'manual';

/**
 * The kinds each event may close. instruments.md §4: a positive PHQ-2/GAD-2 asks for the full instrument,
 * which answers it once given. Enrolment, or a behavioral health visit booked or held, is the handoff and the
 * offer done; a visit held is also the PCP addressing the result. Safety items are never in this table.
 */
export const RESOLVES: Readonly<Record<ResolvingEvent, readonly WorklistKind[]>> = {
  full_instrument: ['administer_full_instrument'],
  enrolled: ['warm_handoff', 'offer_bh'],
  visit_booked: ['warm_handoff', 'offer_bh'],
  visit_held: ['warm_handoff', 'offer_bh', 'pcp_addresses'],
};

/** Plain words for why an item closed, shown on the Done tab. */
export const RESOLUTION_LABELS: Readonly<Record<Resolution, string>> = {
  full_instrument: 'Full questionnaire given',
  enrolled: 'Patient enrolled in behavioral health care',
  visit_booked: 'Visit booked',
  visit_held: 'Visit held',
  manual: 'Closed by hand',
};

/** The full instrument that answers a screen of this family (instruments.md §4). */
export const FULL_INSTRUMENT: Partial<Readonly<Record<InstrumentCode, InstrumentCode>>> = {
  'phq-2': 'phq-9',
  'phq-9': 'phq-9',
  'gad-2': 'gad-7',
  'gad-7': 'gad-7',
};

/** The screens a given full instrument answers: its own short form and itself (an unusable total). */
export function screensAnsweredBy(instrument: InstrumentCode): InstrumentCode[] {
  return (Object.keys(FULL_INSTRUMENT) as InstrumentCode[]).filter((s) => FULL_INSTRUMENT[s] === instrument);
}

/**
 * Kinds not opened for a patient already in an open episode: the care manager already has them, so a
 * monthly PHQ-9 asks for no new handoff or offer (measurement-based-care.md §3, §6: follow-up scores
 * at set time points feed the episode's registry row, not a new referral).
 */
export const MOOT_IN_OPEN_EPISODE: readonly WorklistKind[] = ['warm_handoff', 'offer_bh'];

/**
 * Kinds that open a second item even while one is open for the patient: each positive suicide-risk screen
 * starts the protocol again (suicide-risk.md §1). Every other kind waits on the open one.
 */
export const ALWAYS_NEW_ITEM: readonly WorklistKind[] = ['safety_protocol'];

const CLINICAL: readonly StaffRole[] = ['pcp', 'care_manager', 'psychiatric_consultant', 'medical_assistant'];

/**
 * Who may close an item by hand (with a note). The full instrument is the clinical team's; no one closes
 * the safety protocol by hand, a completed risk assessment does (suicide-risk.md §1); the PCP addresses a
 * result; the handoff, the offer and an outside referral are the PCP's or the care manager's.
 */
export const CLOSED_BY_HAND_BY: Readonly<Record<WorklistKind, readonly StaffRole[]>> = {
  administer_full_instrument: CLINICAL,
  safety_protocol: [],
  pcp_addresses: ['pcp'],
  offer_bh: ['pcp', 'care_manager'],
  warm_handoff: ['pcp', 'care_manager'],
  refer_external: ['pcp', 'care_manager'],
};

/** What closes the kinds no one closes by hand, in plain words. */
export const CLOSED_ONLY_BY: Partial<Readonly<Record<WorklistKind, string>>> = {
  safety_protocol: 'a completed risk assessment or a recorded ED transfer',
};

export function mayCloseByHand(kind: WorklistKind, roles: readonly StaffRole[]): boolean {
  return CLOSED_BY_HAND_BY[kind].some((r) => roles.includes(r));
}

/** Who may own an item: the clinical roles (an item is clinical work). */
export const OWNER_ROLES: readonly StaffRole[] = CLINICAL;

/** Items waiting on nothing else: does this new item open, or is it moot or already open? */
export function openDecision(input: {
  kind: WorklistKind;
  inOpenEpisode: boolean;
  openKinds: readonly WorklistKind[];
}): { open: true } | { open: false; reason: 'in_open_episode' | 'already_open' } {
  if (input.inOpenEpisode && MOOT_IN_OPEN_EPISODE.includes(input.kind)) {
    return { open: false, reason: 'in_open_episode' };
  }
  if (!ALWAYS_NEW_ITEM.includes(input.kind) && input.openKinds.includes(input.kind)) {
    return { open: false, reason: 'already_open' };
  }
  return { open: true };
}
