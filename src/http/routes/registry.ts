// The CoCM registry: episodes, consent, contacts and corrections, the registry view, caseloads,
// psychiatric case review and the PCP loop, medications and notes.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Role } from '../../services/actor.js';
import {
  acknowledgeRecommendation,
  inboxQuery,
  listRecommendations,
} from '../../services/case-reviews/recommendations.js';
import { caseReviewInput, recordCaseReview } from '../../services/case-reviews/record-case-review.js';
import { readReviewQueue, reviewQueueQuery } from '../../services/case-reviews/review-queue.js';
import {
  medicationInput,
  startMedication,
  stopMedication,
  stopMedicationInput,
} from '../../services/care-plan/medications.js';
import { addNote, listNotes } from '../../services/care-plan/notes.js';
import { contactInput, correctionInput } from '../../services/contacts/contact-input.js';
import { correctContact } from '../../services/contacts/correct-contact.js';
import { listContacts } from '../../services/contacts/list-contacts.js';
import { logContact } from '../../services/contacts/log-contact.js';
import {
  enrollInput,
  noteInput,
  updateEpisodeInput,
  consentInput,
  withdrawConsentInput,
} from '../../services/episodes/episode-input.js';
import { enrollPatient } from '../../services/episodes/enroll-patient.js';
import { getEpisode, listPatientEpisodes } from '../../services/episodes/read-episodes.js';
import { recordConsent } from '../../services/episodes/record-consent.js';
import { updateEpisode } from '../../services/episodes/update-episode.js';
import { withdrawConsent } from '../../services/episodes/withdraw-consent.js';
import { caseloadQuery, readCaseloads } from '../../services/registry/caseloads.js';
import { exportRegistryCsv, registryExportQuery } from '../../services/registry/registry-csv.js';
import { readRegistry, registryQuery } from '../../services/registry/registry-view.js';
import { isoDate } from '../../services/schemas.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from './patients.js';

/** The CoCM triad works the registry; an admin (operations) may read it. */
const REGISTRY_READERS: Role[] = ['admin', 'pcp', 'care_manager', 'psychiatric_consultant'];
const CARE_TEAM: Role[] = ['pcp', 'care_manager', 'psychiatric_consultant'];
const BH_TEAM: Role[] = ['care_manager', 'psychiatric_consultant'];

export function registryRoutes(): OpenAPIHono<AppEnv> {
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
    ({ deps, actor, params, body }) =>
      enrollPatient({ db: deps.db, actor, patientId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/patients/{id}/episodes',
      roles: REGISTRY_READERS,
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
      roles: REGISTRY_READERS,
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
      roles: CARE_TEAM,
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
      roles: CARE_TEAM,
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
      roles: CARE_TEAM,
      summary:
        'Change status, team (a new billing practitioner needs consent again), diagnoses, initiating visit, review request or safety concern',
      tags,
      params: idParam,
      body: updateEpisodeInput,
    },
    ({ deps, actor, now, params, body }) =>
      updateEpisode({ db: deps.db, actor, now, episodeId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/contacts',
      roles: CARE_TEAM,
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
      roles: CARE_TEAM,
      summary:
        'The contact log with corrections, counted minutes per month, and the roles that may log minutes',
      tags,
      params: idParam,
    },
    ({ deps, actor, now, params }) => listContacts({ db: deps.db, actor, now, episodeId: params.id }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/contacts/{id}/corrections',
      roles: CARE_TEAM,
      summary: 'Correct a contact: a reversal row, plus the replacement if given',
      tags,
      params: idParam,
      body: correctionInput,
      status: 201,
    },
    ({ deps, actor, now, params, body }) =>
      correctContact({ db: deps.db, actor, now, contactId: params.id, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/registry',
      roles: REGISTRY_READERS,
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
      roles: REGISTRY_READERS,
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
      roles: REGISTRY_READERS,
      summary: 'Caseload per care manager against the AIMS norms and capacity',
      tags,
      query: caseloadQuery,
    },
    ({ deps, actor, query }) => readCaseloads({ db: deps.db, actor, query }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/case-reviews/queue',
      roles: CARE_TEAM,
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
      roles: BH_TEAM,
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
      roles: CARE_TEAM,
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
  defineRoute(
    r,
    {
      method: 'post',
      path: '/episodes/{id}/medications',
      roles: CARE_TEAM,
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
      roles: CARE_TEAM,
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
      roles: BH_TEAM,
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
      roles: CARE_TEAM,
      summary: 'Notes the caller’s roles may see (PCP: risk summary and plan only)',
      tags: ['care plan'],
      params: idParam,
    },
    ({ deps, actor, params }) => listNotes({ db: deps.db, actor, episodeId: params.id }),
  );
  return r;
}
