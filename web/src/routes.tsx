// The page map: one entry per route, with the API operations it needs. The nav menu, the home redirect
// and the "not allowed" guard all read this table, so adding a page is adding one entry here.
import {
  IconAdjustments,
  IconAdjustmentsHorizontal,
  IconBuildingHospital,
  IconClipboardHeart,
  IconHistory,
  IconInbox,
  IconListCheck,
  IconStethoscope,
  IconReceipt,
  IconTable,
  IconUsers,
  IconUser,
} from '@tabler/icons-react';
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Operation } from './api/capabilities';
import type { Role } from '@server/services/actor';

export interface PageRoute {
  /** react-router path pattern. */
  path: string;
  /** Page name (document title, "not allowed" text). */
  title: string;
  /** Present: listed in the menu under this section. */
  nav?: {
    label: string;
    section: 'Care' | 'Admin';
    icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  };
  /**
   * API operations the page cannot work without. The page is listed and opened only when the server
   * publishes every one of them and the user's roles may call each (read from /api/openapi.json).
   */
  needs: Operation[];
  /** Roles for which this page is the start page (first match in table order wins). */
  homeFor?: Role[];
  page: LazyExoticComponent<ComponentType>;
}

export const PAGE_ROUTES: PageRoute[] = [
  {
    path: '/registry',
    title: 'Registry',
    nav: { label: 'Registry', section: 'Care', icon: IconTable },
    needs: ['GET /api/registry'],
    homeFor: ['care_manager'],
    page: lazy(() => import('./pages/RegistryPage')),
  },
  {
    path: '/case-review',
    title: 'Case review',
    nav: { label: 'Case review', section: 'Care', icon: IconStethoscope },
    needs: ['GET /api/case-reviews/queue', 'POST /api/episodes/{id}/case-reviews'],
    homeFor: ['psychiatric_consultant'],
    page: lazy(() => import('./pages/CaseReviewPage')),
  },
  {
    path: '/inbox',
    title: 'Inbox',
    nav: { label: 'Inbox', section: 'Care', icon: IconInbox },
    needs: ['GET /api/recommendations', 'POST /api/recommendations/{id}/acknowledge'],
    homeFor: ['pcp'],
    page: lazy(() => import('./pages/InboxPage')),
  },
  {
    path: '/screen',
    title: 'Screen a patient',
    nav: { label: 'Screen a patient', section: 'Care', icon: IconClipboardHeart },
    needs: ['GET /api/patients', 'POST /api/patients/{id}/screenings'],
    homeFor: ['medical_assistant'],
    page: lazy(() => import('./pages/ScreeningPage')),
  },
  {
    path: '/worklist',
    title: 'Worklist',
    nav: { label: 'Worklist', section: 'Care', icon: IconListCheck },
    needs: ['GET /api/worklist'],
    homeFor: ['pcp', 'care_manager', 'psychiatric_consultant'],
    page: lazy(() => import('./pages/WorklistPage')),
  },
  {
    path: '/patients',
    title: 'Patients',
    nav: { label: 'Patients', section: 'Care', icon: IconUser },
    needs: ['GET /api/patients'],
    homeFor: ['front_desk'],
    page: lazy(() => import('./pages/PatientsPage')),
  },
  {
    path: '/patients/:patientId',
    title: 'Patient',
    needs: ['GET /api/patients/{id}'],
    page: lazy(() => import('./pages/PatientPage')),
  },
  {
    path: '/billing',
    title: 'Billing',
    nav: { label: 'Billing', section: 'Care', icon: IconReceipt },
    needs: ['GET /api/billing/months/{month}/preview', 'GET /api/billing/months/{month}/claims'],
    homeFor: ['billing'],
    page: lazy(() => import('./pages/BillingPage')),
  },
  {
    path: '/admin/clinics',
    title: 'Clinics',
    nav: { label: 'Clinics', section: 'Admin', icon: IconBuildingHospital },
    needs: ['GET /api/clinics', 'POST /api/clinics'],
    homeFor: ['admin'],
    page: lazy(() => import('./pages/AdminClinicsPage')),
  },
  {
    path: '/admin/users',
    title: 'Staff',
    nav: { label: 'Staff', section: 'Admin', icon: IconUsers },
    needs: ['GET /api/users', 'POST /api/users'],
    page: lazy(() => import('./pages/AdminUsersPage')),
  },
  {
    path: '/account/password',
    title: 'Change my password',
    needs: ['POST /api/auth/change-password'],
    page: lazy(() => import('./pages/ChangePasswordPage')),
  },
  {
    path: '/admin/triage-rules',
    title: 'Triage rules',
    nav: { label: 'Triage rules', section: 'Admin', icon: IconAdjustments },
    needs: ['GET /api/clinics/{id}/triage-rules', 'PUT /api/clinics/{id}/triage-rules'],
    page: lazy(() => import('./pages/AdminTriageRulesPage')),
  },
  {
    path: '/admin/registry-rules',
    title: 'Registry rules',
    nav: { label: 'Registry rules', section: 'Admin', icon: IconAdjustmentsHorizontal },
    needs: ['GET /api/clinics/{id}/registry-rules', 'PUT /api/clinics/{id}/registry-rules'],
    page: lazy(() => import('./pages/AdminRegistryRulesPage')),
  },
  {
    path: '/admin/audit',
    title: 'Audit log',
    nav: { label: 'Audit log', section: 'Admin', icon: IconHistory },
    needs: ['GET /api/audit'],
    page: lazy(() => import('./pages/AdminAuditPage')),
  },
];

export const NAV_SECTIONS = ['Care', 'Admin'] as const;

/** Published by the server at all (a feature still being built is absent). */
export const routeExists = (route: PageRoute, has: (op: Operation) => boolean): boolean =>
  route.needs.every(has);

/** Published and allowed for the signed-in user's roles. */
export const routeAllowed = (route: PageRoute, can: (op: Operation) => boolean): boolean =>
  route.needs.every(can);

export function homePath(roles: readonly Role[], can: (op: Operation) => boolean): string | null {
  const allowed = PAGE_ROUTES.filter((r) => routeAllowed(r, can));
  const home =
    allowed.find((r) => r.homeFor?.some((role) => roles.includes(role))) ?? allowed.find((r) => r.nav);
  return home?.path ?? null;
}
