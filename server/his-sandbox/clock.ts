/**
 * The sandbox's clock: real time plus an offset that tests and QA can move through the admin API, read in the
 * hospital's time zone. Every "now" and "today" of the sandbox comes from here.
 */
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DATE = 'YYYY-MM-DD';
export const DATETIME = 'YYYY-MM-DD HH:mm:ss';
export const TIME = 'HH:mm:ss';

export class Clock {
  private offsetMs = 0;

  constructor(readonly timeZone: string) {}

  now(): Dayjs {
    return dayjs(Date.now() + this.offsetMs).tz(this.timeZone);
  }

  today(): string {
    return this.now().format(DATE);
  }

  /** A date-time in the hospital's zone, e.g. `at('2026-11-29', '08:30')`. */
  at(date: string, time = '00:00:00'): Dayjs {
    return dayjs.tz(`${date} ${time.length === 5 ? `${time}:00` : time}`, DATETIME, this.timeZone);
  }

  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets the clock to an instant (ISO 8601, or `YYYY-MM-DD HH:mm:ss` in the hospital's zone). */
  set(instant: string): void {
    const target = /[zZ]|[+-]\d\d:?\d\d$/.test(instant) ? dayjs(instant) : dayjs.tz(instant, this.timeZone);
    if (!target.isValid()) throw new Error(`invalid instant ${instant}`);
    this.offsetMs = target.valueOf() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
