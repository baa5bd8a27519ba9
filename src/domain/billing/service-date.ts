// Picks a claim's date of service under the pack's convention (billing.md §5).
import type { LineCandidate } from './billing-line.js';
import type { DailyMinutes } from './counting.js';
import { lastDayOfMonth, type ClinicDay, type ClinicMonth } from '../calendar/index.js';
import type { DateOfServiceConvention } from './rule-pack-schema.js';

export interface ServiceDate {
  date: ClinicDay;
  reason: string;
}

/**
 * billing.md §5: any date from the day the minimum time was met to the last day of the month.
 * `date_threshold_met` uses the day the last billed unit was reached, so every billed minute lies
 * on or before the date of service; without daily minutes it falls back to month end, which is
 * always allowed.
 */
export function serviceDateFor(
  month: ClinicMonth,
  lines: readonly LineCandidate[],
  convention: DateOfServiceConvention,
  dailyMinutes: readonly DailyMinutes[] | undefined,
): ServiceDate {
  const monthEnd = lastDayOfMonth(month);
  if (convention === 'last_day_of_month') {
    return { date: monthEnd, reason: `date of service ${monthEnd}: last day of the month (billing.md §5)` };
  }
  if (dailyMinutes === undefined || dailyMinutes.length === 0) {
    return {
      date: monthEnd,
      reason: `date of service ${monthEnd}: last day of the month, as no daily minutes were given for the threshold date (billing.md §5)`,
    };
  }
  const days = [...dailyMinutes].sort((a, b) => a.date.localeCompare(b.date));
  const reachedOn = lines.map((line) => {
    let total = 0;
    const day = days.find((d) => {
      total += line.basis === 'g0323_own' ? d.g0323PractitionerOwn : d.counted;
      return total >= line.reachedAtMinutes;
    });
    return day?.date ?? monthEnd;
  });
  const date = reachedOn.sort().at(-1) ?? monthEnd;
  return {
    date,
    reason: `date of service ${date}: the day the last billed unit's minutes were reached (billing.md §5)`,
  };
}
