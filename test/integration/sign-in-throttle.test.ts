// Sign-in back-off kept in the database: it holds for parallel guesses and across server processes, per
// account and per address, and it grows per failure instead of locking anyone out.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { LoginThrottle } from '../../src/services/auth/login-throttle.js';
import { Client, PASSWORD, newTestOrg } from '../support/api.js';
import { testDatabase } from '../support/db.js';

const WRONG = 'wrong-password-123';

/** Another server process on the same database: its own app and its own throttle object. */
async function secondProcess(address: string) {
  const { db } = await testDatabase();
  const app = createApp({
    db,
    logger: pino({ level: 'silent' }),
    throttle: new LoginThrottle(),
    sessionHours: 1,
  });
  return new Client(app, undefined, address);
}

describe('sign-in back-off', () => {
  it('checks only the free attempts of 20 parallel guesses; the rest are told to wait', async () => {
    const org = await newTestOrg();
    const email = (await org.admin.get('/api/auth/me')).body.email;
    const guesses = await Promise.all(
      Array.from({ length: 20 }, () => org.anonymous.post('/api/auth/login', { email, password: WRONG })),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const refused = guesses.find((g) => g.status === 429)!;
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts failures made through another process, for the account from any address', async () => {
    const org = await newTestOrg();
    const email = (await org.admin.get('/api/auth/me')).body.email;
    const other = await secondProcess(`fd01::${randomUUID().slice(0, 4)}`);
    for (let i = 0; i < 5; i++)
      expect((await other.post('/api/auth/login', { email, password: WRONG })).status).toBe(401);
    expect((await org.anonymous.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(429);
  });

  it('backs off an address guessing many accounts, and only that address', async () => {
    const org = await newTestOrg();
    const guesser = await secondProcess(`fd02::${randomUUID().slice(0, 4)}`);
    for (let i = 0; i < 5; i++) {
      const email = `nobody-${i}-${randomUUID().slice(0, 6)}@test.careloop`;
      expect((await guesser.post('/api/auth/login', { email, password: WRONG })).status).toBe(401);
    }
    const email = (await org.admin.get('/api/auth/me')).body.email;
    expect((await guesser.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(429);
    expect((await org.anonymous.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });

  it.each([
    [4, 0, 'four failures in a row are free'],
    [5, 30_000, 'the fifth brings a 30-second wait'],
    [6, 60_000, 'each further failure doubles it'],
    [8, 240_000, 'eight failures wait 4 minutes'],
    [10, 900_000, 'the wait stops growing at 15 minutes'],
    [40, 900_000, 'and stays there'],
  ])('after %i failures the wait is %i ms (%s)', (failures, wait) => {
    expect(new LoginThrottle().waitAfter(failures)).toBe(wait);
  });

  it('is a wait, not a lock: after the back-off one more attempt is admitted, and success starts over', async () => {
    const { db } = await testDatabase();
    const throttle = new LoginThrottle();
    const keys = [`email:${randomUUID()}@test.careloop`, `addr:${randomUUID()}`];
    let now = new Date('2026-12-03T10:00:00Z');
    for (let i = 0; i < 5; i++) expect(await throttle.admit(db, keys, now)).toBe(0);
    expect(await throttle.admit(db, keys, now)).toBe(30_000);
    now = new Date(now.getTime() + 30_000);
    expect(await throttle.admit(db, keys, now)).toBe(0);
    expect(await throttle.admit(db, keys, now)).toBe(60_000);
    now = new Date(now.getTime() + 60_000);
    expect(await throttle.admit(db, keys, now)).toBe(0);
    await throttle.succeeded(db, keys[0]!, [keys[1]!]);
    expect(await throttle.admit(db, [keys[0]!], now)).toBe(0);
  });
});
