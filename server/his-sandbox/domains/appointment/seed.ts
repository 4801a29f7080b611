/**
 * The booking window (today … today+7) and bookings: 张伟's four documented ones, and background patients'
 * bookings of every kind (paid, to be paid at the hospital, waiting for payment, seen, refunded, no-show).
 */
import type { Dayjs } from 'dayjs';
import { DATE, DATETIME } from '../../clock';
import type { Doctor, Patient, Registration } from '../../state/core';
import type { Rng } from '../../state/random';
import type { SeedContext, Store } from '../../state/store';
import { deptSuitsInSeed, generalClinicDoctor, nowText, sessionByName, SESSIONS } from '../registration/clinic';
import {
  applyOrder,
  bookingOrder,
  bookingRecord,
  createBooking,
  issueCertificate,
  markPaid,
  NO_SHOW_TEXT,
  operatorOf,
  personOf,
  STATUS,
} from './bookings';
import { clinicKind, slotAround } from './schedules';
import type { ApptSchedule, AppointmentState, Booking } from './state';
import { extendWindow } from './tick';

const PALM = operatorOf('hpalm', 'hpalm');

function schedulesOf(store: Store, pick: (s: ApptSchedule) => boolean): ApptSchedule[] {
  return Object.values(store.state.appointment.schedules)
    .filter(pick)
    .sort((a, b) => a.date.localeCompare(b.date) || a.durationId.localeCompare(b.durationId) || a.id.localeCompare(b.id));
}

/** Books the first slot with room of the first schedule that has one (doctor schedules before the 普通门诊). */
function bookFirstFree(store: Store, candidates: ApptSchedule[], patient: Patient, created: Dayjs, prepayMinutes: number): Booking | undefined {
  const ordered = [...candidates.filter((s) => s.doctorId), ...candidates.filter((s) => !s.doctorId)];
  for (const schedule of ordered) {
    const slot = schedule.slots.find((s) => s.booked < s.max);
    if (slot) {
      return createBooking(store, { schedule, slot, person: personOf(patient), accountId: patient.accountId, operator: PALM, created, prepayMinutes, dataSource: 'w1', remark: '' });
    }
  }
  return undefined;
}

/** Pays a seeded booking as the app would have: through the platform (with its HIS order) or from the balance. */
function paySeeded(store: Store, b: Booking, via: 'balance' | 'platform', at: string, serial: string): void {
  if (via === 'platform') {
    const businessNo = `4200${serial}`;
    const businessInfo = JSON.stringify({ trade_type: 'JSAPI', bank_type: 'OTHERS', transaction_id: businessNo });
    markPaid(store, b, { via, payWayId: 'wepay', businessNo, businessInfo, at });
    applyOrder(bookingOrder(store, b, 'wepay', b.createdAt), at, businessNo, businessInfo);
  } else {
    markPaid(store, b, { via, payWayId: '', businessNo: '', businessInfo: '', at });
  }
}

/** A booking of a past day (its schedule is gone): what it was for, taken from a doctor and a time. */
function pastBooking(store: Store, patient: Patient, spec: { doctor: Doctor | undefined; deptId: string; date: string; time: string; created: string; status: number }): Booking {
  const general = generalClinicDoctor(store, spec.deptId);
  const session = sessionByName(spec.time < '12:00' ? '上午' : '下午');
  const clinicId = spec.doctor?.registerTypeId ?? '1';
  const kind = clinicKind(clinicId);
  const slot = slotAround(spec.time);
  const b = bookingRecord(store, {
    scheduleId: store.opaqueId(),
    timeId: slot.id,
    deptId: spec.deptId,
    doctorId: spec.doctor?.id ?? '',
    clinicId,
    clinicName: spec.doctor?.registerTypeName ?? '普通号',
    registerTypeId: kind.id,
    registerTypeName: kind.name,
    feeFen: (spec.doctor ?? general).feeFen,
    date: spec.date,
    durationId: session.id,
    timeName: `${slot.start}-${slot.end}`,
    person: personOf(patient),
    operator: PALM,
    accountId: patient.accountId,
    queueNo: 0,
    needPrepay: store.department(spec.deptId)?.needPrepay ?? false,
    prepayDeadline: '',
    status: spec.status,
    createdAt: spec.created,
    dataSource: 'w1',
    remark: '',
  });
  store.state.appointment.bookings[b.id] = b;
  return b;
}

/** A past booking that became the window registration `reg` (number taken at the window, seen by the doctor). */
function seenBooking(store: Store, patient: Patient, reg: Registration, ctx: SeedContext, serial: string): Booking {
  const created = ctx.clock.at(reg.visitDate, '20:15:00').subtract(3, 'day');
  const b = pastBooking(store, patient, { doctor: store.doctor(reg.doctorId), deptId: reg.deptId, date: reg.visitDate, time: reg.createdAt.slice(11, 16), created: created.format(DATETIME), status: STATUS.confirmed });
  b.queueNo = reg.queueNo;
  if (b.needPrepay) paySeeded(store, b, 'platform', created.add(3, 'minute').format(DATETIME), serial);
  else issueCertificate(store, b);
  b.status = STATUS.seen;
  b.visitId = reg.id;
  return b;
}

function seedZhangwei(ctx: SeedContext, zhangwei: Patient): void {
  const { store, today, config } = ctx;
  const yesterday = ctx.clock.at(today).subtract(1, 'day');
  const tomorrow = ctx.clock.at(today).add(1, 'day').format(DATE);

  // 已就诊: the 呼吸与危重症医学科 visit three weeks ago was booked online.
  const respiratory = Object.values(store.core.registrations).find((r) => r.patientId === zhangwei.id && r.deptId === '1002');
  if (respiratory) seenBooking(store, zhangwei, respiratory, ctx, '20000001');

  // 已取消: a 内分泌科 booking of last week, cancelled before paying.
  const endocrine = store.core.doctors.find((d) => d.deptId === '1004');
  const cancelledOn = ctx.clock.at(today).subtract(6, 'day').format(DATE);
  const cancelled = pastBooking(store, zhangwei, { doctor: endocrine, deptId: '1004', date: cancelledOn, time: '14:30', created: `${ctx.clock.at(today).subtract(8, 'day').format(DATE)} 20:31:05`, status: STATUS.cancelled });
  cancelled.prepayDeadline = cancelled.needPrepay ? ctx.clock.at(cancelled.createdAt.slice(0, 10), cancelled.createdAt.slice(11)).add(config.prepayMinutes, 'minute').format(DATETIME) : '';
  cancelled.cancelledAt = `${cancelled.createdAt.slice(0, 10)} 20:36:40`;
  cancelled.cancelRemark = '行程有变';

  // 已确认 for tomorrow at 消化内科, paid through the platform: cancelling it means a platform refund.
  const created = yesterday.hour(21).minute(5).second(0);
  const digestive = bookFirstFree(store, schedulesOf(store, (s) => s.deptId === '1003' && s.date === tomorrow), zhangwei, created, config.prepayMinutes);
  if (digestive) paySeeded(store, digestive, 'platform', created.add(2, 'minute').format(DATETIME), '20000002');

  // 已确认 for today's afternoon at 心血管内科, paid from the card balance: its number can be taken today.
  const createdToday = yesterday.hour(19).minute(40).second(0);
  const cardio = bookFirstFree(store, schedulesOf(store, (s) => s.deptId === '1001' && s.date === today && s.durationId === '2'), zhangwei, createdToday, config.prepayMinutes);
  if (cardio) paySeeded(store, cardio, 'balance', createdToday.add(1, 'minute').format(DATETIME), '');
}

function seedBackground(ctx: SeedContext, rng: Rng): void {
  const { store, today, config } = ctx;
  const background = store.patients().filter((p) => !p.demo);
  const people = rng.sample(background, 16);
  const future = schedulesOf(store, (s) => s.date > today);
  const suits = (deptId: string, p: Patient) => deptSuitsInSeed(store.requireDepartment(deptId), p, today);
  let serial = 20000100;

  // Upcoming bookings: paid online, paid from the balance, or (no prepayment) to be paid at the hospital.
  for (const patient of people.slice(0, 10)) {
    const created = ctx.now.subtract(rng.int(1, 72), 'hour').startOf('minute');
    const b = bookFirstFree(store, [rng.pick(future.filter((s) => suits(s.deptId, patient)))], patient, created, config.prepayMinutes);
    if (!b || !b.needPrepay) continue;
    serial += 1;
    paySeeded(store, b, rng.chance(0.7) ? 'platform' : 'balance', nowText(created.add(rng.int(1, 10), 'minute')), String(serial));
  }
  // Two bookings made minutes ago and not paid yet: they lapse a few minutes after the sandbox starts.
  for (const patient of people.slice(10, 12)) {
    const prepaid = future.filter((s) => store.department(s.deptId)?.needPrepay && suits(s.deptId, patient));
    bookFirstFree(store, [rng.pick(prepaid)], patient, ctx.now.subtract(rng.int(3, 8), 'minute'), config.prepayMinutes);
  }
  // Past bookings: seen (linked to the patient's window registration), refunded, no-show.
  const pastRegs = Object.values(store.core.registrations).filter((r) => r.visitDate < today && r.visitDate >= ctx.clock.at(today).subtract(60, 'day').format(DATE) && !store.patient(r.patientId)?.demo);
  for (const reg of rng.sample(pastRegs, 4)) {
    const patient = store.patient(reg.patientId);
    serial += 1;
    if (patient) seenBooking(store, patient, reg, ctx, String(serial));
  }
  for (const [i, patient] of people.slice(12).entries()) {
    const dept = rng.pick(store.core.departments.filter((d) => d.outpatient && suits(d.id, patient)));
    const doctor = rng.pick(store.core.doctors.filter((d) => d.deptId === dept.id));
    const day = ctx.clock.at(today).subtract(rng.int(2, 30), 'day');
    const session = rng.pick(SESSIONS);
    const time = `${session.id === '1' ? '0' + rng.int(8, 9) : rng.int(14, 16)}:${rng.pick(['00', '30'])}`;
    const b = pastBooking(store, patient, { doctor, deptId: dept.id, date: day.format(DATE), time, created: day.subtract(2, 'day').hour(20).minute(rng.int(0, 59)).format(DATETIME), status: STATUS.confirmed });
    b.queueNo = rng.int(3, 20);
    serial += 1;
    if (b.needPrepay) paySeeded(store, b, 'platform', nowText(day.subtract(2, 'day').hour(21)), String(serial));
    else issueCertificate(store, b);
    if (i % 2 === 0) {
      b.status = STATUS.noShow;
      b.statusText = NO_SHOW_TEXT;
    } else if (b.paidVia) {
      b.status = STATUS.refunded;
      b.cancelledAt = nowText(day.subtract(1, 'day').hour(9));
      b.refundBusinessNo = `R${b.businessNo}`;
      b.refundBusinessInfo = JSON.stringify({ refund_id: b.refundBusinessNo });
      const order = store.core.orders[b.id];
      if (order) order.refundedAt = b.cancelledAt;
    } else {
      b.status = STATUS.cancelled;
      b.cancelledAt = nowText(day.subtract(1, 'day').hour(9));
    }
  }
}

export function seedAppointment(ctx: SeedContext): AppointmentState {
  const slice: AppointmentState = { days: [], schedules: {}, bookings: {} };
  ctx.store.state.appointment = slice;
  extendWindow(ctx.store, ctx.today);
  const zhangwei = ctx.store.patients().find((p) => p.demo === 'zhangwei');
  if (zhangwei) seedZhangwei(ctx, zhangwei);
  seedBackground(ctx, ctx.rng('appointment'));
  return slice;
}
