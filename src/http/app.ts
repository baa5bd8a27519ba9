// Builds the HTTP app: middleware, error mapping, the API routers, OpenAPI, and the web app.
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError, ERROR_STATUS, zodIssues } from '../errors.js';
import type { AppDeps, AppEnv } from './env.js';
import { errorBody, handleError } from './errors.js';
import { registerRoutes } from './routes/index.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw AppError.validation(zodIssues(result.error));
    },
  });

  // The request id is always the server's own: a client's X-Request-Id could be forged into the audit
  // trail. A usable one (64 word characters at most) is kept apart for correlation.
  app.use('*', requestId({ headerName: '' }));
  app.use('*', async (c, next) => {
    const sent = c.req.header('x-request-id');
    c.set('clientRequestId', sent && /^[\w.:=-]{1,64}$/.test(sent) ? sent : undefined);
    c.header('X-Request-Id', c.var.requestId);
    await next();
  });
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    // Route patterns only: paths and query strings can carry identifiers or names.
    deps.logger.info(
      {
        requestId: c.var.requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    '*',
    secureHeaders({
      // Only this origin: the built web app is same-origin scripts, styles, images and API calls.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Measured in Chromium: Mantine injects <style> elements and style attributes at run time; with
        // style-src 'self' alone the signed-in page reported 3 violations and lost its layout. Scripts stay 'self'.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
    }),
  );
  // API replies carry patient data: no browser or proxy may keep a copy.
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          errorBody('PAYLOAD_TOO_LARGE', 'The request body is larger than 1 MiB.', [
            { field: 'body', reason: 'too large' },
          ]),
          413,
        ),
    }),
  );

  registerRoutes(app);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Careloop API',
      version: '1',
      description:
        'Behavioral health integration (Collaborative Care) for primary care. Every operation lists its roles in x-roles.',
    },
  });
  app.openAPIRegistry.registerComponent('schemas', 'Error', {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'issues'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
          message: { type: 'string' },
          issues: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'reason'],
              properties: { field: { type: 'string' }, reason: { type: 'string' } },
            },
          },
        },
      },
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'careloop_session',
  });

  // JSON for every path, whatever it looks like once normalized (`/api/..` is `/`).
  app.notFound((c) =>
    c.json(errorBody('NOT_FOUND', 'No such endpoint.', [{ field: 'path', reason: 'no route matches' }]), 404),
  );
  app.onError(handleError);

  if (deps.webDir) serveWebApp(app, deps.webDir);
  return app;
}

/** The single-page app: static assets, and index.html for every client-side route. */
function serveWebApp(app: OpenAPIHono<AppEnv>, webDir: string): void {
  const root = relative(process.cwd(), webDir) || '.';
  const indexHtml = readFileSync(join(webDir, 'index.html'), 'utf8');
  app.use('/assets/*', serveStatic({ root }));
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(indexHtml)));
}
