import dayjs, { type Dayjs } from 'dayjs';
import { DATE } from '../../clock';
import type { Store } from '../../state/store';
import { drawOperatingList, operationsRng } from './theatre';

/** Operating lists older than this many days are dropped, so a long-running sandbox stays small. */
const KEEP_LIST_DAYS = 7;

/** A new day gets its operating list (drawn from that day's inpatients) when its first HIS call arrives. */
export function tick(store: Store, now: Dayjs): void {
  const slice = store.state.reference;
  const today = now.format(DATE);
  if (slice.operations[today]) return;
  slice.operations[today] = drawOperatingList(store, operationsRng(store, today), slice.operatingRooms, today);
  const oldest = dayjs(today).subtract(KEEP_LIST_DAYS, 'day').format(DATE);
  for (const date of Object.keys(slice.operations)) if (date < oldest) delete slice.operations[date];
}
