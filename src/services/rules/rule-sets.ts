// Clinic-editable rule packs (screening/triage, registry thresholds), stored as versioned JSON.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError, zodIssues } from '../../errors.js';
import { DEFAULT_INSTRUMENT_RULES, instrumentRulesSchema } from '../../domain/instruments/index.js';
import {
  DEFAULT_REGISTRY_RULES,
  registryRulesEditSchema,
  registryRulesSchema,
} from '../../domain/registry/rules.js';
import { DEFAULT_SAFETY_PATHWAY, safetyPathwaySchema } from '../../domain/safety/pathway.js';
import { DEFAULT_TRIAGE_RULES, triageRulesSchema } from '../../domain/triage.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

const screeningRulesSchema = z.object({ instruments: instrumentRulesSchema, triage: triageRulesSchema });

/** Each kind: its schema (from the domain), the stricter one an edit must pass, and the defaults a clinic starts with. */
const RULE_SETS = {
  screening: {
    schema: screeningRulesSchema,
    editSchema: screeningRulesSchema,
    defaults: { instruments: DEFAULT_INSTRUMENT_RULES, triage: DEFAULT_TRIAGE_RULES },
  },
  registry: {
    schema: registryRulesSchema,
    editSchema: registryRulesEditSchema,
    defaults: DEFAULT_REGISTRY_RULES,
  },
  /** The suicide-risk pathway by level (suicide-risk.md §3). */
  safety: {
    schema: safetyPathwaySchema,
    editSchema: safetyPathwaySchema,
    defaults: DEFAULT_SAFETY_PATHWAY,
  },
} as const;

export type RuleSetKind = keyof typeof RULE_SETS;
export const RULE_SET_KINDS = Object.keys(RULE_SETS) as RuleSetKind[];
export type RulesOf<K extends RuleSetKind> = z.output<(typeof RULE_SETS)[K]['schema']>;
export type ScreeningRules = RulesOf<'screening'>;
export const DEFAULT_SCREENING_RULES: ScreeningRules = RULE_SETS.screening.defaults;

export interface VersionedRules<K extends RuleSetKind> {
  clinicId: string;
  kind: K;
  /** 0 while the clinic runs on the defaults. */
  version: number;
  updatedAt: Date | null;
  rules: RulesOf<K>;
}

export async function loadRuleSet<K extends RuleSetKind>(
  db: Db,
  orgId: string,
  clinicId: string,
  kind: K,
): Promise<VersionedRules<K>> {
  const row = await db
    .selectFrom('clinic_rule_sets')
    .select(['rules', 'version', 'updated_at'])
    .where('org_id', '=', orgId)
    .where('clinic_id', '=', clinicId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  const { schema, defaults } = RULE_SETS[kind];
  if (!row) return { clinicId, kind, version: 0, updatedAt: null, rules: defaults as RulesOf<K> };
  return {
    clinicId,
    kind,
    version: row.version,
    updatedAt: row.updated_at,
    rules: schema.parse(row.rules) as RulesOf<K>,
  };
}

export async function getRuleSet<K extends RuleSetKind>({
  db,
  actor,
  clinicId,
  kind,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
  kind: K;
}): Promise<VersionedRules<K>> {
  assertClinicAccess(actor, clinicId);
  return loadRuleSet(db, actor.orgId, clinicId, kind);
}

/** Replaces a rule set; `version` must match the stored one so two admins never overwrite each other. */
export async function updateRuleSet<K extends RuleSetKind>({
  db,
  actor,
  now,
  clinicId,
  kind,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  clinicId: string;
  kind: K;
  input: { version: number; rules: unknown };
}): Promise<VersionedRules<K>> {
  assertClinicAccess(actor, clinicId);
  const parsed = RULE_SETS[kind].editSchema.safeParse(input.rules);
  if (!parsed.success)
    throw AppError.validation(zodIssues(parsed.error, ['rules']), 'The rule set is not valid.');
  const rules = parsed.data as RulesOf<K>;
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('clinic_rule_sets')
      .select('version')
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .where('kind', '=', kind)
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
      updated_at: now,
      updated_by: actor.userId,
      rules: JSON.stringify(rules),
    };
    await trx
      .insertInto('clinic_rule_sets')
      .values({ org_id: actor.orgId, clinic_id: clinicId, kind, ...next })
      .onConflict((oc) => oc.columns(['org_id', 'clinic_id', 'kind']).doUpdateSet(next))
      .execute();
    await recordAudit(trx, actor, {
      action: 'rules.update',
      entity: 'clinic_rule_set',
      clinicId,
      details: { kind, version: next.version },
    });
    return { clinicId, kind, version: next.version, updatedAt: next.updated_at, rules };
  });
}
