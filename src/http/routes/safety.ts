// Suicide-risk process: assessments and their corrections, pathway tasks, safety plans, the patient's risk picture.
import { OpenAPIHono } from '@hono/zod-openapi';
import { riskAssessmentSchema } from '../../domain/safety/index.js';
import type { Role } from '../../services/actor.js';
import { correctAssessment, correctionInput } from '../../services/safety/correct-assessment.js';
import { getAssessment, getPatientSafety } from '../../services/safety/read-safety.js';
import { recordAssessment } from '../../services/safety/record-assessment.js';
import { listSafetyPlans, safetyPlanInput, saveSafetyPlan } from '../../services/safety/safety-plans.js';
import {
  completeSafetyTask,
  completeTaskInput,
  listSafetyTasks,
  taskQuery,
} from '../../services/safety/safety-tasks.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from '../params.js';
import { CLINICAL } from './screenings.js';

/** Clinicians who assess risk and write plans; the medical assistant screens and reads, never assesses. */
const ASSESSORS: Role[] = ['pcp', 'care_manager', 'psychiatric_consultant'];

export function safetyRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'post',
      path: '/patients/{id}/safety-assessments',
      roles: ASSESSORS,
      summary:
        'Record a suicide-risk assessment; plans its pathway tasks and resolves open safety_protocol items',
      tags: ['safety'],
      params: idParam,
      body: riskAssessmentSchema,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      recordAssessment({ db: deps.db, actor, now, patientId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/safety-assessments/{id}/versions',
      roles: ASSESSORS,
      summary: 'Correct an assessment: adds a version with the reason (never edits)',
      tags: ['safety'],
      params: idParam,
      body: correctionInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      correctAssessment({ db: deps.db, actor, now, assessmentId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/safety-assessments/{id}',
      roles: CLINICAL,
      summary: 'Every version of one assessment, newest first',
      tags: ['safety'],
      params: idParam,
    },
    ({ deps, actor, params }) => getAssessment({ db: deps.db, actor, assessmentId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients/{id}/safety',
      roles: CLINICAL,
      summary: 'The patient’s risk status, assessment timeline, pathway tasks and current safety plan',
      tags: ['safety'],
      params: idParam,
    },
    ({ deps, actor, now, params }) => getPatientSafety({ db: deps.db, actor, now, patientId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/safety-tasks',
      roles: CLINICAL,
      summary: 'Safety pathway tasks of a clinic, oldest due first',
      tags: ['safety'],
      query: taskQuery,
    },
    ({ deps, actor, now, query }) => listSafetyTasks({ db: deps.db, actor, now, query }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/safety-tasks/{id}/done',
      roles: ASSESSORS,
      summary: 'Mark a safety pathway task done (some tasks name the roles that may)',
      tags: ['safety'],
      params: idParam,
      body: completeTaskInput,
    },
    ({ deps, actor, now, params, body }) =>
      completeSafetyTask({ db: deps.db, actor, now, taskId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/patients/{id}/safety-plans',
      roles: ASSESSORS,
      summary: 'Save a new version of the patient’s Stanley–Brown safety plan',
      tags: ['safety'],
      params: idParam,
      body: safetyPlanInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      saveSafetyPlan({ db: deps.db, actor, now, patientId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/patients/{id}/safety-plans',
      roles: CLINICAL,
      summary: 'Every version of the patient’s safety plan, newest first',
      tags: ['safety'],
      params: idParam,
    },
    ({ deps, actor, params }) => listSafetyPlans({ db: deps.db, actor, patientId: params.id }),
  );
  return router;
}
