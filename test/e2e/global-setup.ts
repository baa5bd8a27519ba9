// Starts `careloop serve` on a free port with a fresh data dir and a bootstrap admin; stops it afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, stop, waitForHealth } from '../support/serve-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN_EMAIL = 'admin@e2e.careloop.test';
const ADMIN_PASSWORD = 'e2e-admin-password-2026';
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) {
    throw new Error('The web app is not built: run `npm run build:web` before `npm run test:e2e`.');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'careloop-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  // node --import tsx directly (not npx) so `child.pid` is the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CARELOOP_DATA_DIR: dataDir,
      CARELOOP_DEMO: '0',
      CARELOOP_ADMIN_EMAIL: ADMIN_EMAIL,
      CARELOOP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CARELOOP_CLINIC_NAME: 'E2E Main Clinic',
      CARELOOP_TIMEZONE: 'America/New_York',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('adminEmail', ADMIN_EMAIL);
  project.provide('adminPassword', ADMIN_PASSWORD);

  return async () => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
}
