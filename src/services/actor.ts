// Who is acting, and which clinics of their organization they may see.
import { STAFF_ROLES, type StaffRole } from '../domain/registry/roles.js';
import { AppError } from '../errors.js';

/** The staff roles, defined once in the domain (the registry rules reason about them). */
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

export interface Actor {
  orgId: string;
  userId: string;
  roles: Role[];
  /** The clinics this user may see; an admin sees every clinic of the organization. */
  clinicIds: string[];
  /** The server's id of the request being served. */
  requestId?: string;
  /** The X-Request-Id the client sent, if usable: for correlation only, never trusted as ours. */
  clientRequestId?: string;
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));

/** Another clinic's record answers 404, never 403, so ids cannot be probed across clinics. */
export function assertClinicAccess(
  actor: Actor,
  clinicId: string,
  what = 'Clinic',
  field = 'clinicId',
): void {
  if (!actor.clinicIds.includes(clinicId)) throw AppError.notFound(what, field);
}
