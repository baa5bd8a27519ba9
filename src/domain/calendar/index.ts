// The clinic calendar: days and months in a clinic's time zone, one schema each, and the one zone check.
export * from './day.js';
export * from './month.js';
export { assertTimeZone, isTimeZone, timeZoneSchema } from './zone.js';
