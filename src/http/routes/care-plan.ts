// An episode's care plan: medications and notes.
import { OpenAPIHono } from '@hono/zod-openapi';
import {
  medicationInput,
  startMedication,
  stopMedication,
  stopMedicationInput,
} from '../../services/care-plan/medications.js';
import { addNote, listNotes } from '../../services/care-plan/notes.js';
import { noteInput } from '../../services/episodes/episode-input.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { BH_ROLES, CARE_TEAM_ROLES } from '../../domain/registry/roles.js';
import { idParam } from '../params.js';

export function carePlanRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/medications',
      roles: CARE_TEAM_ROLES,
      summary: 'Record a started psychotropic medication',
      tags: ['care plan'],
      params: idParam,
      body: medicationInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      startMedication({ db: deps.db, actor, now, episodeId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/medications/{id}/stop',
      roles: CARE_TEAM_ROLES,
      summary: 'Record that a medication was stopped',
      tags: ['care plan'],
      params: idParam,
      body: stopMedicationInput,
    },
    ({ deps, actor, now, params, body }) =>
      stopMedication({ db: deps.db, actor, now, medicationId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/notes',
      roles: BH_ROLES,
      summary: 'Add a BH progress note, risk summary or treatment plan',
      tags: ['care plan'],
      params: idParam,
      body: noteInput,
      status: 201,
    },
    ({ deps, actor, params, body }) => addNote({ db: deps.db, actor, episodeId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/episodes/{id}/notes',
      roles: CARE_TEAM_ROLES,
      summary: 'Notes the caller’s roles may see (PCP: risk summary and plan only)',
      tags: ['care plan'],
      params: idParam,
    },
    ({ deps, actor, params }) => listNotes({ db: deps.db, actor, episodeId: params.id }),
  );
  return r;
}
