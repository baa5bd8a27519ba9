// Mounts every resource router under /api.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { authRoutes } from './auth.js';
import { billingRoutes } from './billing.js';
import { fhirRoutes } from './fhir.js';
import { organizationRoutes } from './organization.js';
import { patientRoutes } from './patients.js';
import { registryRoutes } from './registry.js';
import { ruleRoutes } from './rules.js';
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
    registryRoutes(),
    billingRoutes(),
    fhirRoutes(),
    schedulingRoutes(),
  ]) {
    app.route('/api', router);
  }
}
