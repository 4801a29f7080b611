import dayjs from 'dayjs';

/** 2026年11月29日 */
export function formatDate(value: string | Date): string {
  const date = dayjs(value);
  return date.isValid() ? date.format('YYYY年M月D日') : '';
}

/** True when an ISO instant lies more than `marginMs` in the future. */
export function isStillValid(isoInstant: string, marginMs = 60_000, now: number = Date.now()): boolean {
  const at = dayjs(isoInstant);
  return at.isValid() && at.valueOf() - marginMs > now;
}
