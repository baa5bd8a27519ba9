// Public surface of the CoCM registry rules: statuses, outcomes, flags, caseloads and review lists.
export * from './case-review.js';
export * from './caseload.js';
export * from './contact-rules.js';
export * from './diagnosis.js';
export * from './episode-status.js';
export type { FieldIssue } from './field-issue.js';
export * from './flags.js';
export * from './future-day.js';
export * from './notes-visibility.js';
export * from './outcomes.js';
export * from './roles.js';
export * from './rules.js';
export * from './snapshot.js';
export * from './urgency.js';
