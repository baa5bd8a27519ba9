// Episode notes with role-based visibility: BH progress notes stay with the BH team; risk and plan reach the PCP.
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { canViewNote, visibleNoteKinds, type NoteKind } from '../../domain/registry/notes-visibility.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import type { noteInput } from '../episodes/episode-input.js';
import { findEpisode } from '../episodes/find-episode.js';

export interface NoteView {
  id: string;
  episodeId: string;
  kind: NoteKind;
  body: string;
  authorId: string;
  createdAt: string;
}

/** An episode's notes the reader may see, and which kinds those are. */
export interface NotesView {
  notes: NoteView[];
  visibleKinds: NoteKind[];
}

export async function addNote({
  db,
  actor,
  episodeId,
  input,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
  input: z.output<typeof noteInput>;
}): Promise<NoteView> {
  // Writing a kind you could not read back would hide your own note from you.
  if (!canViewNote(actor.roles, input.kind as NoteKind)) {
    throw AppError.forbidden(`Your roles cannot write ${input.kind.replaceAll('_', ' ')}s.`);
  }
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId);
    const row = await trx
      .insertInto('notes')
      .values({
        org_id: actor.orgId,
        episode_id: episode.id,
        patient_id: episode.patientId,
        clinic_id: episode.clinicId,
        kind: input.kind,
        body: input.body,
        author_id: actor.userId,
      })
      .returning(['id', 'episode_id', 'kind', 'body', 'author_id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'note.create',
      entity: 'note',
      entityId: row.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return {
      id: row.id,
      episodeId: row.episode_id,
      kind: input.kind,
      body: row.body,
      authorId: row.author_id,
      createdAt: row.created_at.toISOString(),
    };
  });
}

export async function listNotes({
  db,
  actor,
  episodeId,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
}): Promise<NotesView> {
  const kinds = visibleNoteKinds(actor.roles);
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId);
    const rows =
      kinds.length === 0
        ? []
        : await trx
            .selectFrom('notes')
            .select(['id', 'episode_id', 'kind', 'body', 'author_id', 'created_at'])
            .where('org_id', '=', actor.orgId)
            .where('episode_id', '=', episode.id)
            .where('kind', 'in', kinds)
            .orderBy('created_at', 'desc')
            .execute();
    await recordAudit(trx, actor, {
      action: 'note.list',
      entity: 'note',
      entityId: episode.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
      details: { count: rows.length },
    });
    return {
      notes: rows.map((r) => ({
        id: r.id,
        episodeId: r.episode_id,
        // Only kinds in NOTE_KINDS are listed (the query filters on the visible ones).
        kind: r.kind as NoteKind,
        body: r.body,
        authorId: r.author_id,
        createdAt: r.created_at.toISOString(),
      })),
      visibleKinds: kinds,
    };
  });
}
