// A real `careloop serve` on the embedded database: owner-only files, and no demo beside a configured admin.
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_IN } from '../../src/sim/demo.js';
import { freePort, stop, waitForHealth } from '../support/serve-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'ops@first-start.careloop.test', password: 'first-start-admin-2026' };
// A fresh PGlite directory runs initdb; on a busy two-core machine a start can take minutes.
const START_MS = 600_000;

interface Run {
  output: string;
  /** Status of signing in with the demo's published admin password while the server ran. */
  demoSignIn: number;
  adminSignIn: number;
}

async function signIn(url: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

/** Starts `careloop serve` on `dataDir`, signs in as the admin (a write) and as the demo admin, and stops it. */
async function serve(dataDir: string, env: Record<string, string>): Promise<Run> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CARELOOP_DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: '',
      CARELOOP_DEMO: '',
      CARELOOP_ADMIN_EMAIL: ADMIN.email,
      CARELOOP_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  try {
    await waitForHealth(url, child, () => output, START_MS / 2);
    return {
      output,
      adminSignIn: await signIn(url, ADMIN.email, ADMIN.password),
      demoSignIn: await signIn(url, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password),
    };
  } finally {
    await stop(child);
  }
}

/** Every entry under `dir` (itself included) whose mode lets anyone but the owner in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    const mode = stat.mode & 0o777;
    if (stat.isDirectory() ? mode !== 0o700 : (mode & 0o077) !== 0) {
      found.push(`${path.slice(dir.length) || '/'} ${mode.toString(8)}`);
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

function countEntries(dir: string): number {
  return readdirSync(dir, { recursive: true }).length;
}

describe('first start on the embedded database', () => {
  let dataDir: string;
  let first: Run;

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'careloop-first-start-')), 'data');
    first = await serve(dataDir, {});
  }, START_MS);

  afterAll(async () => {
    await rm(resolve(dataDir, '..'), { recursive: true, force: true });
  });

  it('creates the data directory and every file in it owner-only (0700/0600)', () => {
    expect(countEntries(dataDir)).toBeGreaterThan(100);
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('creates the configured admin and no demo organization beside it, and prints no demo sign-in', () => {
    expect(first.output).toContain(`with admin ${ADMIN.email}`);
    expect(first.output).not.toContain(DEMO_SIGN_IN.password);
    expect(first.adminSignIn).toBe(200);
    expect(first.demoSignIn).toBe(401);
  });

  it(
    'restricts an existing directory open to everyone, saying so, and warns loudly of the demo in production',
    async () => {
      const openUp = (path: string) => {
        const isDir = lstatSync(path).isDirectory();
        chmodSync(path, isDir ? 0o777 : 0o666);
        if (isDir) for (const name of readdirSync(path)) openUp(join(path, name));
      };
      openUp(dataDir);
      expect(openToOthers(dataDir).length).toBe(countEntries(dataDir) + 1);

      const again = await serve(dataDir, { NODE_ENV: 'production', CARELOOP_DEMO: '1' });
      expect(again.output).toMatch(/Restricted \d+ files and directories in .* to their owner/);
      expect(again.output).toMatch(/WARNING: NODE_ENV=production with the DEMO organization enabled/);
      // The database was not empty, so nothing was seeded and no sign-in is printed.
      expect(again.output).not.toContain(DEMO_SIGN_IN.password);
      expect(again.adminSignIn).toBe(200);
      expect(openToOthers(dataDir)).toEqual([]);
    },
    START_MS,
  );
});
