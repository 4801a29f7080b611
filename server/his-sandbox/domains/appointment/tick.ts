import dayjs, { type Dayjs } from 'dayjs';
import { DATE } from '../../clock';
import type { Store } from '../../state/store';
import { nowText } from '../registration/clinic';
import { bookings, lapse, NO_SHOW_TEXT, STATUS } from './bookings';
import { BOOKING_DAYS, generateApptSchedules, pruneApptSchedules } from './schedules';

/** Days of schedules kept after they are over. */
const KEEP_DAYS = 7;

/**
 * Time-driven changes of this domain, run before every HIS call: the booking window moves with the days, an
 * unpaid booking past its PREPAY_TIME_LIMIT lapses (STATUS -1, place released), and a confirmed booking whose
 * day has passed without taking its number becomes a no-show (STATUS -3).
 */
export function tick(store: Store, now: Dayjs): void {
  const today = now.format(DATE);
  extendWindow(store, today);
  const at = nowText(now);
  for (const b of bookings(store)) {
    if (b.status === STATUS.unconfirmed && b.prepayDeadline !== '' && b.prepayDeadline <= at) lapse(store, b);
    else if (b.status === STATUS.confirmed && b.date < today) {
      b.status = STATUS.noShow;
      b.statusText = NO_SHOW_TEXT;
    }
  }
}

/** Makes sure the schedules of today … today+BOOKING_DAYS exist, and forgets the ones long past. */
export function extendWindow(store: Store, today: string): void {
  const slice = store.state.appointment;
  const last = dayjs(today).add(BOOKING_DAYS, 'day').format(DATE);
  if (slice.days.includes(today) && slice.days.includes(last)) return;
  for (let i = 0; i <= BOOKING_DAYS; i += 1) generateApptSchedules(store, dayjs(today).add(i, 'day').format(DATE), today);
  pruneApptSchedules(store, dayjs(today).subtract(KEEP_DAYS, 'day').format(DATE));
}
