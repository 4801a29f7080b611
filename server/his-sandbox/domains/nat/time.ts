/**
 * Wall-clock arithmetic on the sandbox's date and time texts (YYYY-MM-DD, YYYY-MM-DD HH:mm:ss, all in the
 * hospital's zone). The texts are read as UTC so that the process's own zone and its DST rules cannot shift them;
 * Asia/Shanghai has no DST, so this is exact.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { DATE, DATETIME } from '../../clock';

dayjs.extend(utc);

export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format(DATE);
}

export function addMinutes(dateTime: string, minutes: number): string {
  return dayjs.utc(dateTime).add(minutes, 'minute').format(DATETIME);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

export function at(date: string, hhmm: string): string {
  return `${date} ${hhmm}:00`;
}

export function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs.utc(value).format(DATE) === value;
}

export function isDateTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) && dayjs.utc(value).format(DATETIME) === value;
}
