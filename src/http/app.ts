// Builds the HTTP app: middleware, error mapping, the API routers, OpenAPI, and the web app.
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError, zodIssues } from '../errors.js';
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
  app.use('*', secureHeaders());
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
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'careloop_session',
  });

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json(
          errorBody('NOT_FOUND', 'No such endpoint.', [{ field: 'path', reason: 'no route matches' }]),
          404,
        )
      : c.text('Not found', 404),
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
