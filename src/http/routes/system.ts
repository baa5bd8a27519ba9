// Liveness for load balancers and the CLI.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';

export function systemRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/health',
      roles: 'public',
      summary: 'Liveness: 200 once the server accepts requests',
      tags: ['system'],
      response: z.object({ status: z.literal('ok') }),
    },
    () => ({ status: 'ok' as const }),
  );
  return router;
}
