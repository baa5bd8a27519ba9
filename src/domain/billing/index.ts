// Public API of the billing engine: rule packs, minute counting, monthly billing.
export { billMonth, billingMonthInputSchema, minutesToNext, minuteFactsSchema } from './bill-month.js';
export type { BillingMonthInput, BillingMonthResult, MinuteFacts } from './bill-month.js';
export type { BillingLine, NextThreshold } from './billing-line.js';
export {
  chargeCodeSchema,
  chargeFor,
  codesWithoutCharge,
  lineChargeCents,
  priceSchema,
  toCents,
} from './charges.js';
export type { ChargeEntry, ChargeLookup } from './charges.js';
export {
  countsTowardProgram,
  isG0323Credential,
  loggingRefusal,
  loggingRoles,
  tallyMinutes,
} from './counting.js';
export type { CountDecision, DailyMinutes, MinuteContext, MinuteLogEntry, MinuteTally } from './counting.js';
export { classifyCocmMonth, gapMonths } from './episode.js';
export type { EpisodeFacts, MonthClassification, MonthKind } from './episode.js';
export { MEDICARE_2025, MEDICARE_2026, MEDICARE_PACKS } from './medicare-packs.js';
export { applyPayerOverride, payerOverrideSchema } from './pack-override.js';
export type { PayerOverride } from './pack-override.js';
export { packWarnings, provisionalWarning, RulePackNotFoundError, selectPack } from './pack-selection.js';
export type { PackSelection, RulePackWarning } from './pack-selection.js';
export type { Consent, InitiatingVisitFacts, InitiatingVisitType } from './prerequisites.js';
export { INITIATING_VISIT_LABEL, INITIATING_VISIT_TYPES } from './prerequisites.js';
export { consentForMonth, isWithdrawnAt, withdrawnSpans } from './consent.js';
export type { ConsentRecord, WithdrawnSpan } from './consent.js';
export { parsePack, roleCountingSchema, rulePackSchema, validatePack } from './rule-pack-schema.js';
export type { CodeLadder, ExclusionRule, RoleCounting, RulePack, TimedCode } from './rule-pack-schema.js';
export type { TimeRule } from './time-rule.js';
export * from './vocabulary.js';
export * from './identifiers.js';
