// Declares a route once: path, roles, input schemas and reply; validation, docs and role checks follow.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Actor } from '../services/actor.js';
import { requireRoles, type RouteRoles } from './auth.js';
import type { AppDeps, AppEnv } from './env.js';
import { refuseBadText } from './text-guard.js';

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

/** An error reply in the OpenAPI document: the one error body (`Error`, registered by the app). */
const errorReply = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export interface RouteSpec<P, Q, B> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  roles: RouteRoles;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** The body may be left out (then the handler sees `{}`). */
  bodyOptional?: boolean;
  status?: 200 | 201 | 204;
  response?: Schema;
  /** Content type of a non-JSON reply (CSV, FHIR JSON), documented in OpenAPI. */
  produces?: string;
}

export interface HandlerArgs<P, Q, B> {
  c: Context<AppEnv>;
  deps: AppDeps;
  actor: Actor;
  /** The request's clock, read once at the edge: every use case judges "now" by it (deps.now in tests). */
  now: Date;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  router: OpenAPIHono<AppEnv>,
  spec: RouteSpec<P, Q, B>,
  handler: (args: HandlerArgs<P, Q, B>) => Promise<unknown> | unknown,
): void {
  const status = spec.status ?? 200;
  const route = createRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    middleware: [requireRoles(spec.roles), refuseBadText({ body: spec.body !== undefined })] as const,
    security: spec.roles === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
    'x-roles': spec.roles,
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body
        ? {
            body: {
              required: !spec.bodyOptional,
              content: { 'application/json': { schema: spec.body as never } },
            },
          }
        : {}),
    },
    responses: {
      [status]: {
        description: spec.summary,
        ...(spec.response ? { content: { 'application/json': { schema: spec.response as never } } } : {}),
        ...(spec.produces ? { content: { [spec.produces]: { schema: { type: 'string' } } } } : {}),
      },
      ...(spec.roles === 'public'
        ? {}
        : {
            401: errorReply('UNAUTHENTICATED: not signed in'),
            403: errorReply(
              'FORBIDDEN: role not allowed, or a cookie-authenticated change from another site',
            ),
          }),
      400: errorReply('VALIDATION_FAILED: { error: { code, message, issues: [{ field, reason }] } }'),
      ...(spec.body
        ? {
            413: errorReply('PAYLOAD_TOO_LARGE: the body is larger than 1 MiB'),
            415: errorReply('UNSUPPORTED_MEDIA_TYPE: the body is not application/json'),
          }
        : {}),
    },
  });
  const run = async (c: Context<AppEnv>) => {
    const valid = (target: string): unknown => c.req.valid(target as never);
    const result = await handler({
      c,
      deps: c.var.deps,
      actor: c.var.actor,
      now: c.var.deps.now?.() ?? new Date(),
      params: (spec.params ? valid('param') : undefined) as Out<P>,
      query: (spec.query ? valid('query') : undefined) as Out<Q>,
      body: (spec.body ? valid('json') : undefined) as Out<B>,
    });
    if (result instanceof Response) return result;
    if (status === 204) return c.body(null, 204);
    return c.json(result as object, status);
  };
  router.openapi(route, run as never);
}
