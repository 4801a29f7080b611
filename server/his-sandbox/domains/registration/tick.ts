import dayjs, { type Dayjs } from 'dayjs';
import { DATE } from '../../clock';
import type { Store } from '../../state/store';
import { generateSameDaySchedules, pruneSameDaySchedules } from './schedules';
import { nowText } from './clinic';

/** Days of same-day schedules kept after they are over (registrations keep their own copy of what they need). */
const KEEP_DAYS = 30;

/**
 * Time-driven changes of this domain, run before every HIS call: a new day gets its schedules, and places held by
 * /registerPre past their expiry go back to the schedule.
 */
export function tick(store: Store, now: Dayjs): void {
  const today = now.format(DATE);
  const slice = store.state.registration;
  if (!slice.days.includes(today)) {
    generateSameDaySchedules(store, today);
    pruneSameDaySchedules(store, dayjs(today).subtract(KEEP_DAYS, 'day').format(DATE));
  }
  releaseExpiredHolds(store, nowText(now));
}

function releaseExpiredHolds(store: Store, now: string): void {
  const slice = store.state.registration;
  if (!slice.holds.some((h) => h.expiresAt <= now)) return;
  slice.holds = slice.holds.filter((h) => {
    if (h.expiresAt > now) return true;
    const schedule = slice.schedules[h.scheduleId];
    if (schedule) schedule.registerCount = Math.max(0, schedule.registerCount - 1);
    return false;
  });
}
