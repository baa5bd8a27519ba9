// One planned episode of care: every dated event the demo will write for it, with staff named by key.
import type { Activity } from '../domain/billing/vocabulary.js';
import type { DischargeReason, EpisodeStatus } from '../domain/registry/episode-status.js';
import { type ClinicDay } from '../domain/calendar/index.js';
import type { NoteKind } from '../domain/registry/notes-visibility.js';
import type { RECOMMENDATION_KINDS } from '../services/case-reviews/record-case-review.js';
import type { MODALITIES } from '../services/contacts/contact-input.js';
import type { PlannedScreening } from './routine-screenings.js';

export type Modality = (typeof MODALITIES)[number];
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
export type MeasureCode = 'phq-9' | 'gad-7';
/** The behavioral health member of the team who did the work. */
export type TeamMember = 'care_manager' | 'psychiatric_consultant';

export interface PlannedContact {
  at: Date;
  minutes: number;
  activity: Activity;
  modality: Modality;
  by: TeamMember;
}

export interface PlannedRecommendation {
  kind: RecommendationKind;
  text: string;
  sentAt: Date;
  acknowledgedAt: Date | null;
}

export interface PlannedReview {
  at: Date;
  /** The consultant's minutes; the care manager's presenting time is a contact of its own. */
  minutes: number;
  notes: string;
  recommendations: PlannedRecommendation[];
}

export interface PlannedMedication {
  name: string;
  dose: string;
  startedOn: ClinicDay;
  stoppedOn: ClinicDay | null;
  note: string;
}

export interface PlannedNote {
  at: Date;
  kind: NoteKind;
  body: string;
  by: TeamMember;
}

export interface EpisodePlan {
  scenario: string;
  /** Index into the planned patients. */
  patientIndex: number;
  /** The status the episode ends up in once every event is written. */
  status: EpisodeStatus;
  careManagerKey: string;
  primaryMeasure: MeasureCode;
  diagnoses: string[];
  referredAt: Date;
  /** The patient's routine screenings from this instant on give way to the episode's own. */
  routineUntil: Date;
  /** The referring visit's screens and the care manager's measurements. */
  screenings: PlannedScreening[];
  consent: { at: Date; method: 'verbal' | 'written' } | null;
  contacts: PlannedContact[];
  reviews: PlannedReview[];
  medications: PlannedMedication[];
  notes: PlannedNote[];
  relapsePreventionAt: Date | null;
  discharge: { at: Date; reason: DischargeReason } | null;
}
