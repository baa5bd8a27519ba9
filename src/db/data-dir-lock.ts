// An exclusive OS lock on the embedded data directory, so two processes never open it at once.
import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';

export interface DataDirLock {
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `The database in ${dataDir} is in use by ${holder} (probably \`careloop serve\`). ` +
        'Stop it first, or use the HTTP API while it runs.',
    );
  }
}

export const LOCK_FILE = 'careloop.lock';

/** Who holds the lock, from the note its holder wrote (it may be mid-write: then "another process"). */
function describeHolder(path: string): string {
  try {
    const note = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof note.pid === 'number' && typeof note.host === 'string') {
      return `process ${note.pid} on ${note.host}`;
    }
  } catch {
    // an empty or half-written note
  }
  return 'another process';
}

/**
 * The kernel holds the lock (Linux: an open-file-description lock, elsewhere flock or LockFileEx) and
 * drops it when its holder exits or crashes, so there is no stale lock to recognize and no take-over
 * race: a file left by a dead process, whatever PID it names, is simply locked again. The file is
 * never deleted, because deleting it would let a process lock a new file while another still holds
 * the old one. Its content is only a note naming the holder, for the busy message.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
  let granted = false;
  try {
    granted = tryLock(fd);
  } finally {
    if (!granted) closeSync(fd);
  }
  if (!granted) throw new DataDirBusyError(dataDir, describeHolder(path));
  ftruncateSync(fd, 0);
  writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }), 0);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      unlock(fd);
      closeSync(fd);
    },
  };
}
