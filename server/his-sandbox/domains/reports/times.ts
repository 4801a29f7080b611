/**
 * Arithmetic on the sandbox's wall-clock strings (`YYYY-MM-DD HH:mm:ss`, hospital time). They are computed in
 * UTC so that the machine's own zone and its daylight saving never shift them.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { DATETIME } from '../../clock';

dayjs.extend(utc);

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function isWallClock(text: string): boolean {
  return WALL_CLOCK.test(text) && dayjs.utc(text).isValid();
}

export function wall(text: string): Dayjs {
  return dayjs.utc(text);
}

export function fmt(d: Dayjs): string {
  return d.format(DATETIME);
}

/** `date` at minutes after midnight. */
export function onDay(date: string, minutes: number): Dayjs {
  return dayjs.utc(`${date} 00:00:00`).add(minutes, 'minute');
}

/** A date string YYYY-MM-DD is a real calendar date. */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayjs.utc(text).format('YYYY-MM-DD') === text;
}
