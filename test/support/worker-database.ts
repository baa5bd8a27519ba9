// Opens and migrates the worker's database before its first test, so no test pays for the setup.
import { beforeAll } from 'vitest';
import { testDatabase } from './db.js';

beforeAll(async () => {
  await testDatabase();
});
