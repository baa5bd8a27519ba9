// Starts Careloop: opens and migrates the database, seeds on first start, serves API and web app.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { createApp } from './http/app.js';
import { createLogger } from './logger.js';
import { LoginThrottle } from './services/auth/login-throttle.js';
import { createOrganization, hasAnyUser } from './services/orgs/create-organization.js';
import { seedDemo, DEMO_SIGN_IN } from './sim/demo.js';

export function databaseTarget(config: Config) {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir };
}

/** First start: the configured admin, and the demo organization only when `config.demo` asks for it. */
async function seedEmptyDatabase(
  handle: DatabaseHandle,
  config: Config,
  say: (line: string) => void,
): Promise<void> {
  if (await hasAnyUser(handle.db)) return;
  if (config.admin) {
    await createOrganization(handle.db, {
      orgName: config.orgName,
      clinicName: config.clinicName,
      timeZone: config.timeZone,
      admin: { email: config.admin.email, name: 'Administrator', password: config.admin.password },
    });
    say(`Created organization "${config.orgName}" with admin ${config.admin.email}.`);
  }
  if (config.demo) {
    const started = Date.now();
    await seedDemo(handle.db, { seed: 1, pgPool: handle.pgPool });
    say(`Seeded the DEMO organization (fake patients) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    say(`Demo sign-in: ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password} (every role: see README).`);
  }
}

export async function startServer(config: Config): Promise<{ close(): Promise<void>; url: string }> {
  const logger = createLogger(config.logLevel);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (config.demo && config.production) {
    // The demo's passwords are published in the README: a production deployment must not carry them.
    const warning =
      'WARNING: NODE_ENV=production with the DEMO organization enabled. Its accounts use a published ' +
      'password. Set CARELOOP_DEMO=0 and CARELOOP_ADMIN_EMAIL/CARELOOP_ADMIN_PASSWORD for a real deployment.';
    logger.warn({ demo: true, production: true }, warning);
    process.stderr.write(`\n${'!'.repeat(78)}\n${warning}\n${'!'.repeat(78)}\n\n`);
  }
  const handle = await openDatabase(databaseTarget(config), { notice: (line) => logger.warn(line) });
  await migrateToLatest(handle.db);
  await seedEmptyDatabase(handle, config, say);
  const webDir = resolve('web/dist');
  const app = createApp({
    db: handle.db,
    logger,
    throttle: new LoginThrottle(),
    sessionHours: config.sessionHours,
    trustProxy: config.trustProxy,
    ...(existsSync(resolve(webDir, 'index.html')) ? { webDir } : {}),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  const url = `http://${config.host}:${config.port}`;
  say(
    `Careloop is serving ${url} on ${handle.engine === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'} (pid ${process.pid}).`,
  );
  return {
    url,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await handle.close();
    },
  };
}
