// TanStack Query bindings for the API client: query keys in one place, one hook per read or write.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { capabilitiesFrom } from './capabilities';
import type { ApiClient, WorklistFilter } from './client';
import { clinicMonthSchema } from '@server/domain/calendar';
import type { InboxStatus } from '@server/services/case-reviews/recommendations';
import type {
  AuditQuery,
  BillingExport,
  CaseReviewInput,
  ChargeScheduleInput,
  ClinicInput,
  ClinicPatch,
  ConsentInput,
  WithdrawConsentInput,
  ContactInput,
  CorrectionInput,
  EpisodeInput,
  EpisodePatch,
  MedicationInput,
  NoteInput,
  PatientInput,
  PatientQuery,
  RegistryQuery,
  ScreeningInput,
  UserInput,
  UserPatch,
  UserQuery,
  ChangePasswordInput,
  ResetPasswordInput,
  DuplicatesQuery,
} from './types';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = use(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiContext> provider');
  return api;
}

/** Query keys: invalidate by prefix (`['worklist']`) after a write. */
export const keys = {
  openapi: ['openapi'] as const,
  me: ['me'] as const,
  clinics: ['clinics'] as const,
  users: (query: UserQuery) => ['users', query] as const,
  patients: (query: PatientQuery) => ['patients', query] as const,
  patient: (id: string) => ['patient', id] as const,
  screenings: (patientId: string) => ['screenings', patientId] as const,
  worklist: (clinicId: string, filter: WorklistFilter) => ['worklist', clinicId, filter] as const,
  triageRules: (clinicId: string) => ['triage-rules', clinicId] as const,
  registryRules: (clinicId: string) => ['registry-rules', clinicId] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  registry: (query: RegistryQuery) => ['registry', query] as const,
  caseloads: (clinicId: string) => ['caseloads', clinicId] as const,
  patientEpisodes: (patientId: string) => ['episodes', patientId] as const,
  episode: (id: string) => ['episode', id] as const,
  contacts: (episodeId: string) => ['contacts', episodeId] as const,
  notes: (episodeId: string) => ['notes', episodeId] as const,
  reviewQueue: (clinicId: string) => ['review-queue', clinicId] as const,
  recommendations: (status: InboxStatus, clinicId: string) => ['recommendations', status, clinicId] as const,
  preview: (month: string, clinicId: string) => ['billing-preview', month, clinicId] as const,
  claims: (month: string, clinicId: string) => ['claims', month, clinicId] as const,
  summary: (clinicId: string, from: string, to: string) => ['billing-summary', clinicId, from, to] as const,
  chargeSchedule: ['charge-schedule'] as const,
};

/** Everything derived from episodes, contacts and reviews: re-read after any care write. */
const CARE_KEYS = [
  'registry',
  'caseloads',
  'episodes',
  'episode',
  'contacts',
  'notes',
  'review-queue',
  'recommendations',
  'billing-preview',
] as const;

function useInvalidateCare() {
  const client = useQueryClient();
  return () => Promise.all(CARE_KEYS.map((key) => client.invalidateQueries({ queryKey: [key] })));
}

export function useCapabilities() {
  const api = useApi();
  return useQuery({
    queryKey: keys.openapi,
    queryFn: async () => capabilitiesFrom(await api.system.openapi()),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useClinics(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: keys.clinics, queryFn: () => api.clinics.list(), enabled, staleTime: 60_000 });
}

export function useCreateClinic() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ClinicInput) => api.clinics.create(input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clinics }),
  });
}

export function useUpdateClinic() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ clinicId, input }: { clinicId: string; input: ClinicPatch }) =>
      api.clinics.update(clinicId, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clinics }),
  });
}

export function useUsers(query: UserQuery = {}, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: keys.users(query), queryFn: () => api.users.list(query), enabled });
}

export function useCreateUser() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UserInput) => api.users.create(input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Staff account changes by an admin: edit, deactivate, reactivate; each refreshes the staff lists. */
export function useUserAccount() {
  const api = useApi();
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ['users'] });
  return {
    update: useMutation({
      mutationFn: ({ userId, input }: { userId: string; input: UserPatch }) =>
        api.users.update(userId, input),
      onSuccess,
    }),
    deactivate: useMutation({ mutationFn: (userId: string) => api.users.deactivate(userId), onSuccess }),
    reactivate: useMutation({ mutationFn: (userId: string) => api.users.reactivate(userId), onSuccess }),
    issueResetCode: useMutation({ mutationFn: (userId: string) => api.users.issueResetCode(userId) }),
  };
}

export function useChangePassword() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ChangePasswordInput) => api.auth.changePassword(input) });
}

export function useResetPassword() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ResetPasswordInput) => api.auth.resetPassword(input) });
}

/** Patients of the clinic with this birth date and a similar name; runs once all three are filled. */
export function usePossibleDuplicates(query: DuplicatesQuery | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['patients', 'duplicates', query] as const,
    queryFn: () => api.patients.duplicates(query!),
    enabled: query !== null,
  });
}

export function usePatients(query: PatientQuery, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.patients(query),
    queryFn: ({ signal }) => api.patients.list(query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePatient(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.patient(id),
    queryFn: () => api.patients.get(id),
    enabled: enabled && id !== '',
  });
}

export function useCreatePatient() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PatientInput) => api.patients.create(input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['patients'] }),
  });
}

export function useScreenings(patientId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.screenings(patientId),
    queryFn: () => api.screenings.list(patientId),
    enabled,
  });
}

export function useRecordScreening(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ScreeningInput) => api.screenings.create(patientId, input),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.screenings(patientId) }),
        client.invalidateQueries({ queryKey: ['worklist'] }),
      ]);
    },
  });
}

/** The server returns at most 500 items per status; the table pages through them locally. */
export const WORKLIST_LIMIT = 500;

export function useWorklist(clinicId: string | null, filter: WorklistFilter) {
  const api = useApi();
  return useQuery({
    queryKey: keys.worklist(clinicId ?? '', filter),
    queryFn: () => api.worklist.list({ clinicId: clinicId ?? '', ...filter, limit: WORKLIST_LIMIT }),
    enabled: clinicId !== null,
  });
}

export function useAssignWorklistItem() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ownerId }: { itemId: string; ownerId: string | null }) =>
      api.worklist.assign(itemId, ownerId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['worklist'] }),
  });
}

export function useCompleteWorklistItem() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, note }: { itemId: string; note: string }) => api.worklist.done(itemId, note),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['worklist'] }),
        client.invalidateQueries({ queryKey: ['screenings'] }),
      ]);
    },
  });
}

export function useTriageRules(clinicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.triageRules(clinicId ?? ''),
    queryFn: () => api.clinics.triageRules(clinicId ?? ''),
    enabled: clinicId !== null,
  });
}

export function useUpdateTriageRules(clinicId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; rules: unknown }) =>
      api.clinics.updateTriageRules(clinicId, input),
    onSuccess: (data) => client.setQueryData(keys.triageRules(clinicId), data),
  });
}

export function useRegistryRules(clinicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.registryRules(clinicId ?? ''),
    queryFn: () => api.clinics.registryRules(clinicId ?? ''),
    enabled: clinicId !== null,
  });
}

/** Saving new thresholds changes every registry row's flags, so the registry is read again. */
export function useUpdateRegistryRules(clinicId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; rules: unknown }) =>
      api.clinics.updateRegistryRules(clinicId, input),
    onSuccess: (data) => {
      client.setQueryData(keys.registryRules(clinicId), data);
      void client.invalidateQueries({ queryKey: ['registry'] });
    },
  });
}

export function useAudit(query: AuditQuery) {
  const api = useApi();
  return useQuery({
    queryKey: keys.audit(query),
    queryFn: () => api.audit.list(query),
    placeholderData: keepPreviousData,
  });
}

/** The registry answers up to 5 000 rows per call; the table sorts and scrolls through them locally. */
export const REGISTRY_LIMIT = 5000;

export function useRegistry(query: RegistryQuery | null) {
  const api = useApi();
  const q = query ?? { clinicId: '' };
  return useQuery({
    queryKey: keys.registry(q),
    queryFn: ({ signal }) => api.registry.list({ limit: REGISTRY_LIMIT, ...q }, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCaseloads(clinicId: string | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.caseloads(clinicId ?? ''),
    queryFn: () => api.registry.caseloads(clinicId ?? ''),
    enabled: enabled && clinicId !== null,
  });
}

export function usePatientEpisodes(patientId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.patientEpisodes(patientId),
    queryFn: () => api.episodes.forPatient(patientId),
    enabled: enabled && patientId !== '',
  });
}

export function useEpisode(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.episode(id ?? ''),
    queryFn: () => api.episodes.get(id ?? ''),
    enabled: id !== null,
  });
}

export function useEnroll(patientId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (input: EpisodeInput) => api.episodes.enroll(patientId, input),
    onSuccess: invalidate,
  });
}

export function useRecordConsent(episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (input: ConsentInput) => api.episodes.consent(episodeId, input),
    onSuccess: invalidate,
  });
}

export function useWithdrawConsent(episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (input: WithdrawConsentInput) => api.episodes.withdrawConsent(episodeId, input),
    onSuccess: invalidate,
  });
}

export function useUpdateEpisode(episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (patch: EpisodePatch) => api.episodes.update(episodeId, patch),
    onSuccess: invalidate,
  });
}

export function useContacts(episodeId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.contacts(episodeId ?? ''),
    queryFn: () => api.episodes.contacts(episodeId ?? ''),
    enabled: episodeId !== null,
  });
}

export function useLogContact(episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ContactInput; idempotencyKey: string }) =>
      api.episodes.logContact(episodeId, input, idempotencyKey),
    onSuccess: invalidate,
  });
}

export function useCorrectContact() {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: ({ contactId, input }: { contactId: string; input: CorrectionInput }) =>
      api.episodes.correctContact(contactId, input),
    onSuccess: invalidate,
  });
}

export function useAddMedication(episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (input: MedicationInput) => api.episodes.addMedication(episodeId, input),
    onSuccess: invalidate,
  });
}

export function useStopMedication() {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: ({
      medicationId,
      stoppedOn,
      note,
    }: {
      medicationId: string;
      stoppedOn: string;
      note?: string;
    }) => api.episodes.stopMedication(medicationId, { stoppedOn, ...(note ? { note } : {}) }),
    onSuccess: invalidate,
  });
}

export function useNotes(episodeId: string | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.notes(episodeId ?? ''),
    queryFn: () => api.episodes.notes(episodeId ?? ''),
    enabled: enabled && episodeId !== null,
  });
}

export function useAddNote(episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (input: NoteInput) => api.episodes.addNote(episodeId, input),
    onSuccess: invalidate,
  });
}

export function useReviewQueue(clinicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.reviewQueue(clinicId ?? ''),
    queryFn: () => api.caseReviews.queue({ clinicId: clinicId ?? '' }),
    enabled: clinicId !== null,
  });
}

export function useRecordCaseReview() {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: ({ episodeId, input }: { episodeId: string; input: CaseReviewInput }) =>
      api.episodes.recordCaseReview(episodeId, input),
    onSuccess: invalidate,
  });
}

export function useRecommendations(status: InboxStatus, clinicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.recommendations(status, clinicId ?? ''),
    queryFn: () => api.recommendations.list({ status, ...(clinicId ? { clinicId } : {}), limit: 500 }),
  });
}

export function useAcknowledge() {
  const api = useApi();
  const invalidate = useInvalidateCare();
  return useMutation({
    mutationFn: (id: string) => api.recommendations.acknowledge(id),
    onSuccess: invalidate,
  });
}

const isMonth = (month: string) => clinicMonthSchema.safeParse(month).success;

export function useBillingPreview(month: string, clinicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.preview(month, clinicId ?? ''),
    queryFn: () => api.billing.preview(month, clinicId ?? ''),
    enabled: clinicId !== null && isMonth(month),
  });
}

export function useMonthClaims(month: string, clinicId: string | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.claims(month, clinicId ?? ''),
    queryFn: () => api.billing.claims(month, clinicId ?? ''),
    enabled: enabled && clinicId !== null && isMonth(month),
  });
}

/** Close, lock or reopen a month; every billing read of the clinic is re-read after. */
export function useMonthAction(month: string, clinicId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'close'; confirmProvisional?: boolean }
        | { kind: 'lock' }
        | { kind: 'reopen'; reason: string },
    ) => {
      switch (action.kind) {
        case 'close':
          return api.billing.close(month, clinicId, action.confirmProvisional);
        case 'lock':
          return api.billing.lock(month, clinicId);
        case 'reopen':
          return api.billing.reopen(month, clinicId, action.reason);
      }
    },
    onSuccess: () =>
      Promise.all(
        ['billing-preview', 'claims', 'billing-summary'].map((key) =>
          client.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}

export function useBillingSummary(clinicId: string | null, from: string, to: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.summary(clinicId ?? '', from, to),
    queryFn: () => api.billing.summary({ clinicId: clinicId ?? '', from, to }),
    enabled: clinicId !== null && isMonth(from) && isMonth(to),
    placeholderData: keepPreviousData,
  });
}

export function useDownloadClaims(month: string, clinicId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async (format: BillingExport) => {
      const { blob, filename } = await api.billing.download(month, clinicId, format);
      return saveFile(blob, filename);
    },
  });
}

/** Hands a fetched file to the browser's download. */
function saveFile(blob: Blob, filename: string): string {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}

/** The registry's current filtered view as a CSV file. */
export function useDownloadRegistryCsv() {
  const api = useApi();
  return useMutation({
    mutationFn: async (query: Omit<RegistryQuery, 'limit' | 'offset'>) => {
      const { blob, filename } = await api.registry.downloadCsv(query);
      return saveFile(blob, filename);
    },
  });
}

export function useChargeSchedule() {
  const api = useApi();
  return useQuery({ queryKey: keys.chargeSchedule, queryFn: () => api.billing.chargeSchedule() });
}

/** Replace the charge schedule; claims (their charges) are re-read after. */
export function useSaveChargeSchedule() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChargeScheduleInput) => api.billing.saveChargeSchedule(input),
    onSuccess: (saved) => {
      client.setQueryData(keys.chargeSchedule, saved);
      return client.invalidateQueries({ queryKey: ['claims'] });
    },
  });
}
