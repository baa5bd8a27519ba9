// TanStack Query bindings for the API client: query keys in one place, one hook per read or write.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { capabilitiesFrom } from './capabilities';
import type { ApiClient } from './client';
import type {
  AuditQuery,
  PatientInput,
  PatientQuery,
  RegistryQuery,
  Role,
  ScreeningInput,
  UserInput,
  WorklistStatus,
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
  users: (query: { role?: Role; clinicId?: string }) => ['users', query] as const,
  patients: (query: PatientQuery) => ['patients', query] as const,
  patient: (id: string) => ['patient', id] as const,
  screenings: (patientId: string) => ['screenings', patientId] as const,
  worklist: (clinicId: string, status: WorklistStatus) => ['worklist', clinicId, status] as const,
  triageRules: (clinicId: string) => ['triage-rules', clinicId] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  registry: (query: RegistryQuery) => ['registry', query] as const,
  claims: (month: string, clinicId: string) => ['claims', month, clinicId] as const,
};

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
    mutationFn: (input: { name: string; timezone: string }) => api.clinics.create(input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clinics }),
  });
}

export function useUsers(query: { role?: Role; clinicId?: string } = {}, enabled = true) {
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

export function useWorklist(clinicId: string | null, status: WorklistStatus) {
  const api = useApi();
  return useQuery({
    queryKey: keys.worklist(clinicId ?? '', status),
    queryFn: () => api.worklist.list({ clinicId: clinicId ?? '', status, limit: WORKLIST_LIMIT }),
    enabled: clinicId !== null,
  });
}

export function useCompleteWorklistItem() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, note }: { itemId: string; note?: string }) => api.worklist.done(itemId, note),
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

export function useAudit(query: AuditQuery) {
  const api = useApi();
  return useQuery({
    queryKey: keys.audit(query),
    queryFn: () => api.audit.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useRegistry(query: RegistryQuery | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.registry(query ?? { clinicId: '' }),
    queryFn: () => api.registry.list(query ?? { clinicId: '' }),
    enabled: query !== null,
  });
}

export function useMonthClaims(month: string, clinicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.claims(month, clinicId ?? ''),
    queryFn: () => api.billing.claims(month, clinicId ?? ''),
    enabled: clinicId !== null && /^\d{4}-\d{2}$/.test(month),
  });
}
