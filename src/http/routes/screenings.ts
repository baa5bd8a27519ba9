// Screenings and the triage they produce: the worklist and each clinic's rule set.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Role } from '../../services/actor.js';
import { listScreenings } from '../../services/screenings/list-screenings.js';
import { recordScreening, screeningInput } from '../../services/screenings/record-screening.js';
import {
  completeItemInput,
  completeWorklistItem,
  listWorklist,
  worklistQuery,
} from '../../services/triage/worklist.js';
import { assignItemInput, assignWorklistItem } from '../../services/worklist/assign-item.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from '../params.js';

/** Clinical staff who give, read and act on screenings. */
export const CLINICAL: Role[] = ['pcp', 'care_manager', 'psychiatric_consultant', 'medical_assistant'];

const triageView = z.object({
  disposition: z.string(),
  reasons: z.array(z.string()),
  rulesFired: z.array(z.string()),
  dueBy: z.string().nullable(),
  itemId: z.string().nullable(),
});

export function screeningRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'post',
      path: '/patients/{id}/screenings',
      roles: CLINICAL,
      summary: 'Record a screening; returns its score and triage disposition',
      tags: ['screenings'],
      params: idParam,
      body: screeningInput,
      status: 201,
      response: z.object({
        id: z.string(),
        instrument: z.string(),
        total: z.number().nullable(),
        severity: z.string().nullable(),
        positive: z.boolean(),
        flags: z.array(z.string()),
        reasons: z.array(z.string()),
        triage: triageView,
      }),
    },
    ({ deps, actor, now, params, body }) =>
      recordScreening({ db: deps.db, actor, now, patientId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients/{id}/screenings',
      roles: CLINICAL,
      summary: 'A patient’s screenings, newest first',
      tags: ['screenings'],
      params: idParam,
    },
    ({ deps, actor, params }) => listScreenings({ db: deps.db, actor, patientId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/worklist',
      roles: CLINICAL,
      summary:
        'Triage items of a clinic: open (oldest due first) or done (who, when, why); filters mine, kind, overdue',
      tags: ['triage'],
      query: worklistQuery,
    },
    ({ deps, actor, now, query }) => listWorklist({ db: deps.db, actor, now, query }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/worklist/{id}/done',
      roles: CLINICAL,
      summary: 'Close a triage item by hand: a note saying what was done; the item kind decides who may',
      tags: ['triage'],
      params: idParam,
      body: completeItemInput,
    },
    ({ deps, actor, now, params, body }) =>
      completeWorklistItem({ db: deps.db, actor, now, itemId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/worklist/{id}/assign',
      roles: CLINICAL,
      summary: 'Give a triage item an owner (a clinical colleague of its clinic), or none',
      tags: ['triage'],
      params: idParam,
      body: assignItemInput,
    },
    ({ deps, actor, params, body }) =>
      assignWorklistItem({ db: deps.db, actor, itemId: params.id, input: body }),
  );
  return router;
}
