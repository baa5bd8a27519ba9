// HTTP hardening: security headers, no-store on the API, Secure cookies behind TLS, the Origin check, error codes.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/errors.js';
import { createApp } from '../../src/http/app.js';
import { LoginThrottle } from '../../src/services/auth/login-throttle.js';
import { Client, PASSWORD, newTestOrg, patientBody, type TestOrg } from '../support/api.js';

/** The admin's session token sent as the browser would: the cookie, no Authorization header. */
const cookieOf = (org: TestOrg) => ({ cookie: `careloop_session=${org.admin.token}` });

async function patientCount(org: TestOrg, mrn: string): Promise<number> {
  const res = await org.admin.get(`/api/patients?clinicId=${org.clinicId}&q=${mrn}`);
  expect(res.status).toBe(200);
  return res.body.patients.length;
}

describe('security headers', () => {
  it('sends a same-origin CSP, nosniff and no framing on every reply', async () => {
    const org = await newTestOrg();
    for (const res of [await org.admin.get('/api/auth/me'), await org.anonymous.get('/api/nothing-here')]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('marks every API reply no-store: data, errors and unknown paths', async () => {
    const org = await newTestOrg();
    const created = await org.admin.post('/api/patients', patientBody(org.clinicId));
    for (const res of [
      created,
      await org.admin.get(`/api/patients/${created.body.id}`),
      await org.admin.get('/api/patients/00000000-0000-4000-8000-000000000000'),
      await org.anonymous.get('/api/auth/me'),
      await org.anonymous.get('/api/no-such-route'),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('the session cookie is Secure when the request came over TLS', () => {
  const loginVia = async (org: TestOrg, trustProxy: boolean, proto?: string) => {
    const app = createApp({
      db: org.db,
      logger: pino({ level: 'silent' }),
      throttle: new LoginThrottle(),
      sessionHours: 1,
      trustProxy,
    });
    const email = (await org.admin.get('/api/auth/me')).body.email;
    const res = await new Client(app).post(
      '/api/auth/login',
      { email, password: PASSWORD },
      proto ? { 'x-forwarded-proto': proto } : {},
    );
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie') ?? '';
  };

  it.each([
    { case: 'a trusted proxy says https', trustProxy: true, proto: 'https', secure: true },
    {
      case: 'a trusted proxy says https first in a chain',
      trustProxy: true,
      proto: 'https, http',
      secure: true,
    },
    { case: 'a trusted proxy says http', trustProxy: true, proto: 'http', secure: false },
    {
      case: 'X-Forwarded-Proto without CARELOOP_TRUST_PROXY is ignored',
      trustProxy: false,
      proto: 'https',
      secure: false,
    },
    { case: 'plain HTTP', trustProxy: false, proto: undefined, secure: false },
  ])('$case → Secure: $secure', async ({ trustProxy, proto, secure }) => {
    const org = await newTestOrg();
    const cookie = await loginVia(org, trustProxy, proto);
    expect(cookie).toMatch(/careloop_session=/);
    expect(/;\s*Secure/i.test(cookie)).toBe(secure);
  });
});

interface OriginCase {
  case: string;
  headers: Record<string, string>;
  bearer: boolean;
  ok: boolean;
}

describe('cookie-authenticated changes must come from this site', () => {
  it.each<OriginCase>([
    {
      case: 'Origin of another site, cookie',
      headers: { origin: 'https://evil.example' },
      bearer: false,
      ok: false,
    },
    {
      case: 'Origin "null" (sandboxed frame), cookie',
      headers: { origin: 'null' },
      bearer: false,
      ok: false,
    },
    {
      case: 'no Origin, Sec-Fetch-Site cross-site, cookie',
      headers: { 'sec-fetch-site': 'cross-site' },
      bearer: false,
      ok: false,
    },
    { case: 'same Origin, cookie', headers: { origin: 'http://localhost' }, bearer: false, ok: true },
    { case: 'no Origin (not a browser page), cookie', headers: {}, bearer: false, ok: true },
    {
      case: 'Origin of another site, bearer token',
      headers: { origin: 'https://evil.example' },
      bearer: true,
      ok: true,
    },
  ])('$case → allowed: $ok', async ({ headers, bearer, ok }) => {
    const org = await newTestOrg();
    const body = patientBody(org.clinicId);
    const res = await (bearer ? org.admin : org.anonymous).request('POST', '/api/patients', body, {
      ...(bearer ? {} : cookieOf(org)),
      ...headers,
    });
    if (ok) {
      expect(res.status).toBe(201);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.error.message).toMatch(/Origin/);
    }
    expect(await patientCount(org, body.mrn)).toBe(ok ? 1 : 0);
  });

  it('leaves reads with the cookie alone, whatever the Origin', async () => {
    const org = await newTestOrg();
    const res = await org.anonymous.request('GET', '/api/auth/me', undefined, {
      ...cookieOf(org),
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(200);
  });
});

describe('error contract', () => {
  it('answers a non-JSON body with 415 UNSUPPORTED_MEDIA_TYPE in the error body', async () => {
    const org = await newTestOrg();
    const res = await org.admin.request('POST', '/api/patients', 'mrn=1', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      issues: [{ field: 'content-type', reason: 'must be application/json' }],
    });
  });

  it.each(['/api/..', '/api', '/api/patients/../../x', '/no-such-page', '/api/%2e%2e/'])(
    'answers %s with a JSON 404 error body',
    async (path) => {
      const org = await newTestOrg();
      const res = await org.anonymous.get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', issues: [{ field: 'path' }] });
    },
  );

  it('documents every error code, 413, 415 and 429 included, in the OpenAPI document', async () => {
    const org = await newTestOrg();
    const doc = (await org.anonymous.get('/api/openapi.json')).body;
    const codes = doc.components.schemas.Error.properties.error.properties.code.enum;
    expect(codes).toEqual(Object.keys(ERROR_STATUS));
    expect(codes).toEqual(
      expect.arrayContaining(['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TOO_MANY_REQUESTS']),
    );
    const createPatient = doc.paths['/api/patients'].post.responses;
    expect(Object.keys(createPatient)).toEqual(expect.arrayContaining(['400', '401', '403', '413', '415']));
    expect(createPatient['415'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
  });
});
