// Everything a contact is checked against, read in one statement: contact logging is the busiest write,
// and each separate lookup was a round trip under the request's time.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import { AppError } from '../../errors.js';
import type { Actor, Role } from '../actor.js';
import { packsWith, type StoredPack } from '../billing/rule-packs.js';
import type { EpisodeView } from '../episodes/episode-view.js';
import { uuid } from '../schemas.js';
import type { StaffMember } from '../staff.js';

export type ContactEpisode = Pick<
  EpisodeView,
  'id' | 'patientId' | 'clinicId' | 'program' | 'referredAt' | 'dischargedAt'
>;

export interface ContactContext {
  episode: ContactEpisode;
  timeZone: string;
  payer: string | null;
  /** The staff member named by the contact, when active and assigned to the episode's clinic. */
  staff: StaffMember | null;
  /** Billing months (`YYYY-MM`) of the clinic that are locked. */
  lockedMonths: string[];
  packs: readonly RulePack[];
  /** The contact already recorded under the request's Idempotency-Key, if any. */
  earlier: { id: string; requestHash: string | null } | null;
}

/** Loads the context of a contact on `episodeId`; 404 (as `field`) when the episode is not the actor's. */
export async function loadContactContext(
  db: Db,
  actor: Actor,
  request: { episodeId: string; staffId: string; idempotencyKey?: string | undefined; field?: string },
): Promise<ContactContext> {
  const field = request.field ?? 'id';
  if (!uuid.safeParse(request.episodeId).success) throw AppError.notFound('Episode', field);
  const row = await db
    .selectFrom('episodes as e')
    .innerJoin('clinics as c', (j) => j.onRef('c.org_id', '=', 'e.org_id').onRef('c.id', '=', 'e.clinic_id'))
    .innerJoin('patients as p', (j) =>
      j.onRef('p.org_id', '=', 'e.org_id').onRef('p.id', '=', 'e.patient_id'),
    )
    .select([
      'e.id',
      'e.patient_id',
      'e.clinic_id',
      'e.program',
      'e.referred_at',
      'e.discharged_at',
      'c.timezone',
      'p.payer',
      sql<StaffMember | null>`(
        select json_build_object('id', u.id, 'name', u.name, 'roles', u.roles, 'credential', u.credential)
        from users u
        join user_clinics uc on uc.org_id = u.org_id and uc.user_id = u.id and uc.clinic_id = e.clinic_id
        where u.org_id = e.org_id and u.id = ${uuid.safeParse(request.staffId).success ? request.staffId : null}
          and u.active
      )`.as('staff'),
      sql<string[]>`array(
        select b.month from billing_months b
        where b.org_id = e.org_id and b.clinic_id = e.clinic_id and b.status = 'locked'
      )`.as('locked_months'),
      sql<StoredPack[]>`(
        select coalesce(json_agg(json_build_object('year', o.year, 'payer', o.payer, 'override', o.override, 'kind', o.kind)), '[]')
        from billing_pack_overrides o where o.org_id = e.org_id
      )`.as('overrides'),
      sql<{ id: string; requestHash: string | null } | null>`(
        select json_build_object('id', k.id, 'requestHash', k.request_hash)
        from contacts k where k.org_id = e.org_id and k.idempotency_key = ${request.idempotencyKey ?? null}
      )`.as('earlier'),
    ])
    .where('e.org_id', '=', actor.orgId)
    .where('e.id', '=', request.episodeId)
    .executeTakeFirst();
  if (!row || !actor.clinicIds.includes(row.clinic_id)) throw AppError.notFound('Episode', field);
  return {
    episode: {
      id: row.id,
      patientId: row.patient_id,
      clinicId: row.clinic_id,
      program: row.program,
      referredAt: row.referred_at.toISOString(),
      dischargedAt: row.discharged_at?.toISOString() ?? null,
    },
    timeZone: row.timezone,
    payer: row.payer,
    staff: row.staff ? { ...row.staff, roles: row.staff.roles as Role[] } : null,
    lockedMonths: row.locked_months,
    packs: packsWith(row.overrides),
    earlier: row.earlier,
  };
}
