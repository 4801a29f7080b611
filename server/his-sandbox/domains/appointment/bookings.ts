/**
 * The life of a booking (预约): its places on a slot, its status and what it allows, its payment order, and the
 * number taken on the day. Shared by the seed, the tick and the handlers (and /offerNumber of registration).
 */
import type { Dayjs } from 'dayjs';
import type { HisOrder, Patient } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail } from '../../runtime';
import { nowText, sessionById, sessionStarted } from '../registration/clinic';
import type { ApptSchedule, ApptSlot, Booking } from './state';

export const STATUS = {
  unconfirmed: 0,
  confirmed: 9,
  taken: 1,
  checkedIn: 3,
  seen: 5,
  cancelled: -1,
  refunded: -2,
  noShow: -3,
} as const;

export const STATUS_TEXTS: Record<number, string> = {
  0: '未确认',
  9: '已确认',
  1: '已取号',
  3: '已报到',
  5: '已就诊',
  [-1]: '已取消',
  [-2]: '已退号',
  [-3]: '已违约',
};

export const LAPSED_TEXT = '已取消（超时未支付，号源已释放）';
export const NO_SHOW_TEXT = '已违约（就诊当日未取号）';

/** Statuses that hold a place (the same person cannot book the same schedule twice while one of them stands). */
const HOLDING: readonly number[] = [STATUS.unconfirmed, STATUS.confirmed, STATUS.taken, STATUS.checkedIn, STATUS.seen];

export function holdsPlace(b: Booking): boolean {
  return HOLDING.includes(b.status);
}

export function statusText(b: Booking): string {
  return b.statusText || (STATUS_TEXTS[b.status] ?? '未知');
}

export function bookings(store: Store): Booking[] {
  return Object.values(store.state.appointment.bookings);
}

export function requireBooking(store: Store, id: string): Booking {
  const b = store.state.appointment.bookings[id.trim()];
  if (!b) throw new HisFail('预约记录不存在');
  return b;
}

export function slotStart(b: Pick<Booking, 'date' | 'timeName'>): string {
  return `${b.date} ${b.timeName.slice(0, 5)}:00`;
}

/** The session of the booking has begun: too late to cancel. */
export function sessionHasStarted(b: Booking, now: Dayjs): boolean {
  const session = sessionById(b.durationId);
  return session ? sessionStarted(b.date, session, now) : true;
}

export function canPrepay(b: Booking, now: Dayjs): boolean {
  return b.status === STATUS.unconfirmed && b.prepayDeadline !== '' && nowText(now) < b.prepayDeadline;
}

export function canCancel(b: Booking, now: Dayjs): boolean {
  return (b.status === STATUS.unconfirmed || b.status === STATUS.confirmed) && !sessionHasStarted(b, now);
}

/** Why a booking that is not waiting for payment cannot be paid (or have a payment order). */
export function notPayableReason(b: Booking): string {
  switch (b.status) {
    case STATUS.confirmed:
      return b.paidVia ? '该预约已支付，请勿重复支付' : '该预约无需预付挂号费，请于就诊当日到医院缴费';
    case STATUS.taken:
    case STATUS.checkedIn:
    case STATUS.seen:
      return `该预约${STATUS_TEXTS[b.status]}，不能支付`;
    case STATUS.cancelled:
      return b.statusText === LAPSED_TEXT ? '预约已超时未支付，已自动取消，请重新预约' : '该预约已取消，不能支付';
    case STATUS.refunded:
      return '该预约已退号，不能支付';
    case STATUS.noShow:
      return '该预约已违约，不能支付';
    default:
      return '该预约状态不允许支付';
  }
}

function findSlot(store: Store, b: Booking): { schedule: ApptSchedule; slot: ApptSlot } | undefined {
  const schedule = store.state.appointment.schedules[b.scheduleId];
  const slot = schedule?.slots.find((s) => s.id === b.timeId);
  return schedule && slot ? { schedule, slot } : undefined;
}

/**
 * Takes one place of the slot and returns its 预约序号: the lowest number of the slot that no live booking holds
 * (the anonymous places take the first numbers). The caller has checked that the slot is not full.
 */
function takePlace(store: Store, scheduleId: string, slot: ApptSlot): number {
  const used = new Set(bookings(store).filter((b) => b.scheduleId === scheduleId && b.timeId === slot.id && holdsPlace(b)).map((b) => b.queueNo));
  let queueNo = slot.firstQueueNo + slot.anonymous;
  while (used.has(queueNo)) queueNo += 1;
  slot.booked += 1;
  return queueNo;
}

/** Gives the booking's place back to its slot (when the schedule is still kept). */
export function releasePlace(store: Store, b: Booking): void {
  const found = findSlot(store, b);
  if (found) found.slot.booked = Math.max(found.slot.anonymous, found.slot.booked - 1);
}

/** An unpaid booking past its deadline: cancelled, its place released. */
export function lapse(store: Store, b: Booking): void {
  b.status = STATUS.cancelled;
  b.statusText = LAPSED_TEXT;
  b.cancelledAt = b.prepayDeadline;
  releasePlace(store, b);
}

export function issueCertificate(store: Store, b: Booking): void {
  b.certificateCode = store.serial('apptCertificate', 81000000);
}

/** The HIS payment order of a booking (HIS_ORDER_NO = APPT_ID), created on first need. */
export function bookingOrder(store: Store, b: Booking, payWayId: string, at: string): HisOrder {
  const existing = store.core.orders[b.id];
  if (existing) return existing;
  const patient: Patient | undefined = b.patientId ? store.patient(b.patientId) : undefined;
  const order: HisOrder = {
    orderNo: b.id,
    purpose: 'appointment',
    patientId: b.patientId,
    cardNo: patient?.cardNo ?? '',
    opFlag: 1,
    totalFen: b.feeFen,
    payMode: payWayId,
    status: 0,
    statusHistory: [{ status: 0, at, reason: '生成预约挂号费支付订单' }],
    applied: false,
    appliedAt: '',
    businessNo: '',
    businessInfo: '',
    createdAt: at,
    ref: b.id,
    refundedAt: '',
  };
  store.core.orders[order.orderNo] = order;
  return order;
}

/** The order's business step (the prepayment) was carried out in HIS. */
export function applyOrder(order: HisOrder, at: string, businessNo: string, businessInfo: string): void {
  order.applied = true;
  order.appliedAt = at;
  order.status = 2;
  order.statusHistory.push({ status: 2, at, reason: '预约挂号费预付成功' });
  if (businessNo) order.businessNo = businessNo;
  if (businessInfo) order.businessInfo = businessInfo;
}

/** Confirms a booking as paid: from the card balance or through the platform. */
export function markPaid(store: Store, b: Booking, pay: { via: 'balance' | 'platform'; payWayId: string; businessNo: string; businessInfo: string; at: string }): void {
  b.status = STATUS.confirmed;
  b.paidVia = pay.via;
  b.payWayId = pay.payWayId;
  b.businessNo = pay.businessNo;
  b.businessInfo = pay.businessInfo;
  b.paidAt = pay.at;
  issueCertificate(store, b);
}

/** Who a booking is for: a card holder, or someone booking without a card (patientId ''). */
export interface Person {
  patientId: string;
  cardNo: string;
  name: string;
  sex: string;
  idNo: string;
  phone: string;
}

export function personOf(p: Patient): Person {
  return { patientId: p.id, cardNo: p.cardNo, name: p.name, sex: p.sex, idNo: p.idNo, phone: p.phone };
}

/** Who made a booking (CREATE_USER_* / CREATE_DEPT_* of /query). */
export interface Operator {
  userId: string;
  userName: string;
  deptId: string;
  deptName: string;
}

/** The palm-hospital app, as USER_ID / USER_DEPT_ID "hpalm" name it. */
export function operatorOf(userId: string, deptId: string): Operator {
  const palm = userId === 'hpalm';
  return { userId, userName: palm ? '掌上医院' : '', deptId, deptName: deptId === 'hpalm' ? '掌上医院' : '' };
}

/** The fields of a booking that depend on what it is for, from its schedule and slot. */
export function bookingTarget(schedule: ApptSchedule, slot: ApptSlot): Pick<Booking, 'scheduleId' | 'timeId' | 'deptId' | 'doctorId' | 'clinicId' | 'clinicName' | 'registerTypeId' | 'registerTypeName' | 'feeFen' | 'date' | 'durationId' | 'timeName'> {
  return {
    scheduleId: schedule.id,
    timeId: slot.id,
    deptId: schedule.deptId,
    doctorId: schedule.doctorId,
    clinicId: schedule.clinicId,
    clinicName: schedule.clinicName,
    registerTypeId: schedule.registerTypeId,
    registerTypeName: schedule.registerTypeName,
    feeFen: schedule.feeFen,
    date: schedule.date,
    durationId: schedule.durationId,
    timeName: `${slot.start}-${slot.end}`,
  };
}

/** A booking record with nothing paid, cancelled or taken yet. */
export function bookingRecord(
  store: Store,
  init: Pick<Booking, 'accountId' | 'queueNo' | 'needPrepay' | 'prepayDeadline' | 'status' | 'createdAt' | 'dataSource' | 'remark'> &
    ReturnType<typeof bookingTarget> & { person: Person; operator: Operator },
): Booking {
  const { person, operator, ...rest } = init;
  return {
    id: store.opaqueId(),
    ...rest,
    ...person,
    statusText: '',
    paidVia: '',
    payWayId: '',
    businessNo: '',
    businessInfo: '',
    paidAt: '',
    certificateCode: '',
    cancelledAt: '',
    refundBusinessNo: '',
    refundBusinessInfo: '',
    cancelRemark: '',
    visitId: '',
    createUserId: operator.userId,
    createUserName: operator.userName,
    createDeptId: operator.deptId,
    createDeptName: operator.deptName,
  };
}

/**
 * Books one place of a slot (the caller has checked the slot is open and the person may book): unconfirmed
 * until paid when the department wants prepayment of a fee, else confirmed at once (paid at the hospital).
 */
export function createBooking(
  store: Store,
  spec: { schedule: ApptSchedule; slot: ApptSlot; person: Person; accountId: string; operator: Operator; created: Dayjs; prepayMinutes: number; dataSource: string; remark: string },
): Booking {
  const { schedule, slot } = spec;
  if (slot.booked >= slot.max) throw new HisFail('该时段号源已约满，请选择其他时段');
  const needPrepay = (store.department(schedule.deptId)?.needPrepay ?? false) && schedule.feeFen > 0;
  const queueNo = takePlace(store, schedule.id, slot);
  const b = bookingRecord(store, {
    ...bookingTarget(schedule, slot),
    person: spec.person,
    operator: spec.operator,
    accountId: spec.accountId,
    queueNo,
    needPrepay,
    prepayDeadline: needPrepay ? nowText(spec.created.add(spec.prepayMinutes, 'minute')) : '',
    status: needPrepay ? STATUS.unconfirmed : STATUS.confirmed,
    createdAt: nowText(spec.created),
    dataSource: spec.dataSource,
    remark: spec.remark,
  });
  if (!needPrepay) issueCertificate(store, b);
  store.state.appointment.bookings[b.id] = b;
  return b;
}
