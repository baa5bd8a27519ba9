// The real server for the contact-logging figure, in its own process: `createApp` over the configured
// PostgreSQL, served by @hono/node-server on loopback only, with request logging as in production.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { openDatabase } from '../../src/db/connection.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { LoginThrottle } from '../../src/services/auth/login-throttle.js';

process.once('message', (input) => {
  void (async () => {
    const handle = await openDatabase({ databaseUrl: (input as { databaseUrl: string }).databaseUrl });
    const app = createApp({
      db: handle.db,
      logger: createLogger('info'),
      throttle: new LoginThrottle(),
      sessionHours: 1,
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((ok, fail) => {
      server.once('listening', ok);
      server.once('error', fail);
    });
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
    process.once('message', () => {
      // The load generator's keep-alive sockets would hold close() open.
      setImmediate(() => (server as Server).closeAllConnections());
      server.close(() => {
        void handle
          .close()
          .then(() =>
            process.send!({ rssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }, () =>
              process.exit(0),
            ),
          );
      });
    });
  })();
});
