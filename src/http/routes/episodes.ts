// Episodes of care: referral and enrollment, the episode read, consent and its withdrawal, changes.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  enrollInput,
  updateEpisodeInput,
  consentInput,
  withdrawConsentInput,
} from '../../services/episodes/episode-input.js';
import { enrollPatient } from '../../services/episodes/enroll-patient.js';
import { listPatientEpisodes } from '../../services/episodes/list-patient-episodes.js';
import { getEpisode } from '../../services/read-models/episode-detail.js';
import { recordConsent } from '../../services/episodes/record-consent.js';
import { updateEpisode } from '../../services/episodes/update-episode.js';
import { withdrawConsent } from '../../services/episodes/withdraw-consent.js';
import { isoDate } from '../../services/schemas.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { CARE_TEAM_ROLES, REGISTRY_READER_ROLES } from '../../domain/registry/roles.js';
import { idParam } from '../params.js';

export function episodeRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  const tags = ['registry'];
  defineRoute(
    r,
    {
      method: 'post',
      path: '/patients/{id}/episodes',
      roles: ['pcp', 'care_manager'],
      summary: 'Open an episode of care (referral; active once consented)',
      tags,
      params: idParam,
      body: enrollInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      enrollPatient({ db: deps.db, actor, now, patientId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/patients/{id}/episodes',
      roles: REGISTRY_READER_ROLES,
      summary: 'A patient’s episodes, newest first',
      tags,
      params: idParam,
    },
    ({ deps, actor, params }) => listPatientEpisodes({ db: deps.db, actor, patientId: params.id }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/episodes/{id}',
      roles: REGISTRY_READER_ROLES,
      summary: 'An episode with outcomes, flags, medications and case reviews',
      tags,
      params: idParam,
      query: z.object({ asOf: isoDate.optional() }),
    },
    ({ deps, actor, now, params, query }) =>
      getEpisode({ db: deps.db, actor, now, episodeId: params.id, asOf: query.asOf }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/consent',
      roles: CARE_TEAM_ROLES,
      summary:
        'Document consent with what the patient was told (costSharingExplained, consultationExplained); again after a withdrawal or a new billing practitioner. A referred episode becomes active',
      tags,
      params: idParam,
      body: consentInput,
    },
    ({ deps, actor, now, params, body }) =>
      recordConsent({ db: deps.db, actor, now, episodeId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/consent/withdraw',
      roles: CARE_TEAM_ROLES,
      summary: 'Record that the patient withdrew consent: minutes from withdrawnAt on stop counting',
      tags,
      params: idParam,
      body: withdrawConsentInput,
    },
    ({ deps, actor, now, params, body }) =>
      withdrawConsent({ db: deps.db, actor, now, episodeId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'patch',
      path: '/episodes/{id}',
      roles: CARE_TEAM_ROLES,
      summary:
        'Change status, team (a new billing practitioner needs consent again), diagnoses, initiating visit, review request or safety concern',
      tags,
      params: idParam,
      body: updateEpisodeInput,
    },
    ({ deps, actor, now, params, body }) =>
      updateEpisode({ db: deps.db, actor, now, episodeId: params.id, input: body }),
  );
  return r;
}
