// Public API of encounter coding: service kinds, per-encounter codes, the rules in a pack and the day's coding.
import type { RulePack } from '../rule-pack-schema.js';
import { MEDICARE_ENCOUNTER_RULES } from './medicare-rules.js';
import type { EncounterRules } from './rules-schema.js';

export * from './vocabulary.js';
export { encounterRulesSchema } from './rules-schema.js';
export type { Band, CredentialRule, EncounterRules, OneVisitPerDay, UnitLadder } from './rules-schema.js';
export { MEDICARE_ENCOUNTER_RULES } from './medicare-rules.js';
export { addOnUnits, codeServiceDay, credentialRefusal } from './code-services.js';
export type {
  CodedDay,
  CodingContext,
  DocumentedService,
  EncounterLine,
  EncounterSkip,
} from './code-services.js';

/**
 * The pack's encounter rules; a whole pack an admin loaded before encounter coding existed carries
 * none and is coded under the Medicare rules, so no day goes uncoded for want of a rule.
 */
export function encounterRulesFor(pack: RulePack): EncounterRules {
  return pack.encounter ?? MEDICARE_ENCOUNTER_RULES;
}
export { billedSeparately, SERVICE_ACTIVITY } from './monthly-minutes.js';
