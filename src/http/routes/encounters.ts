// Directly documented behavioral health services and the per-encounter codes they bill (other-codes.md).
import { OpenAPIHono } from '@hono/zod-openapi';
import { RENDERING_ROLES } from '../../domain/billing/encounter/index.js';
import type { Role } from '../../services/actor.js';
import { documentBhService } from '../../services/encounters/document-service.js';
import { listBhServices, servicesQuery } from '../../services/encounters/list-services.js';
import { bhServiceInput, bhServiceView } from '../../services/encounters/service-input.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from '../params.js';

/** Who reads a clinic month's services and codes: the clinicians who render them, billing and admins. */
const SERVICE_READERS: Role[] = [...RENDERING_ROLES, 'billing', 'admin'];

export function encounterRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'post',
      path: '/patients/{id}/bh-services',
      roles: [...RENDERING_ROLES],
      summary:
        'Document a behavioral health service (psychotherapy, HBAI, diagnostic evaluation, E/M); returns its codes with reasons',
      tags: ['encounters'],
      params: idParam,
      body: bhServiceInput,
      status: 201,
      response: bhServiceView,
    },
    ({ deps, actor, now, params, body }) =>
      documentBhService({ db: deps.db, actor, patientId: params.id, input: body, now }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/bh-services',
      roles: SERVICE_READERS,
      summary: 'A clinic month’s documented services with the codes each bills after the same-day edits',
      tags: ['encounters'],
      query: servicesQuery,
    },
    ({ deps, actor, query }) => listBhServices({ db: deps.db, actor, query }),
  );
  return router;
}
