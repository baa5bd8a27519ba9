// Program outcomes and operations for leaders and the psychiatric consultant: the dashboard's figures.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Role } from '../../services/actor.js';
import { operationsQuery, readOperations } from '../../services/outcomes/operations.js';
import { outcomesQuery, readProgramOutcomes } from '../../services/outcomes/program-outcomes.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';

/** Operations leaders (admin) and the consultant, who reviews the whole caseload (mbc.md §9). */
export const OUTCOME_READERS: Role[] = ['admin', 'psychiatric_consultant'];
const tags = ['outcomes'];

export function outcomeRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  defineRoute(
    r,
    {
      method: 'get',
      path: '/outcomes/program',
      roles: OUTCOME_READERS,
      summary:
        'Response and remission at the outcome window (default weeks 12–16), change, follow-up in 4–8 weeks, time to response and the 12-month approximations, overall, per care manager and per enrollment month',
      tags,
      query: outcomesQuery,
    },
    ({ deps, actor, query }) =>
      readProgramOutcomes({ db: deps.db, actor, query, now: deps.now?.() ?? new Date() }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/outcomes/operations',
      roles: OUTCOME_READERS,
      summary:
        'Positive screen to first BH contact (median, 90th percentile), triage items reached by their due time, contacts per enrolled patient-month, psychiatric review of the caseload, billing lines and minutes logged vs counted, for a period of clinic days',
      tags,
      query: operationsQuery,
    },
    ({ deps, actor, query }) =>
      readOperations({ db: deps.db, actor, query, now: deps.now?.() ?? new Date() }),
  );
  return r;
}
