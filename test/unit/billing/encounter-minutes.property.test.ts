// Property: no minute is counted twice across the monthly codes and the per-encounter codes (billing.md §1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billedSeparately,
  codeServiceDay,
  MEDICARE_ENCOUNTER_RULES,
  SERVICE_ACTIVITY,
  SERVICE_KINDS,
  type DocumentedService,
} from '../../../src/domain/billing/encounter/index.js';
import {
  ACTIVITIES,
  CREDENTIALS,
  MEDICARE_2026,
  STAFF_ROLES,
  tallyMinutes,
  type MinuteLogEntry,
  type Program,
} from '../../../src/domain/billing/index.js';

const TZ = 'America/New_York';
const dayArb = fc.integer({ min: 1, max: 28 });
const at = (day: number) => new Date(Date.UTC(2026, 2, day, 16));

const serviceArb = fc.record({
  day: dayArb,
  clinicianId: fc.constantFrom('a', 'b'),
  credential: fc.option(fc.constantFrom(...CREDENTIALS)),
  kind: fc.constantFrom(...SERVICE_KINDS),
  minutes: fc.integer({ min: 1, max: 120 }),
  primaryDiagnosis: fc.constantFrom('F32.1', 'E11.9'),
  interactiveComplexity: fc.boolean(),
  groupSize: fc.option(fc.integer({ min: 1, max: 8 })),
  staffRole: fc.constantFrom(...STAFF_ROLES),
});

const contactArb: fc.Arbitrary<MinuteLogEntry> = fc.record({
  staffRole: fc.constantFrom(...STAFF_ROLES),
  activity: fc.constantFrom(...ACTIVITIES),
  billedSeparately: fc.boolean(),
  minutes: fc.integer({ min: 1, max: 90 }),
  occurredAt: dayArb.map(at),
  byBillingPractitioner: fc.boolean(),
});

describe('documented services and the monthly minute log', () => {
  it.each<[Program]>([['cocm'], ['general_bhi']])(
    '%s: a coded service adds no counted minute; the month counts at most the other contacts plus uncoded services',
    (program) => {
      fc.assert(
        fc.property(
          fc.array(serviceArb, { maxLength: 12 }),
          fc.array(contactArb, { maxLength: 8 }),
          (drafts, contacts) => {
            const services: Array<DocumentedService & { staffRole: (typeof drafts)[number]['staffRole'] }> =
              drafts.map((d, i) => ({
                ...d,
                id: `s${i}`,
                date: `2026-03-${String(d.day).padStart(2, '0')}`,
              }));
            const codedMinutes = new Map<string, boolean>();
            for (const date of new Set(services.map((s) => s.date))) {
              const day = services.filter((s) => s.date === date);
              const coded = codeServiceDay(day, MEDICARE_ENCOUNTER_RULES, {
                payer: 'medicare',
                packId: MEDICARE_2026.id,
              });
              for (const s of day) codedMinutes.set(s.id, billedSeparately(s.id, coded));
            }
            const serviceEntries: MinuteLogEntry[] = services.map((s) => ({
              staffRole: s.staffRole,
              activity: SERVICE_ACTIVITY[s.kind],
              billedSeparately: codedMinutes.get(s.id)!,
              minutes: s.minutes,
              occurredAt: at(Number(s.date.slice(8))),
              byBillingPractitioner: false,
            }));
            const tally = (entries: MinuteLogEntry[]) =>
              tallyMinutes(entries, { program, timeZone: TZ }, MEDICARE_2026).countedMinutes;

            const codedServiceMinutes = services
              .filter((s) => codedMinutes.get(s.id))
              .reduce((n, s) => n + s.minutes, 0);
            const uncodedServiceMinutes = services
              .filter((s) => !codedMinutes.get(s.id))
              .reduce((n, s) => n + s.minutes, 0);
            const servicesOnly = tally(serviceEntries);
            // No service minute is both on an encounter line and in the monthly total.
            expect(servicesOnly + codedServiceMinutes).toBeLessThanOrEqual(
              services.reduce((n, s) => n + s.minutes, 0),
            );
            expect(servicesOnly).toBeLessThanOrEqual(uncodedServiceMinutes);
            expect(tally([...contacts, ...serviceEntries])).toBeLessThanOrEqual(
              tally(contacts) + uncodedServiceMinutes,
            );
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});
