// Fuzzes every write route the served OpenAPI document lists (so a new route is fuzzed without touching
// this file): bounded, seeded requests built from each route's own schemas, then bent out of shape. No
// reply may be a 5xx, every refusal follows the error contract, and a refused request changes no row.
import { sql } from 'kysely';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/errors.js';
import { ROLES } from '../../src/services/actor.js';
import { newTestOrg, patientBody, type Client, type TestOrg } from '../support/api.js';

/** Requests per route; the whole run stays near two thousand requests on each database. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** Signing out would end the fuzzing user's own session; sign-out is covered by the auth tests. */
const SKIPPED = new Set(['post /api/auth/logout']);
/** Audit rows a refusal itself writes (a failed sign-in, a denied access): every other row is a change. */
const REFUSAL_ACTIONS = ['auth.login_failed', 'access.denied'];

type JsonSchema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/**
 * Valid values of fields whose rule the schema cannot state (a time zone, an ICD-10 code, an NPI check
 * digit), so that generated requests get past them to the use cases.
 */
const HINTS: Record<string, unknown[]> = {
  timezone: ['America/New_York', 'America/Chicago', 'Pacific/Honolulu'],
  diagnoses: [['F32.1'], ['F41.1', 'F32.1']],
  npi: ['1234567893'],
  billingNpi: ['1245319599'],
  taxId: ['12-3456789'],
  state: ['NY', 'CA'],
  postalCode: ['12180', '12207-1001'],
  password: ['correct-horse-battery-staple'],
  answers: [
    [1, 2, 1, 0, 1, 2, 3, 1, 0],
    [1, 1],
    [0, 1, 2, 3, 0, 1, 2],
  ],
};

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '',
    ' ',
    '=1+1',
    '../..',
    "'; drop table x; --",
  ),
  fc.constant('x'.repeat(5000)),
);

/** Anything JSON can carry, for a field that expects something else. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** Values shaped by a JSON schema (with ids from the organization), bent out of shape now and then. */
function valueFor(schema: JsonSchema, ids: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  // Mostly well-shaped, so a bad value usually travels with valid neighbours and reaches the use case.
  return fc.oneof({ arbitrary: shaped(schema, ids, depth), weight: 40 }, { arbitrary: junk, weight: 1 });
}

function shaped(schema: JsonSchema, ids: readonly string[], depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return junk;
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s: JsonSchema) => shaped(s, ids, depth + 1)));
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => shaped({ ...schema, type }, ids, depth)));
  switch (types[0] ?? 'any') {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 100_000;
      return fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        fc.constantFrom(min - 1, max + 1, 0.5),
      );
    }
    case 'string':
      return stringFor(schema, ids);
    case 'array':
      return fc.array(valueFor(schema.items ?? {}, ids, depth + 1), { maxLength: 4 });
    case 'object':
      return objectFor(schema, ids, depth);
    default:
      return junk;
  }
}

function stringFor(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  const text = (() => {
    switch (schema.format) {
      case 'uuid':
        return fc.oneof(
          { arbitrary: fc.constantFrom(...ids), weight: 4 },
          { arbitrary: fc.uuid(), weight: 1 },
        );
      case 'date-time':
        return fc.integer({ min: -3, max: 400 }).map((d) => daysAgo(d));
      case 'date':
        return fc.integer({ min: -3, max: 400 }).map((d) => daysAgo(d).slice(0, 10));
      case 'email':
        return fc.emailAddress();
      default:
        return schema.pattern
          ? fc.stringMatching(new RegExp(schema.pattern))
          : fc.string({
              minLength: schema.minLength ?? 0,
              maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 30, 30)),
            });
    }
  })();
  // A valid value with text no field may hold slipped in, or odd text instead.
  return fc.oneof(
    { arbitrary: text, weight: 40 },
    {
      arbitrary: fc
        .tuple(text, fc.constantFrom('\u0000', '\uD800', '\uDC00'))
        .map(([t, bad]) => `${t}${bad}`),
      weight: 1,
    },
    { arbitrary: oddText, weight: 1 },
  );
}

function objectFor(schema: JsonSchema, ids: readonly string[], depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.fromEntries(
    Object.entries(properties).map(([key, s]) => [
      key,
      // A required field is sometimes missing, an optional one sometimes present.
      fc.option(
        HINTS[key]
          ? fc.oneof({ arbitrary: fc.constantFrom(...HINTS[key]), weight: 3 }, valueFor(s, ids, depth + 1))
          : valueFor(s, ids, depth + 1),
        { freq: required.has(key) ? 12 : 2, nil: undefined },
      ),
    ]),
  );
  return fc
    .tuple(
      fc.record(fields),
      fc.option(fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 2 }), { freq: 6 }),
    )
    .map(([record, extra]) => {
      const out: Record<string, unknown> = { ...(extra ?? {}) };
      for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
      return out;
    });
}

const urlSafe = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return 'x'; // a lone surrogate cannot be put in a URL at all
  }
};

/** Path parameters: mostly ids of the organization's records, sometimes anything. */
function paramFor(name: string, ids: readonly string[]): fc.Arbitrary<string> {
  const real =
    name === 'month'
      ? fc.constantFrom('2026-10', '2026-13', '1999-01', daysAgo(0).slice(0, 7))
      : fc.constantFrom(...ids);
  return fc.oneof({ arbitrary: real, weight: 4 }, { arbitrary: oddText.map(urlSafe), weight: 1 });
}

function requestFor(op: Operation, ids: readonly string[], pools: Map<string, string[]>) {
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  const body = op.requestBody?.content['application/json']?.schema;
  return fc
    .record({
      params: fc.tuple(
        ...params.map((p) => {
          const resource = op.path.split(`/{${p.name}}`)[0]!.split('/').pop()!;
          return paramFor(p.name, pools.get(resource) ?? ids);
        }),
      ),
      query: fc.tuple(
        ...query.map((p) =>
          fc.option(valueFor(p.schema, ids), { freq: p.required ? 12 : 2, nil: undefined }),
        ),
      ),
      body: body ? valueFor(body, ids) : fc.constant(undefined),
    })
    .map(({ params: values, query: queryValues, body: value }) => {
      let path = op.path;
      params.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i]!)));
      const search = new URLSearchParams();
      query.forEach((p, i) => {
        const v = queryValues[i];
        if (v !== undefined) search.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
      });
      const qs = search.toString();
      return { path: qs ? `${path}?${qs}` : path, body: value };
    });
}

/** One statement counting the organization's rows in every table, and its audit rows of changes. */
async function rowCounter(org: TestOrg) {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'org_id' and table_name <> 'audit_events'
    order by table_name`.execute(org.db);
  const counts = tables.rows.map((t) =>
    sql`(select count(*) from ${sql.table(t.table_name)} where org_id = ${org.orgId})`.as(t.table_name),
  );
  return async (): Promise<Record<string, number>> => {
    const row = await sql<Record<string, number>>`select ${sql.join(counts)},
      (select count(*) from audit_events where org_id = ${org.orgId}
        and action <> all(${REFUSAL_ACTIONS})) as audit_of_changes`.execute(org.db);
    return row.rows[0]!;
  };
}

function assertErrorContract(status: number, body: any, context: string) {
  expect(body?.error, context).toBeTypeOf('object');
  const { code, message, issues } = body.error;
  expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], context).toBe(status);
  expect(message, context).toBeTypeOf('string');
  expect(Array.isArray(issues), context).toBe(true);
  for (const issue of issues) {
    expect(issue.field, context).toBeTypeOf('string');
    expect(issue.reason, context).toBeTypeOf('string');
  }
}

/** An organization with one of each record, so generated ids often point at something real. */
async function populatedOrg() {
  const org = await newTestOrg();
  const [pcp, cm, psych, everyone] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
    org.user([...ROLES]),
  ]);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id;
  const episode = await cm.post(`/api/patients/${patientId}/episodes`, {
    program: 'cocm',
    referredAt: daysAgo(60),
    billingPractitionerId: pcp.id,
    careManagerId: cm.id,
    psychiatricConsultantId: psych.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
    consent: { obtainedAt: daysAgo(59), method: 'verbal', obtainedBy: cm.id },
  });
  const episodeId = episode.body.id;
  const steps = [
    await pcp.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [2, 2, 2, 2, 2, 2, 2, 2, 1],
      administeredAt: daysAgo(50),
    }),
    await cm.post(`/api/episodes/${episodeId}/contacts`, {
      occurredAt: daysAgo(40),
      minutes: 30,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
    }),
    await psych.post(`/api/episodes/${episodeId}/case-reviews`, {
      reviewedAt: daysAgo(30),
      consultantId: psych.id,
      minutes: 15,
      notes: 'Review.',
      recommendations: [{ kind: 'medication_change', text: 'Titrate.' }],
    }),
    await pcp.post(`/api/episodes/${episodeId}/medications`, {
      name: 'Sertraline',
      startedOn: daysAgo(20).slice(0, 10),
    }),
  ];
  for (const step of [episode, ...steps]) expect(step.status, JSON.stringify(step.body)).toBe(201);
  // Path ids by the resource before them (`/episodes/{id}` takes an episode's id), any id elsewhere.
  const pools = new Map<string, string[]>([
    ['clinics', [org.clinicId]],
    ['users', [pcp.id, cm.id, psych.id, everyone.id]],
  ]);
  for (const [resource, table] of [
    ['patients', 'patients'],
    ['episodes', 'episodes'],
    ['contacts', 'contacts'],
    ['worklist', 'triage_items'],
    ['recommendations', 'recommendations'],
    ['medications', 'medications'],
  ] as const) {
    const rows = await org.db.selectFrom(table).select('id').where('org_id', '=', org.orgId).execute();
    pools.set(
      resource,
      rows.map((r) => r.id),
    );
  }
  return { org, client: everyone as Client, ids: [...pools.values()].flat(), pools };
}

const { doc } = await (async () => {
  const org = await newTestOrg();
  return { doc: (await org.anonymous.get('/api/openapi.json')).body };
})();
const writeOperations: Operation[] = Object.entries<Record<string, Operation>>(doc.paths).flatMap(
  ([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ ...op, method, path: path.replace(/^\/api/, '') }))
      .filter((op) => !SKIPPED.has(`${op.method} /api${op.path}`)),
);

describe('fuzzing every write route', () => {
  let setup: Awaited<ReturnType<typeof populatedOrg>>;
  beforeAll(async () => {
    setup = await populatedOrg();
  });

  it('covers the write routes of the OpenAPI document', () => {
    expect(writeOperations.length).toBeGreaterThan(20);
  });

  it.each(writeOperations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s: no 5xx, the error contract, and nothing changed by a refusal',
    async (_name, op) => {
      const { org, client, ids, pools } = setup;
      const counts = await rowCounter(org);
      let before = await counts();
      await fc.assert(
        fc.asyncProperty(requestFor(op, ids, pools), async ({ path, body }) => {
          const res = await client.request(
            op.method.toUpperCase(),
            `/api${path}`,
            body ?? (op.requestBody ? null : undefined),
          );
          const context = `${op.method} ${path} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          expect(res.status, context).toBeLessThan(500);
          const after = await counts();
          if (res.status >= 400) {
            assertErrorContract(res.status, res.body, context);
            expect(after, context).toEqual(before);
          }
          before = after;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
  );
});
