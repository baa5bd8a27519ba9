// The one typed client for the Careloop API: same-origin fetch with the session cookie, errors as ApiError.
import type { AuditEventView } from '@server/services/audit/list-audit';
import type { SessionUser } from '@server/services/auth/login';
import type { Role } from '@server/services/actor';
import type {
  closeMonth,
  lockMonth,
  MonthPreview,
  reopenMonth,
} from '@server/services/billing/billing-month';
import type { ChargeScheduleView } from '@server/services/billing/charge-schedule';
import type { MonthClaims } from '@server/services/billing/claims';
import type { FinancialSummary } from '@server/services/billing/financial-summary';
import type { MedicationView } from '@server/services/care-plan/medications';
import type { NotesView, NoteView } from '@server/services/care-plan/notes';
import type {
  acknowledgeRecommendation,
  InboxStatus,
  RecommendationView,
} from '@server/services/case-reviews/recommendations';
import type { CaseReviewView } from '@server/services/case-reviews/record-case-review';
import type { ReviewQueueItem } from '@server/services/case-reviews/review-queue';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { ContactView } from '@server/services/contacts/contact-input';
import type { ContactLogView } from '@server/services/contacts/list-contacts';
import type { EpisodeView } from '@server/services/episodes/episode-view';
import type { EpisodeDetail } from '@server/services/read-models/episode-detail';
import type { PatientView } from '@server/services/patients/patient-input';
import type { CaseloadView } from '@server/services/registry/caseloads';
import type { RegistryRow } from '@server/services/registry/registry-view';
import type { RulePackWarning } from '@server/domain/billing/pack-selection';
import type { ScreeningListItem } from '@server/services/screenings/list-screenings';
import type { ScreeningView } from '@server/services/screenings/record-screening';
import type { completeWorklistItem, WorklistItem, WorklistStatus } from '@server/services/triage/worklist';
import type { assignWorklistItem } from '@server/services/worklist/assign-item';
import type { WorklistKind } from '@server/domain/worklist/lifecycle';

/** What the worklist page asks for: a tab and its filters. */
export interface WorklistFilter {
  status: WorklistStatus;
  mine?: boolean;
  overdue?: boolean;
  disposition?: WorklistKind;
}
import type { UserView } from '@server/services/users/create-user';
import type { IssuedResetCode } from '@server/services/users/reset-codes';
import type { errorBody } from '@server/http/errors';
import type { Issue } from '@server/errors';
import type {
  AuditQuery,
  BillingExport,
  CaseReviewInput,
  ChargeScheduleInput,
  ClinicInput,
  ClinicPatch,
  ConsentInput,
  ChangePasswordInput,
  WithdrawConsentInput,
  ContactInput,
  CorrectionInput,
  DuplicatesQuery,
  EpisodeInput,
  EpisodePatch,
  Json,
  MedicationInput,
  NoteInput,
  PatientInput,
  PatientQuery,
  RegistryQuery,
  RegistryRuleSet,
  Reply,
  ResetPasswordInput,
  ScreeningInput,
  StopMedicationInput,
  TriageRuleSet,
  UserInput,
  UserPatch,
  UserQuery,
} from './types';

type ErrorBody = ReturnType<typeof errorBody>;

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
    login: (email: string, password: string): Promise<{ token: string; user: SessionUser }> =>
      this.send('POST', '/api/auth/login', { email, password }),
    logout: (): Promise<void> => this.send('POST', '/api/auth/logout'),
    me: (): Promise<SessionUser> => this.get('/api/auth/me'),
    changePassword: (input: ChangePasswordInput): Promise<void> =>
      this.send('POST', '/api/auth/change-password', input),
    resetPassword: (input: ResetPasswordInput): Promise<void> =>
      this.send('POST', '/api/auth/reset-password', input),
  };

  readonly clinics = {
    list: (): Promise<{ clinics: ClinicView[] }> => this.get('/api/clinics'),
    create: (input: ClinicInput): Promise<ClinicView> => this.send('POST', '/api/clinics', input),
    update: (clinicId: string, input: ClinicPatch): Promise<ClinicView> =>
      this.send('PATCH', `/api/clinics/${enc(clinicId)}`, input),
    triageRules: (clinicId: string): Promise<TriageRuleSet> =>
      this.get(`/api/clinics/${enc(clinicId)}/triage-rules`),
    updateTriageRules: (
      clinicId: string,
      input: { version: number; rules: unknown },
    ): Promise<TriageRuleSet> => this.send('PUT', `/api/clinics/${enc(clinicId)}/triage-rules`, input),
    registryRules: (clinicId: string): Promise<RegistryRuleSet> =>
      this.get(`/api/clinics/${enc(clinicId)}/registry-rules`),
    updateRegistryRules: (
      clinicId: string,
      input: { version: number; rules: unknown },
    ): Promise<RegistryRuleSet> => this.send('PUT', `/api/clinics/${enc(clinicId)}/registry-rules`, input),
  };

  readonly users = {
    list: (query: UserQuery = {}): Promise<{ users: UserView[] }> => this.get('/api/users', { ...query }),
    create: (input: UserInput): Promise<UserView> => this.send('POST', '/api/users', input),
    update: (userId: string, input: UserPatch): Promise<UserView> =>
      this.send('PATCH', `/api/users/${enc(userId)}`, input),
    deactivate: (userId: string): Promise<UserView> =>
      this.send('POST', `/api/users/${enc(userId)}/deactivate`),
    reactivate: (userId: string): Promise<UserView> =>
      this.send('POST', `/api/users/${enc(userId)}/reactivate`),
    issueResetCode: (userId: string): Promise<IssuedResetCode> =>
      this.send('POST', `/api/users/${enc(userId)}/password-reset`),
  };

  readonly patients = {
    list: (query: PatientQuery, signal?: AbortSignal): Promise<{ patients: PatientView[] }> =>
      this.get('/api/patients', { ...query }, signal),
    get: (id: string): Promise<PatientView> => this.get(`/api/patients/${enc(id)}`),
    create: (input: PatientInput): Promise<PatientView> => this.send('POST', '/api/patients', input),
    duplicates: (query: DuplicatesQuery): Promise<{ candidates: PatientView[] }> =>
      this.get('/api/patients/duplicates', { ...query }),
  };

  readonly screenings = {
    list: (patientId: string): Promise<{ screenings: ScreeningListItem[] }> =>
      this.get(`/api/patients/${enc(patientId)}/screenings`),
    create: (patientId: string, input: ScreeningInput): Promise<ScreeningView> =>
      this.send('POST', `/api/patients/${enc(patientId)}/screenings`, input),
  };

  readonly worklist = {
    list: (
      query: WorklistFilter & { clinicId: string; limit?: number },
    ): Promise<{ items: WorklistItem[] }> =>
      this.get('/api/worklist', {
        clinicId: query.clinicId,
        status: query.status,
        ...(query.mine ? { mine: 'true' } : {}),
        ...(query.overdue ? { overdue: 'true' } : {}),
        ...(query.disposition ? { disposition: query.disposition } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
    done: (itemId: string, note: string): Promise<Reply<typeof completeWorklistItem>> =>
      this.send('POST', `/api/worklist/${enc(itemId)}/done`, { note }),
    assign: (itemId: string, ownerId: string | null): Promise<Reply<typeof assignWorklistItem>> =>
      this.send('POST', `/api/worklist/${enc(itemId)}/assign`, { ownerId }),
  };

  /** A file reply (an export) and the name the server suggests for it, else the fallback. */
  private async fetchFile(path: string, fallback: string): Promise<{ blob: Blob; filename: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { credentials: 'same-origin' });
    } catch {
      throw new ApiError(
        0,
        'NETWORK',
        'Could not reach the Careloop server. Check the connection and retry.',
      );
    }
    if (!response.ok) {
      let payload: unknown;
      try {
        payload = await response.json();
      } catch {
        payload = undefined;
      }
      const error = isErrorBody(payload)
        ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.issues ?? [])
        : new ApiError(response.status, 'HTTP_' + response.status, `The server answered ${response.status}.`);
      if (response.status === 401) for (const listener of this.unauthenticatedListeners) listener(error);
      throw error;
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const named = /filename="?([^";]+)"?/.exec(disposition)?.[1];
    return { blob: await response.blob(), filename: named ?? fallback };
  }

  readonly audit = {
    list: (query: AuditQuery): Promise<{ events: AuditEventView[]; nextBefore: number | null }> =>
      this.get('/api/audit', { ...query }),
  };

  readonly registry = {
    list: (
      query: RegistryQuery,
      signal?: AbortSignal,
    ): Promise<{ rows: RegistryRow[]; total: number; warnings: RulePackWarning[] }> =>
      this.get('/api/registry', { ...query }, signal),
    caseloads: (clinicId: string): Promise<{ caseloads: CaseloadView[]; unassigned: number }> =>
      this.get('/api/caseloads', { clinicId }),
    /** The whole filtered view as CSV (the server names the file by clinic and day). */
    downloadCsv: (
      query: Omit<RegistryQuery, 'limit' | 'offset'>,
    ): Promise<{ blob: Blob; filename: string }> =>
      this.fetchFile(`/api/registry.csv${queryString({ ...query })}`, 'registry.csv'),
  };

  readonly episodes = {
    forPatient: (patientId: string): Promise<{ episodes: EpisodeView[] }> =>
      this.get(`/api/patients/${enc(patientId)}/episodes`),
    get: (id: string): Promise<EpisodeDetail> => this.get(`/api/episodes/${enc(id)}`),
    enroll: (patientId: string, input: EpisodeInput): Promise<EpisodeView> =>
      this.send('POST', `/api/patients/${enc(patientId)}/episodes`, input),
    consent: (id: string, input: ConsentInput): Promise<EpisodeView> =>
      this.send('POST', `/api/episodes/${enc(id)}/consent`, input),
    withdrawConsent: (id: string, input: WithdrawConsentInput): Promise<EpisodeView> =>
      this.send('POST', `/api/episodes/${enc(id)}/consent/withdraw`, input),
    update: (id: string, patch: EpisodePatch): Promise<EpisodeView> =>
      this.send('PATCH', `/api/episodes/${enc(id)}`, patch),
    contacts: (id: string): Promise<ContactLogView> => this.get(`/api/episodes/${enc(id)}/contacts`),
    /** `idempotencyKey`: one per form submission, so a repeated click records one contact. */
    logContact: (id: string, input: ContactInput, idempotencyKey: string): Promise<ContactView> =>
      this.request('POST', `/api/episodes/${enc(id)}/contacts`, {
        body: input,
        headers: { 'idempotency-key': idempotencyKey },
      }),
    correctContact: (
      contactId: string,
      input: CorrectionInput,
    ): Promise<{ reversal: ContactView; replacement: ContactView | null }> =>
      this.send('POST', `/api/contacts/${enc(contactId)}/corrections`, input),
    addMedication: (id: string, input: MedicationInput): Promise<MedicationView> =>
      this.send('POST', `/api/episodes/${enc(id)}/medications`, input),
    stopMedication: (medicationId: string, input: StopMedicationInput): Promise<MedicationView> =>
      this.send('POST', `/api/medications/${enc(medicationId)}/stop`, input),
    notes: (id: string): Promise<NotesView> => this.get(`/api/episodes/${enc(id)}/notes`),
    addNote: (id: string, input: NoteInput): Promise<NoteView> =>
      this.send('POST', `/api/episodes/${enc(id)}/notes`, input),
    recordCaseReview: (id: string, input: CaseReviewInput): Promise<CaseReviewView> =>
      this.send('POST', `/api/episodes/${enc(id)}/case-reviews`, input),
  };

  readonly caseReviews = {
    queue: (query: { clinicId: string; consultantId?: string }): Promise<{ items: ReviewQueueItem[] }> =>
      this.get('/api/case-reviews/queue', query),
  };

  readonly recommendations = {
    list: (query: {
      status: InboxStatus;
      clinicId?: string;
      limit?: number;
    }): Promise<{ recommendations: RecommendationView[] }> => this.get('/api/recommendations', query),
    acknowledge: (id: string): Promise<Reply<typeof acknowledgeRecommendation>> =>
      this.send('POST', `/api/recommendations/${enc(id)}/acknowledge`, {}),
  };

  readonly billing = {
    preview: (month: string, clinicId: string): Promise<MonthPreview> =>
      this.get(`/api/billing/months/${enc(month)}/preview`, { clinicId }),
    claims: (month: string, clinicId: string): Promise<MonthClaims> =>
      this.get(`/api/billing/months/${enc(month)}/claims`, { clinicId }),
    close: (month: string, clinicId: string, confirmProvisional = false): Promise<Reply<typeof closeMonth>> =>
      this.request('POST', `/api/billing/months/${enc(month)}/close`, {
        query: { clinicId },
        ...(confirmProvisional ? { body: { confirmProvisional: true } } : {}),
      }),
    lock: (month: string, clinicId: string): Promise<Reply<typeof lockMonth>> =>
      this.request('POST', `/api/billing/months/${enc(month)}/lock`, { query: { clinicId } }),
    reopen: (month: string, clinicId: string, reason: string): Promise<Reply<typeof reopenMonth>> =>
      this.request('POST', `/api/billing/months/${enc(month)}/reopen`, {
        query: { clinicId },
        body: { reason },
      }),
    summary: (query: { clinicId: string; from: string; to: string }): Promise<FinancialSummary> =>
      this.get('/api/billing/summary', query),
    chargeSchedule: (): Promise<Json<ChargeScheduleView>> => this.get('/api/billing/charge-schedule'),
    saveChargeSchedule: (input: ChargeScheduleInput): Promise<Json<ChargeScheduleView>> =>
      this.send('PUT', '/api/billing/charge-schedule', input),
    /** An export of a closed month as a file (CSV, X12 837P or a FHIR bundle) and its suggested name. */
    download: async (
      month: string,
      clinicId: string,
      format: BillingExport,
    ): Promise<{ blob: Blob; filename: string }> => {
      const suffix = format === 'csv' ? 'claims.csv' : format === '837p' ? 'claims.837p' : 'claims.fhir.json';
      const fallback =
        format === 'csv'
          ? `careloop-claims-${month}.csv`
          : format === '837p'
            ? `careloop-837p-${month}.x12`
            : `careloop-claims-${month}.fhir.json`;
      return this.fetchFile(
        `/api/billing/months/${enc(month)}/${suffix}${queryString({ clinicId })}`,
        fallback,
      );
    },
  };
}
