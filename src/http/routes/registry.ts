// The registry view as of a day (JSON and CSV) and the care managers' caseloads.
import { OpenAPIHono } from '@hono/zod-openapi';
import { caseloadQuery, readCaseloads } from '../../services/registry/caseloads.js';
import { exportRegistryCsv, registryExportQuery } from '../../services/registry/registry-csv.js';
import { readRegistry, registryQuery } from '../../services/registry/registry-view.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { REGISTRY_READER_ROLES } from '../../domain/registry/roles.js';

export function registryRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  const tags = ['registry'];
  defineRoute(
    r,
    {
      method: 'get',
      path: '/registry',
      roles: REGISTRY_READER_ROLES,
      summary: 'The registry: episodes with outcomes and flags as of a day, most urgent first',
      tags,
      query: registryQuery,
    },
    ({ deps, actor, now, query }) => readRegistry({ db: deps.db, actor, now, query }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/registry.csv',
      roles: REGISTRY_READER_ROLES,
      summary: 'The registry’s filtered view as CSV, every row (same filters as /registry, no paging)',
      tags,
      query: registryExportQuery,
      produces: 'text/csv',
    },
    async ({ c, deps, actor, now, query }) => {
      const { csv, filename } = await exportRegistryCsv({ db: deps.db, actor, now, query });
      c.header('Content-Disposition', `attachment; filename="${filename}"`);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/caseloads',
      roles: REGISTRY_READER_ROLES,
      summary: 'Caseload per care manager against the AIMS norms and capacity',
      tags,
      query: caseloadQuery,
    },
    ({ deps, actor, query }) => readCaseloads({ db: deps.db, actor, query }),
  );
  return r;
}
