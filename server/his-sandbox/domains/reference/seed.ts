import type { SeedContext } from '../../state/store';
import type { ReferenceState } from './state';
import { drawOperatingList, OPERATIONS_RNG, seedOperatingRooms } from './theatre';

/** 全时空门诊 sessions: mornings and afternoons into the evening, one hour each. */
const APPT_TIME_RANGES = ['08:00-09:00', '09:00-10:00', '10:00-11:00', '11:00-12:00', '14:00-15:00', '15:00-16:00', '16:00-17:00', '17:00-18:00', '19:00-20:00', '20:00-21:00', '21:00-22:00'];

/** Operating rooms of the three campuses, today's operating list, the online clinic's time ranges. */
export function seedReference(ctx: SeedContext): ReferenceState {
  const operatingRooms = seedOperatingRooms();
  return {
    operatingRooms,
    operations: { [ctx.today]: drawOperatingList(ctx.store, ctx.rng(OPERATIONS_RNG), operatingRooms, ctx.today) },
    apptTimeRanges: [...APPT_TIME_RANGES],
  };
}
