// Program outcome and operations measures: definitions shared by the read model, the API and the web.
export * from './program-measures.js';
export * from './twelve-month.js';
export * from './percentile.js';
