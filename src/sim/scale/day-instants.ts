// Wall-clock instants on clinic days, with each day's noon computed once: a run asks for millions.
import type { ClinicCalendar } from '../clinic-days.js';

export class DayInstants {
  private readonly noons = new Map<number, number>();

  constructor(readonly calendar: ClinicCalendar) {}

  /**
   * `minuteOfDay` on the clinic day `ago` days before today. Offsetting from noon is exact for any
   * time after the small-hours DST change, which covers every clinic hour.
   */
  at(ago: number, minuteOfDay: number): Date {
    let noon = this.noons.get(ago);
    if (noon === undefined) {
      noon = this.calendar.at(ago, 720).getTime();
      this.noons.set(ago, noon);
    }
    return new Date(noon + (minuteOfDay - 720) * 60_000);
  }
}
