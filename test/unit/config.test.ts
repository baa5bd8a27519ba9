// Configuration: when the demo organization (published passwords) is seeded, and production detection.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const ADMIN = { CARELOOP_ADMIN_EMAIL: 'ops@clinic.test', CARELOOP_ADMIN_PASSWORD: 'a-long-admin-password' };

describe('the demo organization is seeded only when asked for or when no admin is configured', () => {
  it.each([
    { rule: 'nothing configured: `npm start` shows the demo', env: {}, demo: true },
    { rule: 'CARELOOP_DEMO empty counts as unset', env: { CARELOOP_DEMO: '' }, demo: true },
    { rule: 'an admin is configured: no demo beside it', env: ADMIN, demo: false },
    {
      rule: 'an admin and CARELOOP_DEMO=1: both, as asked',
      env: { ...ADMIN, CARELOOP_DEMO: '1' },
      demo: true,
    },
    { rule: 'CARELOOP_DEMO=0 without an admin: nothing', env: { CARELOOP_DEMO: '0' }, demo: false },
    { rule: 'CARELOOP_DEMO=0 with an admin: nothing', env: { ...ADMIN, CARELOOP_DEMO: '0' }, demo: false },
  ])('$rule', ({ env, demo }) => {
    expect(loadConfig(env).demo).toBe(demo);
  });

  it.each([
    { env: { NODE_ENV: 'production' }, production: true },
    { env: { NODE_ENV: 'development' }, production: false },
    { env: {}, production: false },
  ])('NODE_ENV=$env.NODE_ENV is production: $production', ({ env, production }) => {
    expect(loadConfig(env).production).toBe(production);
  });
});
