// The screening rule set of a clinic (instrument cutoffs and triage bands), stored as versioned JSON.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError, zodIssues } from '../../errors.js';
import { DEFAULT_INSTRUMENT_RULES, instrumentRulesSchema } from '../../domain/instruments/index.js';
import { DEFAULT_TRIAGE_RULES, triageRulesSchema } from '../../domain/triage.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

export const clinicRulesSchema = z.object({
  instruments: instrumentRulesSchema,
  triage: triageRulesSchema,
});
export type ClinicRules = z.output<typeof clinicRulesSchema>;

export const DEFAULT_CLINIC_RULES: ClinicRules = {
  instruments: DEFAULT_INSTRUMENT_RULES,
  triage: DEFAULT_TRIAGE_RULES,
};

export interface VersionedRules {
  clinicId: string;
  version: number;
  updatedAt: Date | null;
  rules: ClinicRules;
}

export async function loadClinicRules(db: Db, orgId: string, clinicId: string): Promise<VersionedRules> {
  const row = await db
    .selectFrom('triage_rule_sets')
    .select(['rules', 'version', 'updated_at'])
    .where('org_id', '=', orgId)
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (!row) return { clinicId, version: 0, updatedAt: null, rules: DEFAULT_CLINIC_RULES };
  return {
    clinicId,
    version: row.version,
    updatedAt: row.updated_at,
    rules: clinicRulesSchema.parse(row.rules),
  };
}

export async function getClinicRules({
  db,
  actor,
  clinicId,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
}): Promise<VersionedRules> {
  assertClinicAccess(actor, clinicId);
  return loadClinicRules(db, actor.orgId, clinicId);
}

/** Replaces the rule set; `version` must match the stored one so two admins never overwrite each other. */
export async function updateClinicRules({
  db,
  actor,
  clinicId,
  input,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
  input: { version: number; rules: unknown };
}): Promise<VersionedRules> {
  assertClinicAccess(actor, clinicId);
  const parsed = clinicRulesSchema.safeParse(input.rules);
  if (!parsed.success)
    throw AppError.validation(zodIssues(parsed.error, ['rules']), 'The rule set is not valid.');
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('triage_rule_sets')
      .select('version')
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .forUpdate()
      .executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (input.version !== currentVersion) {
      throw AppError.conflict(
        'version',
        `the rules changed meanwhile (now version ${currentVersion}); reload and edit again`,
      );
    }
    const next = {
      version: currentVersion + 1,
      updated_at: new Date(),
      updated_by: actor.userId,
      rules: JSON.stringify(parsed.data),
    };
    await trx
      .insertInto('triage_rule_sets')
      .values({ org_id: actor.orgId, clinic_id: clinicId, ...next })
      .onConflict((oc) => oc.columns(['org_id', 'clinic_id']).doUpdateSet(next))
      .execute();
    await recordAudit(trx, actor, {
      action: 'triage_rules.update',
      entity: 'triage_rule_set',
      clinicId,
      details: { version: next.version },
    });
    return { clinicId, version: next.version, updatedAt: next.updated_at, rules: parsed.data };
  });
}
