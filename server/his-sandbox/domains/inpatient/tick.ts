import dayjs, { type Dayjs } from 'dayjs';
import { DATE, DATETIME, TIME } from '../../clock';
import type { Store } from '../../state/store';
import { CERTIFICATE_STATUS, type InpatientState } from './state';
import { BED_ASSIGN_MINUTES, CERTIFICATE_VALID_DAYS, DAILY_CHARGE_TIME, freeBedNo, lastChargedDay, postWardCharges } from './ward';

/** Pending admission certificates lapse (已作废) once their validity has run out. */
function lapseCertificates(slice: InpatientState, nowText: string): void {
  for (const c of Object.values(slice.certificates)) {
    if (c.status !== CERTIFICATE_STATUS.pending) continue;
    const expiry = dayjs(c.applyTime).add(CERTIFICATE_VALID_DAYS, 'day').format(DATETIME);
    if (expiry <= nowText) {
      c.status = CERTIFICATE_STATUS.void;
      c.closedAt = expiry;
    }
  }
}

/** Patients admitted at a kiosk get a bed from the ward nurse a while after admission. */
function assignBeds(store: Store, slice: InpatientState, nowText: string): void {
  for (const c of Object.values(slice.certificates)) {
    if (c.status !== CERTIFICATE_STATUS.admitted || !c.visitNo) continue;
    const stay = store.stay(c.visitNo);
    if (!stay || stay.bedNo !== '' || stay.dischargeDate !== '') continue;
    if (dayjs(c.closedAt).add(BED_ASSIGN_MINUTES, 'minute').format(DATETIME) <= nowText) stay.bedNo = freeBedNo(store, stay.deptId);
  }
}

/**
 * The ward's daily charging: every open stay gets its bed, nursing and consultation charges for each day that
 * has begun (posted at 08:00), so a sandbox left running keeps growing daily lists and shrinking deposits.
 */
function postDailyCharges(store: Store, slice: InpatientState, now: Dayjs): void {
  const today = now.format(DATE);
  const beforePosting = now.format(TIME) < DAILY_CHARGE_TIME;
  for (const stay of Object.values(store.core.stays)) {
    if (stay.dischargeDate) {
      delete slice.chargedThrough[stay.visitNo];
      continue;
    }
    let last = slice.chargedThrough[stay.visitNo] ?? lastChargedDay(stay);
    if (last >= today) continue;
    for (let day = dayjs(last).add(1, 'day').format(DATE); day <= today; day = dayjs(day).add(1, 'day').format(DATE)) {
      if (day === today && beforePosting) break;
      postWardCharges(store, stay, day, DAILY_CHARGE_TIME);
      last = day;
    }
    slice.chargedThrough[stay.visitNo] = last;
  }
}

/** Time-driven changes of the inpatient domain, run before every HIS call. */
export function tick(store: Store, now: Dayjs): void {
  const slice = store.state.inpatient;
  const nowText = now.format(DATETIME);
  lapseCertificates(slice, nowText);
  assignBeds(store, slice, nowText);
  postDailyCharges(store, slice, now);
}
