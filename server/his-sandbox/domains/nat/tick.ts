import type { Dayjs } from 'dayjs';
import { DATETIME } from '../../clock';
import type { Store } from '../../state/store';
import { advance } from './lifecycle';

/**
 * Time-driven changes of NAT bookings, run before every HIS call: unpaid bookings lapse (their place is
 * freed), confirmed ones are checked in when their slot starts and completed when their report is out.
 */
export function tick(store: Store, now: Dayjs): void {
  const text = now.format(DATETIME);
  for (const b of Object.values(store.state.nat.bookings)) {
    if (b.status === 0 || b.status === 1 || b.status === 2) advance(store, b, text);
  }
}
