// Opens the demo's episodes through the registry use cases, writes their dated history, then discharges.
import type { Db } from '../db/connection.js';
import type { Actor, Role } from '../services/actor.js';
import {
  medicationInput,
  startMedication,
  stopMedication,
  stopMedicationInput,
} from '../services/care-plan/medications.js';
import { consentInput, enrollInput, updateEpisodeInput } from '../services/episodes/episode-input.js';
import { enrollPatient } from '../services/episodes/enroll-patient.js';
import { recordConsent } from '../services/episodes/record-consent.js';
import { updateEpisode } from '../services/episodes/update-episode.js';
import type { EpisodePlan } from './episode-plan.js';
import { writeEpisodeHistories, type EpisodeHistory } from './registry-writer.js';

export interface RegistryPatient {
  id: string;
  clinicId: string;
  pcpId: string;
}

export interface RegistrySeed {
  orgId: string;
  now: Date;
  staff: Readonly<Record<string, string>>;
  /** Indexed like the plans' patientIndex. */
  patients: readonly RegistryPatient[];
  plans: readonly EpisodePlan[];
}

function staffId(seed: RegistrySeed, key: string): string {
  const id = seed.staff[key];
  if (!id) throw new Error(`No demo staff member '${key}'`);
  return id;
}

/** The PCP refers after a visit the day before; the care manager documents consent at the initial assessment. */
async function openEpisode(db: Db, seed: RegistrySeed, plan: EpisodePlan): Promise<EpisodeHistory> {
  const patient = seed.patients[plan.patientIndex];
  if (!patient) throw new Error(`No demo patient ${plan.patientIndex}`);
  const actor = (userId: string, role: Role): Actor => ({
    orgId: seed.orgId,
    userId,
    roles: [role],
    clinicIds: [patient.clinicId],
  });
  const careManagerId = staffId(seed, plan.careManagerKey);
  const consultantId = staffId(seed, 'psychiatrist');
  let episode = await enrollPatient({
    db,
    actor: actor(patient.pcpId, 'pcp'),
    // The history is written as it happened: the enrolment answers its items at the referral.
    now: plan.referredAt,
    patientId: patient.id,
    input: enrollInput.parse({
      program: 'cocm',
      referredAt: plan.referredAt.toISOString(),
      billingPractitionerId: patient.pcpId,
      careManagerId,
      psychiatricConsultantId: consultantId,
      diagnoses: plan.diagnoses,
      primaryMeasure: plan.primaryMeasure,
      // The initiating visit (billing.md §1): a UTC day earlier is never after the referral's local day in US zones.
      initiatingVisit: {
        date: new Date(plan.referredAt.getTime() - 86_400_000).toISOString().slice(0, 10),
        type: 'em',
        practitionerId: patient.pcpId,
      },
    }),
  });
  if (plan.consent) {
    episode = await recordConsent({
      db,
      now: seed.now,
      actor: actor(careManagerId, 'care_manager'),
      episodeId: episode.id,
      input: consentInput.parse({
        obtainedAt: plan.consent.at.toISOString(),
        method: plan.consent.method,
        obtainedBy: careManagerId,
        costSharingExplained: true,
        consultationExplained: true,
      }),
    });
  }
  return {
    episode,
    plan,
    team: { care_manager: careManagerId, psychiatric_consultant: consultantId },
  };
}

/** The PCP records each psychotropic start, and stops the old row when a dose changes. */
async function recordMedications(db: Db, seed: RegistrySeed, h: EpisodeHistory): Promise<void> {
  const pcpId = h.episode.pcpId ?? h.episode.billingPractitionerId;
  const actor: Actor = { orgId: seed.orgId, userId: pcpId, roles: ['pcp'], clinicIds: [h.episode.clinicId] };
  for (const m of h.plan.medications) {
    const row = await startMedication({
      db,
      actor,
      now: seed.now,
      episodeId: h.episode.id,
      input: medicationInput.parse({ name: m.name, dose: m.dose, startedOn: m.startedOn, note: m.note }),
    });
    if (m.stoppedOn) {
      await stopMedication({
        db,
        actor,
        now: seed.now,
        medicationId: row.id,
        input: stopMedicationInput.parse({ stoppedOn: m.stoppedOn, note: 'Dose changed after case review' }),
      });
    }
  }
}

/** Returns how many episodes were opened. */
export async function seedRegistry(db: Db, seed: RegistrySeed): Promise<number> {
  const histories: EpisodeHistory[] = [];
  for (const plan of seed.plans) histories.push(await openEpisode(db, seed, plan));
  await writeEpisodeHistories(db, { orgId: seed.orgId, now: seed.now }, histories);
  for (const h of histories) {
    await recordMedications(db, seed, h);
    const careManager: Actor = {
      orgId: seed.orgId,
      userId: h.team.care_manager,
      roles: ['care_manager'],
      clinicIds: [h.episode.clinicId],
    };
    // Active → relapse prevention on the day the plan was agreed: the use case itself, at that time.
    const steppedDownAt = h.plan.relapsePreventionAt;
    if (steppedDownAt) {
      await updateEpisode({
        db,
        now: steppedDownAt,
        actor: careManager,
        episodeId: h.episode.id,
        input: updateEpisodeInput.parse({ status: 'relapse_prevention' }),
      });
    }
    const discharge = h.plan.discharge;
    if (!discharge) continue;
    await updateEpisode({
      db,
      now: seed.now,
      actor: careManager,
      episodeId: h.episode.id,
      input: updateEpisodeInput.parse({
        status: 'discharged',
        dischargeReason: discharge.reason,
        dischargedAt: discharge.at.toISOString(),
      }),
    });
  }
  return histories.length;
}
