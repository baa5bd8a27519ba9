// The contact log of an episode: logging a contact, the log, and corrections.
import { OpenAPIHono } from '@hono/zod-openapi';
import { contactInput, correctionInput } from '../../services/contacts/contact-input.js';
import { correctContact } from '../../services/contacts/correct-contact.js';
import { listContacts } from '../../services/contacts/list-contacts.js';
import { logContact } from '../../services/contacts/log-contact.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { CARE_TEAM_ROLES } from '../../domain/registry/roles.js';
import { idParam } from '../params.js';

export function contactRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  const tags = ['registry'];
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/contacts',
      roles: CARE_TEAM_ROLES,
      summary: 'Log a contact and its minutes (Idempotency-Key header: the same key records one contact)',
      tags,
      params: idParam,
      body: contactInput,
      status: 201,
    },
    async ({ c, deps, actor, now, params, body }) => {
      const result = await logContact({
        db: deps.db,
        actor,
        episodeId: params.id,
        input: body,
        idempotencyKey: c.req.header('idempotency-key'),
        now,
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return { ...result.contact, warnings: result.warnings };
    },
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/episodes/{id}/contacts',
      roles: CARE_TEAM_ROLES,
      summary:
        'The contact log with corrections, counted minutes per month, and the roles that may log minutes',
      tags,
      params: idParam,
    },
    ({ deps, actor, now, params }) => listContacts({ db: deps.db, actor, episodeId: params.id, now }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/contacts/{id}/corrections',
      roles: CARE_TEAM_ROLES,
      summary: 'Correct a contact: a reversal row, plus the replacement if given',
      tags,
      params: idParam,
      body: correctionInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      correctContact({ db: deps.db, actor, now, contactId: params.id, input: body }),
  );
  return r;
}
