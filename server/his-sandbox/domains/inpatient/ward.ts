/**
 * Ward rules shared by the inpatient handlers, seed and tick: which departments admit patients, how long an
 * admission certificate stays valid, and the daily ward charges (bed, nursing, consultation) the HIS posts to
 * every open stay — the same items the core seed posts for past days.
 */
import dayjs from 'dayjs';
import { DATE } from '../../clock';
import { makeChargeItem } from '../../state/builders';
import type { Department, Stay } from '../../state/core';
import type { Store } from '../../state/store';

/** A 住院证 not used within this many days lapses (已作废). */
export const CERTIFICATE_VALID_DAYS = 30;

/** The time of day the daily ward charges are posted (as in the seeded history). */
export const DAILY_CHARGE_TIME = '08:00:00';

/** Departments with wards: they have bed categories, certificates and stays. */
export function hasWards(d: Department): boolean {
  return d.inpatient && d.bedCategories.length > 0;
}

/**
 * Departments a patient can book an admission to: wards that also run an outpatient clinic (where admission is
 * advised). The emergency observation ward and the neonatal ward admit only from the emergency room or by transfer.
 */
export function takesAdmissionBookings(d: Department): boolean {
  return hasWards(d) && d.outpatient;
}

/** Bed fee item of a bed category: single and double rooms have their own price, every other bed the ward price. */
function bedItemId(bedCategory: string): string {
  if (bedCategory.includes('单人')) return 'W0603';
  if (bedCategory.includes('双人')) return 'W0602';
  return 'W0601';
}

/** Posts one day's ward charges of a stay: bed, nursing (一级 the first two days, then 二级) and consultation. */
export function postWardCharges(store: Store, stay: Stay, date: string, time: string): void {
  const dayIndex = dayjs(date).diff(dayjs(stay.admissionDate), 'day');
  const lines: Array<[string, number]> = [
    [bedItemId(stay.bedCategory), 1],
    [dayIndex < 2 ? 'N0701' : 'N0702', 1],
    ['C0801', 1],
  ];
  for (const [itemId, quantity] of lines) {
    stay.charges.push(makeChargeItem(store, { itemId, quantity, doctorName: stay.doctorName, date, time }));
  }
}

/** The last day a stay has charges for, or the day before admission when it has none. */
export function lastChargedDay(stay: Stay): string {
  const last = stay.charges.reduce((max, c) => (c.chargeDate > max ? c.chargeDate : max), '');
  return last || dayjs(stay.admissionDate).subtract(1, 'day').format(DATE);
}

/** Minutes after a kiosk admission until the ward nurse has assigned a bed (bed_no '' until then). */
export const BED_ASSIGN_MINUTES = 30;

/** The lowest bed number of the department that no open stay occupies: `12床`. */
export function freeBedNo(store: Store, deptId: string): string {
  const taken = new Set(
    Object.values(store.core.stays)
      .filter((s) => s.deptId === deptId && s.dischargeDate === '')
      .map((s) => s.bedNo),
  );
  let n = 1;
  while (taken.has(`${n}床`)) n += 1;
  return `${n}床`;
}
