// A process that races for the data-directory lock: says "ready", waits for "go", tries, reports, holds until stdin ends.
import { createInterface } from 'node:readline';
import { acquireDataDirLock, DataDirBusyError } from '../../src/db/data-dir-lock.js';

const dataDir = process.argv[2]!;
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', () => {
  try {
    acquireDataDirLock(dataDir);
    process.stdout.write('won\n');
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    process.stdout.write(`busy ${error.message}\n`);
  }
});
lines.once('close', () => process.exit(0));
