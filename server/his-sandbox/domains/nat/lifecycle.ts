/**
 * The life of a NAT booking, shared by the handlers, the clock tick and the seed (which books, pays and lets
 * time pass exactly as callers do, so seeded history looks like run-time history).
 */
import type { HisOrder, Patient, Receipt } from '../../state/core';
import type { Store } from '../../state/store';
import {
  CHECK_AFTER_SAMPLE_MINUTES,
  LAB_DEPT_ID,
  LAPSED_DESC,
  NAT_FEE_FEN,
  REFUNDED_DESC,
  REFUNDING_DESC,
  REPORT_AFTER_CHECK_MINUTES,
  SAMPLE_AFTER_START_MINUTES,
  SAMPLE_TYPES,
  SAMPLING_DEPT_ID,
  negativeItems,
  statusText,
  type NatSlot,
} from './catalog';
import type { Identity } from './rules';
import type { NatBooking, NatReport, NatStatus } from './state';
import { addMinutes, at, earlier } from './time';

function setStatus(b: NatBooking, status: NatStatus, desc = statusText(status)): void {
  b.status = status;
  b.statusDesc = desc;
}

/** A stable small number per booking, for the details that vary between people (sampling minute, staff). */
function spread(id: string, modulo: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % modulo;
}

export interface BookingSpec {
  patient: Patient;
  name: string;
  phone: string;
  identity: Identity & { sex: '男' | '女'; birthday: string };
  hospitalId: string;
  date: string;
  slot: NatSlot;
  reportLanguage: string;
  payWay: string;
  dataSource: string;
  createTime: string;
  /** When HIS takes it (YYYY-MM-DD HH:mm:ss). */
  createdAt: string;
  payMinutes: number;
}

/** Books a place (the caller checked that one is left) and opens the visit record the test is billed on. */
export function openBooking(store: Store, spec: BookingSpec): NatBooking {
  const day = spec.createdAt.slice(2, 10).replace(/-/g, '');
  const booking: NatBooking = {
    id: store.opaqueId(),
    apptNo: `${day}${String(store.counter(`natApptNo:${day}`)).padStart(5, '0')}`,
    patientId: spec.patient.id,
    visitId: store.opaqueId(),
    name: spec.name,
    sex: spec.identity.sex,
    birthday: spec.identity.birthday,
    idType: spec.identity.idType,
    idNo: spec.identity.idNo,
    nationality: spec.identity.nationality,
    phone: spec.phone,
    hospitalId: spec.hospitalId,
    date: spec.date,
    slotId: spec.slot.id,
    slotName: spec.slot.name,
    feeFen: NAT_FEE_FEN,
    reportLanguage: spec.reportLanguage,
    payWay: spec.payWay,
    dataSource: spec.dataSource,
    createTime: spec.createTime,
    createdAt: spec.createdAt,
    payDeadline: earlier(addMinutes(spec.createdAt, spec.payMinutes), at(spec.date, spec.slot.end)),
    status: 0,
    statusDesc: statusText(0),
    hisOrderNo: '',
    businessNo: '',
    receiptNo: '',
    paidAt: '',
    confirmedAt: '',
    numberTakenAt: '',
    cancelledAt: '',
  };
  store.state.nat.bookings[booking.id] = booking;
  return booking;
}

/** The HIS payment order of a booking (/cpay/newPayment): created once, then returned again. */
export function paymentOrder(store: Store, b: NatBooking, patient: Patient, payWay: string, now: string): HisOrder {
  const existing = b.hisOrderNo ? store.order(b.hisOrderNo) : undefined;
  if (existing) {
    existing.payMode = payWay;
    b.payWay = payWay;
    return existing;
  }
  const order: HisOrder = {
    orderNo: store.opaqueId(),
    purpose: 'nat',
    patientId: patient.id,
    cardNo: patient.cardNo,
    opFlag: 1,
    totalFen: b.feeFen,
    payMode: payWay,
    status: 0,
    statusHistory: [],
    applied: false,
    appliedAt: '',
    businessNo: '',
    businessInfo: '{}',
    createdAt: now,
    ref: b.id,
    refundedAt: '',
  };
  store.core.orders[order.orderNo] = order;
  b.hisOrderNo = order.orderNo;
  b.payWay = payWay;
  return order;
}

/** The payment arrived (/appointment/confirm): the order is paid and applied, an invoice is issued. */
export function confirmBooking(
  store: Store,
  b: NatBooking,
  order: HisOrder,
  payment: { businessNo: string; payWay: string; payTime: string; now: string },
): void {
  const patient = store.patient(b.patientId);
  const receipt: Receipt = {
    id: store.opaqueId(),
    receiptNo: store.serial('receiptNo', 3400000000),
    patientId: b.patientId,
    opFlag: 1,
    cardNo: patient?.cardNo ?? order.cardNo,
    totalFen: b.feeFen,
    discountFen: 0,
    siPayFen: 0,
    accountPayFen: 0,
    cashPayFen: b.feeFen,
    date: payment.now.slice(0, 10),
  };
  store.core.receipts.push(receipt);
  order.status = 2;
  order.statusHistory.push({ status: 1, at: payment.payTime, reason: '支付成功' }, { status: 2, at: payment.now, reason: '核酸检测预约已确认' });
  order.applied = true;
  order.appliedAt = payment.now;
  order.businessNo = payment.businessNo;
  order.payMode = payment.payWay;
  b.payWay = payment.payWay;
  b.businessNo = payment.businessNo;
  b.receiptNo = receipt.receiptNo;
  b.paidAt = payment.payTime;
  b.confirmedAt = payment.now;
  setStatus(b, 1);
}

/** /appointment/cancel: the place is freed; a paid booking waits for its refund. */
export function cancelBooking(b: NatBooking, now: string, refundOrderNo?: string): void {
  b.cancelledAt = now;
  if (refundOrderNo !== undefined) {
    b.refund = { orderNo: refundOrderNo, requestedAt: now, businessNo: '', refundTime: '', doneAt: '' };
    setStatus(b, -1, REFUNDING_DESC);
  } else {
    setStatus(b, -1);
  }
}

/** /refund/callback: the money went back; the original order records the refund. */
export function completeRefund(store: Store, b: NatBooking, refund: { businessNo: string; refundTime: string; now: string }): void {
  if (!b.refund) return;
  b.refund.businessNo = refund.businessNo;
  b.refund.refundTime = refund.refundTime;
  b.refund.doneAt = refund.now;
  const order = store.order(b.hisOrderNo);
  if (order) order.refundedAt = refund.refundTime;
  setStatus(b, -1, REFUNDED_DESC);
}

export function isLapsed(b: NatBooking): boolean {
  return b.status === -1 && b.statusDesc === LAPSED_DESC;
}

export function slotStart(b: NatBooking): string {
  return at(b.date, b.slotName.slice(0, 5));
}

/** When the sample is taken, tested and reported: fixed by the slot, a few minutes apart between people. */
export function reportTimes(b: NatBooking): { sampledAt: string; checkedAt: string; reportedAt: string } {
  const sampledAt = addMinutes(slotStart(b), SAMPLE_AFTER_START_MINUTES + spread(b.id, 15));
  const checkedAt = addMinutes(sampledAt, CHECK_AFTER_SAMPLE_MINUTES + spread(`${b.id}c`, 20));
  return { sampledAt, checkedAt, reportedAt: addMinutes(checkedAt, REPORT_AFTER_CHECK_MINUTES) };
}

function staffName(names: string[], key: string): string {
  return names[spread(key, names.length)] ?? '';
}

function makeReport(store: Store, b: NatBooking): NatReport {
  const nurses = store.core.nurses.filter((n) => n.deptId === SAMPLING_DEPT_ID).map((n) => n.name);
  const labStaff = store.core.doctors.filter((d) => d.deptId === LAB_DEPT_ID).map((d) => d.name);
  return {
    barcode: store.serial('natBarcode', 2200000000),
    sample: SAMPLE_TYPES[spread(`${b.id}s`, SAMPLE_TYPES.length)] ?? '口咽拭子',
    ...reportTimes(b),
    sampleUser: staffName(nurses.length ? nurses : store.core.nurses.map((n) => n.name), b.id),
    checkUser: staffName(labStaff.length ? labStaff : store.core.doctors.map((d) => d.name), b.id),
    items: negativeItems(),
  };
}

/**
 * What time does to a booking: an unpaid one lapses at its deadline and frees its place; a confirmed one is
 * checked in (已取号) when its slot starts; a checked-in one is completed with its report once the report is out.
 */
export function advance(store: Store, b: NatBooking, now: string): void {
  if (b.status === 0 && now >= b.payDeadline) {
    b.cancelledAt = b.payDeadline;
    setStatus(b, -1, LAPSED_DESC);
  }
  if (b.status === 1 && now >= slotStart(b)) {
    b.numberTakenAt = slotStart(b);
    setStatus(b, 2);
  }
  if (b.status === 2 && now >= reportTimes(b).reportedAt) {
    b.report = makeReport(store, b);
    setStatus(b, 9);
  }
}
