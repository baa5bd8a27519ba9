// Runs the dated migrations (a static list, frozen once landed) at start and from `careloop migrate`.
import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import * as foundation from './migrations/2026-11-27-01-foundation.js';
import * as registry from './migrations/2026-11-27-02-registry.js';
import * as billing from './migrations/2026-11-27-03-billing.js';
import * as minuteRollups from './migrations/2026-11-27-04-minute-rollups.js';
import * as billingIdentity from './migrations/2026-11-27-05-billing-identity.js';
import * as monthCloseIndexes from './migrations/2026-11-27-06-month-close-indexes.js';
import * as rulePackImports from './migrations/2026-12-03-10-rule-pack-imports.js';
import * as chargeSchedule from './migrations/2026-12-03-11-charge-schedule.js';
import * as consentAndInitiatingVisit from './migrations/2026-12-03-13-consent-and-initiating-visit.js';
import * as auditClientRequestId from './migrations/2026-12-03-15-audit-client-request-id.js';
import * as lockedMonthGuard from './migrations/2026-12-03-15-locked-month-guard.js';
import * as signInThrottle from './migrations/2026-12-03-15-sign-in-throttle.js';
import * as outreachReached from './migrations/2026-12-03-16-outreach-reached.js';
import * as staffLifecycleSearch from './migrations/2026-12-03-17-staff-lifecycle-search.js';
import * as worklistLifecycle from './migrations/2026-12-03-18-worklist-lifecycle.js';
import * as scheduling from './migrations/2026-12-03-21-scheduling.js';
import * as handoffs from './migrations/2026-12-03-22-handoffs.js';
import * as safetyAssessments from './migrations/2026-12-03-25-safety-assessments.js';
import * as bhServices from './migrations/2026-12-03-28-bh-services.js';
import * as behavioralDiagnosis from './migrations/2026-12-03-34-behavioral-diagnosis.js';

const migrations: Record<string, Migration> = {
  '2026-11-27-01-foundation': foundation,
  '2026-11-27-02-registry': registry,
  '2026-11-27-03-billing': billing,
  '2026-11-27-04-minute-rollups': minuteRollups,
  '2026-11-27-05-billing-identity': billingIdentity,
  '2026-11-27-06-month-close-indexes': monthCloseIndexes,
  '2026-12-03-10-rule-pack-imports': rulePackImports,
  '2026-12-03-11-charge-schedule': chargeSchedule,
  '2026-12-03-13-consent-and-initiating-visit': consentAndInitiatingVisit,
  '2026-12-03-15-audit-client-request-id': auditClientRequestId,
  '2026-12-03-15-locked-month-guard': lockedMonthGuard,
  '2026-12-03-15-sign-in-throttle': signInThrottle,
  '2026-12-03-16-outreach-reached': outreachReached,
  '2026-12-03-17-staff-lifecycle-search': staffLifecycleSearch,
  '2026-12-03-18-worklist-lifecycle': worklistLifecycle,
  '2026-12-03-21-scheduling': scheduling,
  '2026-12-03-22-handoffs': handoffs,
  '2026-12-03-25-safety-assessments': safetyAssessments,
  '2026-12-03-28-bh-services': bhServices,
  '2026-12-03-34-behavioral-diagnosis': behavioralDiagnosis,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'careloop_migrations',
    migrationLockTableName: 'careloop_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  return results;
}
