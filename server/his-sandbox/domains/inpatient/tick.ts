import type { Dayjs } from 'dayjs';
import type { Store } from '../../state/store';

/** Time-driven changes of this domain (lapses, releases), run before every HIS call. */
export function tick(_store: Store, _now: Dayjs): void {}
