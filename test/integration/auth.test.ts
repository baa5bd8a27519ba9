// Sign-in, sessions, throttling, and the role declared on every route.
import { describe, expect, it } from 'vitest';
import { Client, PASSWORD, newTestOrg } from '../support/api.js';

describe('sign-in and sessions', () => {
  it('signs in with email and password, and the bearer token and cookie both authenticate', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const me = await cm.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['care_manager']);
    expect(me.body.clinicIds).toEqual([org.clinicId]);

    const email = me.body.email;
    const login = await org.anonymous.post('/api/auth/login', { email, password: PASSWORD });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/careloop_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const viaCookie = await org.anonymous.request('GET', '/api/auth/me', undefined, {
      cookie: cookie.split(';')[0]!,
    });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses a wrong password with 401 and the error body, without saying which part was wrong', async () => {
    const org = await newTestOrg();
    const me = await org.admin.get('/api/auth/me');
    const res = await org.anonymous.post('/api/auth/login', {
      email: me.body.email,
      password: 'wrong-password-123',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    const unknown = await org.anonymous.post('/api/auth/login', {
      email: 'nobody@test.careloop',
      password: 'x',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(res.body.error.message);
  });

  it('throttles repeated failures for one email with 429', async () => {
    const org = await newTestOrg();
    const me = await org.admin.get('/api/auth/me');
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await org.anonymous.post('/api/auth/login', {
            email: me.body.email,
            password: 'wrong-password-123',
          })
        ).status,
      ).toBe(401);
    }
    const locked = await org.anonymous.post('/api/auth/login', { email: me.body.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('logout ends the session', async () => {
    const org = await newTestOrg();
    const ma = await org.user(['medical_assistant']);
    expect((await ma.post('/api/auth/logout')).status).toBe(204);
    const after = await ma.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 without credentials and for a made-up token', async () => {
    const org = await newTestOrg();
    expect((await org.anonymous.get('/api/patients')).status).toBe(401);
    expect((await new Client(org.app, 'not-a-token').get('/api/patients')).status).toBe(401);
  });

  it('validates the login body with field paths', async () => {
    const org = await newTestOrg();
    const res = await org.anonymous.post('/api/auth/login', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'email',
      'password',
    ]);
  });
});

describe('every route declares its roles', () => {
  it('each /api route of the app is documented in OpenAPI with a non-empty x-roles', async () => {
    const org = await newTestOrg();
    const doc = (await org.anonymous.get('/api/openapi.json')).body;
    const documented = new Map<string, unknown>();
    for (const [path, ops] of Object.entries<Record<string, { 'x-roles'?: unknown }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops))
        documented.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op['x-roles']);
    }
    const routes = org.app.routes.filter(
      (r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json',
    );
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => {
        const roles = documented.get(key);
        return !(roles === 'public' || roles === 'any' || (Array.isArray(roles) && roles.length > 0));
      });
    expect(missing).toEqual([]);
  });
});
