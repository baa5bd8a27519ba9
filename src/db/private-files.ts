// Keeps the embedded database's files readable and writable by their owner only: they hold patient data.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The process umask for every file the server writes: 0700 directories, 0600 files. */
export const OWNER_ONLY_UMASK = 0o077;

/**
 * Makes `dir` and every directory under it 0700 and every file owner-only, and returns how many
 * entries it changed. Needed even under the umask: PGlite's initdb writes its files 0666 explicitly,
 * and a directory from an earlier version (or copied in) may be open to every local user.
 * Symbolic links are left alone (chmod would follow them out of the directory).
 */
export function restrictToOwner(dir: string): number {
  let changed = 0;
  // Each directory is fixed before it is read: one left without its owner's x bit could not be.
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory() ? (stat.mode & 0o777) !== 0o700 : (stat.mode & 0o077) !== 0) {
      chmodSync(path, stat.isDirectory() ? 0o700 : stat.mode & 0o700);
      changed++;
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return changed;
}
