// Clinic rule sets (screening/triage, registry thresholds) and the audit trail: the admin's levers.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditQuery, listAuditEvents } from '../../services/audit/list-audit.js';
import { getRuleSet, updateRuleSet, type RuleSetKind } from '../../services/rules/rule-sets.js';
import type { AppEnv } from '../env.js';
import { uuidParam } from '../params.js';
import { defineRoute } from '../route.js';
import { CLINICAL } from './screenings.js';

/** Public paths per kind: `triage-rules` is the screening → triage pack, `safety-pathway` the suicide-risk pathway. */
const PATHS: Record<RuleSetKind, string> = {
  screening: 'triage-rules',
  registry: 'registry-rules',
  safety: 'safety-pathway',
};

export function ruleRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  for (const [kind, path] of Object.entries(PATHS) as [RuleSetKind, string][]) {
    defineRoute(
      router,
      {
        method: 'get',
        path: `/clinics/{id}/${path}`,
        roles: ['admin', ...CLINICAL],
        summary: `The clinic’s ${kind} rule set (version 0 = defaults)`,
        tags: ['rules'],
        params: uuidParam,
      },
      ({ deps, actor, params }) => getRuleSet({ db: deps.db, actor, clinicId: params.id, kind }),
    );
    defineRoute(
      router,
      {
        method: 'put',
        path: `/clinics/{id}/${path}`,
        roles: ['admin'],
        summary: `Replace the clinic’s ${kind} rule set (send the version you edited)`,
        tags: ['rules'],
        params: uuidParam,
        body: z.object({ version: z.number().int().min(0), rules: z.unknown() }),
      },
      ({ deps, actor, now, params, body }) =>
        updateRuleSet({ db: deps.db, actor, now, clinicId: params.id, kind, input: body }),
    );
  }
  defineRoute(
    router,
    {
      method: 'get',
      path: '/audit',
      roles: ['admin'],
      summary: 'Audit events, newest first',
      tags: ['audit'],
      query: auditQuery,
    },
    ({ deps, actor, query }) => listAuditEvents({ db: deps.db, actor, query }),
  );
  return router;
}
