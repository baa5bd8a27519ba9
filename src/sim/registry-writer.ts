// Writes each episode's dated history in one transaction; the demo's one place for direct registry writes.
import type { Db } from '../db/connection.js';
import { insertRows } from '../db/insert-rows.js';
import { canViewNote } from '../domain/registry/notes-visibility.js';
import type { Actor } from '../services/actor.js';
import { caseReviewInput } from '../services/case-reviews/record-case-review.js';
import { contactInput } from '../services/contacts/contact-input.js';
import { insertContactEntry } from '../services/contacts/log-contact.js';
import { noteInput } from '../services/episodes/episode-input.js';
import type { EpisodeView } from '../services/episodes/episode-view.js';
import type { EpisodePlan, PlannedContact, TeamMember } from './episode-plan.js';

export interface EpisodeHistory {
  episode: EpisodeView;
  plan: EpisodePlan;
  /** User ids of the episode's care manager and psychiatric consultant. */
  team: Readonly<Record<TeamMember, string>>;
}

interface WriteContext {
  orgId: string;
  now: Date;
}

const CHUNK = 500;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

function refuse(h: EpisodeHistory, what: string, reasons: readonly string[]): never {
  throw new Error(`Demo ${what} for a ${h.plan.scenario} episode refused: ${reasons.join('; ')}`);
}

/**
 * Contacts go through the contact log's own write helper (validation, counting rule, minute rollups),
 * so the demo's minutes add up exactly as logged ones do; only the audit row per request is skipped.
 */
async function writeContacts(db: Db, ctx: WriteContext, histories: readonly EpisodeHistory[]): Promise<void> {
  for (const h of histories) {
    const entries = [
      ...h.plan.contacts,
      // The consultant's review minutes enter the log as recordCaseReview enters them.
      ...h.plan.reviews.map((r): PlannedContact => ({
        at: r.at,
        minutes: r.minutes,
        activity: 'case_review',
        modality: 'none',
        by: 'psychiatric_consultant',
      })),
    ];
    for (const c of entries) {
      const discharge = h.plan.discharge;
      if (discharge && c.at > discharge.at)
        refuse(h, 'contact', ['the episode was discharged before this contact']);
      if (c.at > ctx.now) refuse(h, 'contact', [`${c.at.toISOString()} is after the demo's today`]);
      const staffId = h.team[c.by];
      const actor: Actor = {
        orgId: ctx.orgId,
        userId: staffId,
        roles: [c.by],
        clinicIds: [h.episode.clinicId],
      };
      const input = contactInput.parse({
        occurredAt: c.at.toISOString(),
        minutes: c.minutes,
        staffId,
        activity: c.activity,
        modality: c.modality,
        staffRole: c.by,
      });
      await insertContactEntry(db, actor, h.episode, input, { now: ctx.now });
    }
  }
}

/**
 * recordCaseReview and acknowledgeRecommendation stamp advice with the wall clock, so a year of reviews is
 * written here, after the same input schema and the checks those use cases make.
 */
async function writeReviews(db: Db, ctx: WriteContext, histories: readonly EpisodeHistory[]): Promise<void> {
  const reviews = histories.flatMap((h) =>
    h.plan.reviews.map((r) => {
      const input = caseReviewInput.parse({
        reviewedAt: r.at.toISOString(),
        consultantId: h.team.psychiatric_consultant,
        minutes: r.minutes,
        notes: r.notes,
        recommendations: r.recommendations.map(({ kind, text }) => ({ kind, text })),
      });
      const issues: string[] = [];
      if (h.episode.program !== 'cocm') issues.push('psychiatric case review is part of CoCM');
      if (h.plan.discharge && r.at > h.plan.discharge.at) issues.push('the episode was discharged');
      for (const rec of r.recommendations) {
        const ack = rec.acknowledgedAt;
        if (rec.sentAt < r.at || rec.sentAt > ctx.now)
          issues.push('advice must be sent between review and today');
        if (ack && (ack < rec.sentAt || ack > ctx.now))
          issues.push('advice must be acknowledged after it is sent');
      }
      if (issues.length > 0) refuse(h, 'case review', issues);
      return { h, r, input };
    }),
  );
  const ids = new Map<string, string>();
  await insertChunked(reviews, async (chunk) => {
    const rows = await db
      .insertInto('case_reviews')
      .values(
        chunk.map(({ h, r, input }) => ({
          org_id: ctx.orgId,
          episode_id: h.episode.id,
          clinic_id: h.episode.clinicId,
          patient_id: h.episode.patientId,
          reviewed_at: input.reviewedAt,
          consultant_id: input.consultantId,
          minutes: input.minutes,
          notes: input.notes ?? null,
          created_at: new Date(r.at.getTime() + input.minutes * 60_000),
          created_by: input.consultantId,
        })),
      )
      .returning(['id', 'episode_id', 'reviewed_at'])
      .execute();
    for (const row of rows) ids.set(`${row.episode_id}|${row.reviewed_at.getTime()}`, row.id);
  });
  const recommendations = reviews.flatMap(({ h, r }) =>
    r.recommendations.map((rec) => ({
      org_id: ctx.orgId,
      case_review_id: ids.get(`${h.episode.id}|${r.at.getTime()}`)!,
      episode_id: h.episode.id,
      clinic_id: h.episode.clinicId,
      patient_id: h.episode.patientId,
      kind: rec.kind,
      text: rec.text,
      pcp_id: h.episode.pcpId,
      sent_at: rec.sentAt,
      acknowledged_at: rec.acknowledgedAt,
      acknowledged_by: rec.acknowledgedAt ? h.episode.pcpId : null,
    })),
  );
  await insertRows(db, 'recommendations', recommendations);
}

/** addNote dates a note when it is saved; the demo's notes carry the day they were written. */
async function writeNotes(db: Db, ctx: WriteContext, histories: readonly EpisodeHistory[]): Promise<void> {
  const rows = histories.flatMap((h) =>
    h.plan.notes.map((n) => {
      const input = noteInput.parse({ kind: n.kind, body: n.body });
      if (!canViewNote([n.by], input.kind) || n.at > ctx.now || n.at < new Date(h.episode.referredAt)) {
        refuse(h, 'note', [`a ${n.by} cannot write a ${input.kind} dated ${n.at.toISOString()}`]);
      }
      return {
        org_id: ctx.orgId,
        episode_id: h.episode.id,
        patient_id: h.episode.patientId,
        clinic_id: h.episode.clinicId,
        kind: input.kind,
        body: input.body,
        author_id: h.team[n.by],
        created_at: n.at,
      };
    }),
  );
  await insertRows(db, 'notes', rows);
}

/**
 * Writes every episode's contacts, case reviews with their advice and notes in one transaction.
 */
export async function writeEpisodeHistories(
  db: Db,
  options: { orgId: string; now: Date },
  histories: readonly EpisodeHistory[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ctx: WriteContext = options;
    await writeContacts(trx, ctx, histories);
    await writeReviews(trx, ctx, histories);
    await writeNotes(trx, ctx, histories);
  });
}
