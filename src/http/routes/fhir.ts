// FHIR R4 read endpoints (application/fhir+json): Patient and screening Observations; errors as OperationOutcome.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { observationSearch, readFhirPatient, searchObservations } from '../../services/fhir/read-fhir.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from '../params.js';
import { CLINICAL } from './screenings.js';

const fhirJson = (c: Context<AppEnv>, resource: unknown) =>
  c.body(JSON.stringify(resource), 200, { 'Content-Type': 'application/fhir+json' });

export function fhirRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  const tags = ['fhir'];
  defineRoute(
    r,
    {
      method: 'get',
      path: '/fhir/Patient/{id}',
      roles: CLINICAL,
      summary: 'FHIR R4 Patient',
      tags,
      params: idParam,
      produces: 'application/fhir+json',
    },
    async ({ c, deps, actor, params }) =>
      fhirJson(c, await readFhirPatient({ db: deps.db, actor, patientId: params.id })),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/fhir/Observation',
      roles: CLINICAL,
      summary: 'FHIR R4 search: a patient’s screening Observations (panel, items, total)',
      tags,
      query: observationSearch,
      produces: 'application/fhir+json',
    },
    async ({ c, deps, actor, query }) => fhirJson(c, await searchObservations({ db: deps.db, actor, query })),
  );
  return r;
}
