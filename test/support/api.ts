// Drives the real app through app.request(): a fresh organization per test, signed-in users by role.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createApp } from '../../src/http/app.js';
import type { Role } from '../../src/services/actor.js';
import { LoginThrottle } from '../../src/services/auth/login-throttle.js';
import { createOrganization } from '../../src/services/orgs/create-organization.js';
import { insertUser } from '../../src/services/users/create-user.js';
import { testDatabase } from './db.js';

export const PASSWORD = 'correct-horse-battery';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  constructor(
    private readonly app: ReturnType<typeof createApp>,
    readonly token?: string,
    /** The client address the server sees (sign-in back-off is per address); app.request has no socket. */
    readonly address = '127.0.0.1',
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await this.app.request(
      path,
      {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      },
      { incoming: { socket: { remoteAddress: this.address } } },
    );
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (CSV, HTML): keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('POST', path, body ?? {}, headers);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
}

export interface TestOrg {
  app: ReturnType<typeof createApp>;
  db: Awaited<ReturnType<typeof testDatabase>>['db'];
  orgId: string;
  clinicId: string;
  admin: Client;
  anonymous: Client;
  /** Creates a user with these roles in these clinics (default: the first clinic) and signs them in. */
  user(roles: Role[], clinicIds?: string[]): Promise<Client & { id: string }>;
  addClinic(name?: string, timezone?: string): Promise<string>;
}

/** `now`: the clock contact logging and month close judge by, to reach a day the system clock has not. */
export async function newTestOrg(options: { timeZone?: string; now?: () => Date } = {}): Promise<TestOrg> {
  const { db } = await testDatabase();
  const app = createApp({
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    throttle: new LoginThrottle(),
    sessionHours: 1,
    ...(options.now ? { now: options.now } : {}),
  });
  const suffix = randomUUID().slice(0, 8);
  // Each organization signs in from its own address, so one test's failed sign-ins never slow another's.
  const address = `fd00::${suffix.slice(0, 4)}:${suffix.slice(4)}`;
  const anonymous = new Client(app, undefined, address);
  const adminEmail = `admin-${suffix}@test.careloop`;
  const org = await createOrganization(db, {
    orgName: `Test org ${suffix}`,
    clinicName: 'Test clinic',
    timeZone: options.timeZone ?? 'America/New_York',
    admin: { email: adminEmail, name: 'Test Admin', password: PASSWORD },
  });
  const signIn = async (email: string) => {
    const res = await anonymous.post('/api/auth/login', { email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
    return new Client(app, res.body.token, address);
  };
  const admin = await signIn(adminEmail);
  let n = 0;
  return {
    app,
    db,
    orgId: org.orgId,
    clinicId: org.clinicId,
    admin,
    anonymous,
    async user(roles, clinicIds = [org.clinicId]) {
      const email = `${roles.join('-')}-${++n}-${suffix}@test.careloop`;
      const user = await insertUser(db, org.orgId, {
        email,
        name: `${roles.join(' ')} ${n}`,
        password: PASSWORD,
        roles,
        clinicIds,
      });
      return Object.assign(await signIn(email), { id: user.id });
    },
    async addClinic(name = 'Second clinic', timezone = 'America/Chicago') {
      const res = await admin.post('/api/clinics', { name, timezone });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body.id as string;
    },
  };
}

let mrnCounter = 0;
export function patientBody(clinicId: string, overrides: Record<string, unknown> = {}) {
  return {
    clinicId,
    mrn: `MRN${Date.now().toString(36)}${++mrnCounter}`,
    givenName: 'Test',
    familyName: 'Patient',
    birthDate: '1970-05-01',
    sex: 'female',
    coverage: { payer: 'medicare' },
    ...overrides,
  };
}
