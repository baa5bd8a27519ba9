// The data-directory lock under racing starts: exactly one process wins, on a fresh, stale or PID-reused lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireDataDirLock } from '../../src/db/data-dir-lock.js';

const CONTENDERS = 5;
// Each contender is a Node process with tsx: seconds apiece on a busy two-core machine.
const RACE_MS = 300_000;
const started: ChildProcess[] = [];

interface Contender {
  child: ChildProcess;
  /** Resolves with the contender's first line after "ready" ("won" or "busy …"). */
  outcome: Promise<string>;
  ready: Promise<void>;
}

function contender(dataDir: string): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/lock-contender.ts', dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  started.push(child);
  let out = '';
  let onReady!: () => void;
  let onOutcome!: (line: string) => void;
  const ready = new Promise<void>((ok) => (onReady = ok));
  const outcome = new Promise<string>((ok) => (onOutcome = ok));
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    if (lines.includes('ready')) onReady();
    const result = lines.find((l) => l === 'won' || l.startsWith('busy'));
    if (result) onOutcome(result);
  });
  return { child, ready, outcome };
}

/** Starts the contenders, lets them all reach the lock at once, and returns what each got. */
async function race(dataDir: string, n = CONTENDERS): Promise<{ outcomes: string[]; all: Contender[] }> {
  const all = Array.from({ length: n }, () => contender(dataDir));
  await Promise.all(all.map((c) => c.ready));
  for (const c of all) c.child.stdin!.write('go\n');
  return { outcomes: await Promise.all(all.map((c) => c.outcome)), all };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) =>
    child.exitCode !== null || child.signalCode ? done() : child.once('exit', () => done()),
  );

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exited(child);
  return child.pid!;
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
});

describe('data-directory lock', () => {
  it(
    'lets exactly one of several racing processes take a fresh directory',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'careloop-lock-'));
      const { outcomes, all } = await race(dir);
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      const winner = all[outcomes.indexOf('won')]!;
      // A loser names the winner, or "another process" when it looked before the winner wrote its note.
      for (const o of outcomes.filter((o) => o !== 'won')) {
        expect(o).toMatch(new RegExp(`in use by (process ${winner.child.pid} on |another process)`));
      }
      await rm(dir, { recursive: true, force: true });
    },
    RACE_MS,
  );

  it.each([
    { lock: 'left by a crashed process (its PID now unused)', note: async () => String(await deadPid()) },
    {
      // The previous lock format, a bare PID: here one that a live, unrelated process holds now.
      lock: 'naming a PID that another live process now has',
      note: async () => String(process.pid),
    },
  ])(
    'takes over a lock file $lock, exactly one winner among racers',
    async ({ note }) => {
      const dir = await mkdtemp(join(tmpdir(), 'careloop-lock-'));
      for (let round = 0; round < 2; round++) {
        await writeFile(join(dir, LOCK_FILE), await note());
        const { outcomes } = await race(dir);
        expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
        for (const child of started.splice(0)) {
          child.kill('SIGKILL');
          await exited(child);
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
    RACE_MS,
  );

  it(
    'is free again the moment its holder is killed, and refuses this process while held',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'careloop-lock-'));
      const { outcomes, all } = await race(dir, 1);
      expect(outcomes).toEqual(['won']);
      expect(() => acquireDataDirLock(dir)).toThrow(/in use by process \d+/);
      all[0]!.child.kill('SIGKILL');
      await exited(all[0]!.child);
      const lock = acquireDataDirLock(dir);
      lock.release();
      await rm(dir, { recursive: true, force: true });
    },
    RACE_MS,
  );
});
