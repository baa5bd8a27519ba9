// Clinic-local calendar days for the simulation: "n days ago" and a wall-clock time on a given day.
import { TZDate } from '@date-fns/tz';
import { addDays, daysBetween, dayOf, type ClinicDay } from '../domain/calendar/index.js';

/** The clinic's calendar, anchored on the demo's "today". */
export class ClinicCalendar {
  readonly today: ClinicDay;

  constructor(
    readonly now: Date,
    readonly timeZone: string,
  ) {
    this.today = dayOf(now, timeZone);
  }

  /** The clinic day `ago` days before today (0 is today). */
  day(ago: number): ClinicDay {
    return addDays(this.today, -ago);
  }

  /** How many days before today a clinic day is. */
  agoOf(day: ClinicDay): number {
    return daysBetween(day, this.today);
  }

  /** The instant of a wall-clock time (minutes after midnight) on the day `ago` days before today. */
  at(ago: number, minuteOfDay: number): Date {
    const [year, month, date] = this.day(ago).split('-').map(Number) as [number, number, number];
    const hours = Math.floor(minuteOfDay / 60);
    return new Date(new TZDate(year, month - 1, date, hours, minuteOfDay % 60, this.timeZone).getTime());
  }

  /** 0 = Sunday … 6 = Saturday, for the day `ago` days before today. */
  weekday(ago: number): number {
    return new Date(`${this.day(ago)}T12:00:00Z`).getUTCDay();
  }

  /** Days before today of the first day of the month `monthsBack` months before this one. */
  monthStartAgo(monthsBack: number): number {
    const [year, month] = this.today.split('-').map(Number) as [number, number];
    const start = new Date(Date.UTC(year, month - 1 - monthsBack, 1)).toISOString().slice(0, 10);
    return this.agoOf(start);
  }
}
