// The suicide-risk process (suicide-risk.md): assessment record, clinic pathway, tasks, safety plan, status.
export * from './assessment.js';
export * from './pathway.js';
export * from './requirements.js';
export * from './risk-status.js';
export * from './safety-plan.js';
