// Mounts every router under /api: one per service folder (episodes, contacts, registry, case-reviews,
// care-plan, billing…), so a route is found where its use case lives.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { authRoutes } from './auth.js';
import { billingRoutes } from './billing.js';
import { carePlanRoutes } from './care-plan.js';
import { caseReviewRoutes } from './case-reviews.js';
import { contactRoutes } from './contacts.js';
import { episodeRoutes } from './episodes.js';
import { encounterRoutes } from './encounters.js';
import { fhirRoutes } from './fhir.js';
import { organizationRoutes } from './organization.js';
import { outcomeRoutes } from './outcomes.js';
import { patientRoutes } from './patients.js';
import { registryRoutes } from './registry.js';
import { ruleRoutes } from './rules.js';
import { safetyRoutes } from './safety.js';
import { schedulingRoutes } from './scheduling.js';
import { screeningRoutes } from './screenings.js';
import { systemRoutes } from './system.js';

export function registerRoutes(app: OpenAPIHono<AppEnv>): void {
  for (const router of [
    systemRoutes(),
    authRoutes(),
    organizationRoutes(),
    patientRoutes(),
    screeningRoutes(),
    ruleRoutes(),
    episodeRoutes(),
    contactRoutes(),
    registryRoutes(),
    caseReviewRoutes(),
    carePlanRoutes(),
    billingRoutes(),
    encounterRoutes(),
    fhirRoutes(),
    outcomeRoutes(),
    safetyRoutes(),
    schedulingRoutes(),
  ]) {
    app.route('/api', router);
  }
}
