// Psychiatric case review: the review queue, recording a review, and the PCP's recommendations.
import { OpenAPIHono } from '@hono/zod-openapi';
import {
  acknowledgeRecommendation,
  inboxQuery,
  listRecommendations,
} from '../../services/case-reviews/recommendations.js';
import { caseReviewInput, recordCaseReview } from '../../services/case-reviews/record-case-review.js';
import { readReviewQueue, reviewQueueQuery } from '../../services/case-reviews/review-queue.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { BH_ROLES, CARE_TEAM_ROLES } from '../../domain/registry/roles.js';
import { idParam } from '../params.js';

export function caseReviewRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  defineRoute(
    r,
    {
      method: 'get',
      path: '/case-reviews/queue',
      roles: CARE_TEAM_ROLES,
      summary: 'The prioritised psychiatric case review list',
      tags: ['case review'],
      query: reviewQueueQuery,
    },
    ({ deps, actor, now, query }) => readReviewQueue({ db: deps.db, actor, now, query }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/case-reviews',
      roles: BH_ROLES,
      summary: 'Record a case review; recommendations go to the PCP',
      tags: ['case review'],
      params: idParam,
      body: caseReviewInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      recordCaseReview({ db: deps.db, actor, now, episodeId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/recommendations',
      roles: CARE_TEAM_ROLES,
      summary: 'Recommendations to acknowledge (a PCP’s own inbox by default)',
      tags: ['case review'],
      query: inboxQuery,
    },
    ({ deps, actor, query }) => listRecommendations({ db: deps.db, actor, query }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/recommendations/{id}/acknowledge',
      roles: ['pcp'],
      summary: 'Acknowledge a recommendation',
      tags: ['case review'],
      params: idParam,
    },
    ({ deps, actor, now, params }) =>
      acknowledgeRecommendation({ db: deps.db, actor, now, recommendationId: params.id }),
  );
  return r;
}
