// The one typed client for the Careloop API: same-origin fetch with the session cookie, errors as ApiError.
import type {
  AuditEvent,
  AuditQuery,
  Clinic,
  ErrorBody,
  MonthClaims,
  Issue,
  Patient,
  PatientInput,
  PatientQuery,
  RegistryQuery,
  RegistryRow,
  Role,
  Screening,
  ScreeningInput,
  ScreeningResult,
  StaffMember,
  User,
  UserInput,
  VersionedRules,
  WorklistItem,
  WorklistStatus,
} from './types';

/** A refused or failed request; `issues[].field` names the offending input path (`answers.8`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];

  constructor(status: number, code: string, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type QueryValue = string | number | boolean | undefined | null;

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The OpenAPI document the server publishes; the app reads paths and `x-roles` from it. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, { 'x-roles'?: 'public' | 'any' | Role[]; parameters?: unknown[] }>>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

export class ApiClient {
  private readonly baseUrl: string;
  private readonly unauthenticatedListeners = new Set<(error: ApiError) => void>();

  constructor(baseUrl = '') {
    this.baseUrl = baseUrl;
  }

  /** Called whenever a request (other than sign-in) answers 401: the session is gone. */
  onUnauthenticated(listener: (error: ApiError) => void): () => void {
    this.unauthenticatedListeners.add(listener);
    return () => this.unauthenticatedListeners.delete(listener);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}${queryString(options.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(
        0,
        'NETWORK',
        'Could not reach the Careloop server. Check the connection and retry.',
      );
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let payload: unknown = undefined;
    if (text) {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
    }
    if (!response.ok) {
      const error = isErrorBody(payload)
        ? new ApiError(
            response.status,
            payload.error.code,
            payload.error.message,
            Array.isArray(payload.error.issues) ? payload.error.issues : [],
          )
        : new ApiError(response.status, 'HTTP_' + response.status, `The server answered ${response.status}.`);
      if (response.status === 401 && path !== '/api/auth/login') {
        for (const listener of this.unauthenticatedListeners) listener(error);
      }
      throw error;
    }
    return payload as T;
  }

  private get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, body === undefined ? {} : { body });
  }

  readonly system = {
    openapi: (): Promise<OpenApiDoc> => this.get('/api/openapi.json'),
  };

  readonly auth = {
    login: (email: string, password: string): Promise<{ token: string; user: User }> =>
      this.send('POST', '/api/auth/login', { email, password }),
    logout: (): Promise<void> => this.send('POST', '/api/auth/logout'),
    me: (): Promise<User> => this.get('/api/auth/me'),
  };

  readonly clinics = {
    list: (): Promise<{ clinics: Clinic[] }> => this.get('/api/clinics'),
    create: (input: { name: string; timezone: string }): Promise<Clinic> =>
      this.send('POST', '/api/clinics', input),
    triageRules: (clinicId: string): Promise<VersionedRules> =>
      this.get(`/api/clinics/${enc(clinicId)}/triage-rules`),
    updateTriageRules: (
      clinicId: string,
      input: { version: number; rules: unknown },
    ): Promise<VersionedRules> => this.send('PUT', `/api/clinics/${enc(clinicId)}/triage-rules`, input),
  };

  readonly users = {
    list: (query: { role?: Role; clinicId?: string } = {}): Promise<{ users: StaffMember[] }> =>
      this.get('/api/users', query),
    create: (input: UserInput): Promise<StaffMember> => this.send('POST', '/api/users', input),
  };

  readonly patients = {
    list: (query: PatientQuery, signal?: AbortSignal): Promise<{ patients: Patient[] }> =>
      this.get('/api/patients', { ...query }, signal),
    get: (id: string): Promise<Patient> => this.get(`/api/patients/${enc(id)}`),
    create: (input: PatientInput): Promise<Patient> => this.send('POST', '/api/patients', input),
  };

  readonly screenings = {
    list: (patientId: string): Promise<{ screenings: Screening[] }> =>
      this.get(`/api/patients/${enc(patientId)}/screenings`),
    create: (patientId: string, input: ScreeningInput): Promise<ScreeningResult> =>
      this.send('POST', `/api/patients/${enc(patientId)}/screenings`, input),
  };

  readonly worklist = {
    list: (query: {
      clinicId: string;
      status: WorklistStatus;
      limit?: number;
    }): Promise<{ items: WorklistItem[] }> => this.get('/api/worklist', query),
    done: (itemId: string, note?: string): Promise<{ id: string; status: 'done'; completedAt: string }> =>
      this.send('POST', `/api/worklist/${enc(itemId)}/done`, note ? { note } : {}),
  };

  readonly audit = {
    list: (query: AuditQuery): Promise<{ events: AuditEvent[]; nextBefore: number | null }> =>
      this.get('/api/audit', { ...query }),
  };

  /** Announced in api.md; the registry screen is shown only once the server publishes the route. */
  readonly registry = {
    list: (query: RegistryQuery): Promise<{ rows: RegistryRow[]; total?: number }> =>
      this.get('/api/registry', { ...query }),
  };

  /** Announced in api.md; the billing screen is shown only once the server publishes the route. */
  readonly billing = {
    claims: (month: string, clinicId: string): Promise<MonthClaims> =>
      this.get(`/api/billing/months/${enc(month)}/claims`, { clinicId }),
  };
}
