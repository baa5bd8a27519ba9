// Clinics and staff of the caller's organization.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ROLES } from '../../services/actor.js';
import { clinicViewSchema } from '../../services/clinics/clinic-view.js';
import { createClinic, createClinicInput, listClinics } from '../../services/clinics/create-clinic.js';
import { updateClinic, updateClinicInput } from '../../services/clinics/update-clinic.js';
import { createUser, createUserInput } from '../../services/users/create-user.js';
import { USER_STATUS_FILTERS, listUsers } from '../../services/users/list-users.js';
import { deactivateUser, reactivateUser } from '../../services/users/account-status.js';
import { updateUser, updateUserInput } from '../../services/users/update-user.js';
import { issueResetCode } from '../../services/users/reset-codes.js';
import { uuid } from '../../services/schemas.js';
import type { AppEnv } from '../env.js';
import { uuidParam } from '../params.js';
import { defineRoute } from '../route.js';

const clinicView = clinicViewSchema;
const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  roles: z.array(z.string()),
  clinicIds: z.array(z.string()),
  npi: z.string().nullable(),
  credential: z.string().nullable(),
  active: z.boolean(),
});

export function organizationRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/clinics',
      roles: 'any',
      summary: 'Clinics the caller may see',
      tags: ['organization'],
      response: z.object({ clinics: z.array(clinicView) }),
    },
    async ({ deps, actor }) => ({ clinics: await listClinics({ db: deps.db, actor }) }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/clinics',
      roles: ['admin'],
      summary: 'Add a clinic',
      tags: ['organization'],
      body: createClinicInput,
      status: 201,
      response: clinicView,
    },
    ({ deps, actor, body }) => createClinic({ db: deps.db, actor, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'patch',
      path: '/clinics/{id}',
      roles: ['admin'],
      summary: 'Change a clinic’s name, time zone or billing identity (group NPI, EIN, address; null clears)',
      tags: ['organization'],
      params: uuidParam,
      body: updateClinicInput,
      response: clinicView,
    },
    ({ deps, actor, params, body }) => updateClinic({ db: deps.db, actor, clinicId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/users',
      roles: ['admin'],
      summary: 'Add a staff member',
      tags: ['organization'],
      body: createUserInput,
      status: 201,
      response: userView,
    },
    ({ deps, actor, body }) => createUser({ db: deps.db, actor, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/users',
      roles: 'any',
      summary: 'Staff of the caller’s clinics (all staff for an admin)',
      tags: ['organization'],
      query: z.object({
        role: z.enum(ROLES).optional(),
        clinicId: uuid.optional(),
        // Active by default (pickers); 'all' also names the deactivated on past records.
        status: z.enum(USER_STATUS_FILTERS).default('active'),
      }),
      response: z.object({ users: z.array(userView) }),
    },
    async ({ deps, actor, query }) => ({ users: await listUsers({ db: deps.db, actor, ...query }) }),
  );
  defineRoute(
    router,
    {
      method: 'patch',
      path: '/users/{id}',
      roles: ['admin'],
      summary:
        'Change a staff member’s name, roles, clinics, credential or NPI (null clears); the last active admin keeps the admin role (422)',
      tags: ['organization'],
      params: uuidParam,
      body: updateUserInput,
      response: userView,
    },
    ({ deps, actor, params, body }) => updateUser({ db: deps.db, actor, userId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/users/{id}/deactivate',
      roles: ['admin'],
      summary:
        'Deactivate a staff member: their sessions and tokens end at once and they cannot sign in; records keep their name',
      tags: ['organization'],
      params: uuidParam,
      response: userView,
    },
    ({ deps, actor, params }) => deactivateUser({ db: deps.db, actor, userId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/users/{id}/reactivate',
      roles: ['admin'],
      summary: 'Let a deactivated staff member sign in again',
      tags: ['organization'],
      params: uuidParam,
      response: userView,
    },
    ({ deps, actor, params }) => reactivateUser({ db: deps.db, actor, userId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/users/{id}/password-reset',
      roles: ['admin'],
      summary:
        'Issue a one-time reset code (shown only in this reply); the old password and all sessions end, and the user sets a new password with the code',
      tags: ['organization'],
      params: uuidParam,
      status: 201,
      response: z.object({ code: z.string(), expiresAt: z.string() }),
    },
    ({ deps, actor, now, params }) => issueResetCode({ db: deps.db, actor, now, userId: params.id }),
  );
  return router;
}
