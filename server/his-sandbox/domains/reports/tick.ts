import type { Dayjs } from 'dayjs';
import type { Store } from '../../state/store';
import { syncReports } from './derive';

/**
 * Time-driven changes of this domain, run before every HIS call: lab tests and examinations paid or charged
 * since the last call get their reports (which show once their report time has come; physical examination
 * items and reports are likewise read against the clock).
 */
export function tick(store: Store, _now: Dayjs): void {
  syncReports(store, store.state.reports);
}
