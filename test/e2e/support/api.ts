// Seeds what a test needs through the public HTTP API: its own clinic, staff and patients.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export const STAFF_PASSWORD = 'e2e-staff-password-2026';

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<Api> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    return new Api(baseUrl, body.token);
  }

  /** The bootstrap admin the global setup created. */
  static admin(): Promise<Api> {
    return Api.signIn(inject('baseUrl'), inject('adminEmail'), inject('adminPassword'));
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface Staff {
  id: string;
  email: string;
  name: string;
  password: string;
}

export interface Seeded {
  clinic: { id: string; name: string; timezone: string };
  staff(role: string, name: string): Promise<Staff>;
  /** `extra` adds fields to the patient (e.g. `pcpId`, `coverage`). */
  patient(
    givenName: string,
    familyName: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; mrn: string }>;
}

/** A fresh clinic for one test file, so worklists and searches see only what the test made. */
export async function seedClinic(admin: Api, label: string): Promise<Seeded> {
  const suffix = randomUUID().slice(0, 8);
  const clinic = await admin.request<Seeded['clinic']>('POST', '/api/clinics', {
    name: `${label} ${suffix}`,
    timezone: 'America/New_York',
  });
  let mrn = 0;
  return {
    clinic,
    staff: async (role, name) => {
      const email = `${role.replaceAll('_', '-')}.${suffix}.${randomUUID().slice(0, 4)}@e2e.careloop.test`;
      const user = await admin.request<{ id: string }>('POST', '/api/users', {
        email,
        name,
        password: STAFF_PASSWORD,
        roles: [role],
        clinicIds: [clinic.id],
      });
      return { id: user.id, email, name, password: STAFF_PASSWORD };
    },
    patient: async (givenName, familyName, extra = {}) => {
      mrn += 1;
      const patient = await admin.request<{ id: string; mrn: string }>('POST', '/api/patients', {
        clinicId: clinic.id,
        mrn: `E2E-${suffix}-${mrn}`,
        givenName,
        familyName,
        birthDate: '1980-04-12',
        sex: 'female',
        ...extra,
      });
      return patient;
    },
  };
}
