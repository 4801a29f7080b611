/**
 * 核酸检测预约: campuses, dates and slots; booking, payment order, confirmation, cancellation and refund;
 * booking queries; results and their PDF reports.
 */
import type { HisRequests } from '../../../his-catalogue/types.generated';
import { DATETIME } from '../../clock';
import { WEEKDAYS_SHORT_ZH, HisFail, need, toFen, yuan, yuanText, type HandlerContext, type HandlerMap } from '../../runtime';
import { age, makeNewPatient } from '../../state/builders';
import type { HisOrder, Patient } from '../../state/core';
import { NAT_FEE_FEN, REPORT_LANGUAGES, slotByName } from './catalog';
import { cancelBooking, completeRefund, confirmBooking, isLapsed, openBooking, paymentOrder, type BookingSpec } from './lifecycle';
import { checkDataSource, checkDateTime, checkIdentity, checkIdNoKey, checkPayWay, checkPhone, checkReportLanguage, type Identity } from './rules';
import { inWindow, natCampus, offeredSlots, placesLeft, slotOver, windowDates } from './slots';
import type { NatBooking, NatState } from './state';
import { isDate } from './time';
import { bookingInfo, bookingListItem, reportsOf, resultItems, resultRow } from './views';

function nowText(ctx: HandlerContext): string {
  return ctx.now.format(DATETIME);
}

function requireBooking(ctx: HandlerContext, apptId: string): NatBooking {
  const b = ctx.store.state.nat.bookings[need(apptId, 'appt_id')];
  if (!b) throw new HisFail('预约记录不存在');
  return b;
}

function checkApptDate(value: string, today: string): string {
  const date = need(value, 'appt_date');
  if (!isDate(date)) throw new HisFail('预约日期格式错误，应为YYYY-MM-DD');
  if (!inWindow(date, today)) throw new HisFail('预约日期不在可预约范围内（可预约今天起7天内）');
  return date;
}

/** Why a booking can no longer be paid or confirmed, or undefined while it can. */
function notPayable(b: NatBooking): string | undefined {
  if (isLapsed(b)) return '预约已超时未支付，已自动撤销，请重新预约';
  if (b.status === -1) return '预约已撤销';
  if (b.status !== 0) return '预约已支付确认，请勿重复支付';
  return undefined;
}

function feeMismatch(fen: number): string {
  return `支付金额与检测费用不符（应为${yuanText(fen)}元）`;
}

/** Someone already on file with this document number, checked against the booked name. */
function knownPerson(ctx: HandlerContext, idNo: string, name: string): Patient | undefined {
  const patient = ctx.store.patientByIdNo(idNo);
  if (patient && patient.name !== name) throw new HisFail('预约人姓名与证件号码不符');
  return patient;
}

/** The checked values of a /appointment/pre request. */
type BookingRequest = Omit<BookingSpec, 'patient' | 'identity' | 'createdAt' | 'payMinutes'> & { identity: Identity };

function readBookingRequest(req: HisRequests['/appointment/pre'], ctx: HandlerContext): BookingRequest {
  const name = need(req.user_name, 'user_name');
  if (name.length > 30) throw new HisFail('预约人姓名过长');
  need(req.user_id_no, 'user_id_no');
  const phone = checkPhone(need(req.user_phone_no, 'user_phone_no'));
  const payWay = checkPayWay(need(req.pay_way, 'pay_way'));
  // Paid before booking is not a flow of the palm app: there would be no HIS order to confirm or refund.
  if (req.pay_status === 1) throw new HisFail('预约时不能为已支付状态，请预约成功后再支付');
  if (req.pay_status !== 0) throw new HisFail('支付状态取值错误（0：未支付，1：已支付）');
  const createTime = checkDateTime(need(req.create_time, 'create_time'), '创建时间');
  const dataSource = checkDataSource(need(req.data_source, 'data_source'));
  const reportLanguage = checkReportLanguage(req.report_lanuage);
  const identity = checkIdentity(req, ctx.today);
  const campus = natCampus(ctx.store, need(req.hospital_id, 'hospital_id'));
  const date = checkApptDate(req.appt_date, ctx.today);
  const slot = slotByName(need(req.time_slot, 'time_slot'));
  if (!slot) throw new HisFail('预约时段不存在');
  if (slotOver(date, slot, nowText(ctx))) throw new HisFail('该时段已结束，请选择其他时段');
  return { name, phone, identity, hospitalId: campus.id, date, slot, reportLanguage, payWay, dataSource, createTime };
}

function hasActiveBookingOn(nat: NatState, patientId: string, date: string): boolean {
  return Object.values(nat.bookings).some((b) => b.patientId === patientId && b.date === date && (b.status === 0 || b.status === 1 || b.status === 2));
}

export const natHandlers = {
  '/hospital/area/list': (_req, ctx) => ({
    data: ctx.store.core.campuses.filter((c) => c.natBookable).map((c) => ({ hospital_id: c.id, hospital_name: c.name })),
  }),

  '/date/list': (req, ctx) => {
    const campus = natCampus(ctx.store, need(req.hospital_id, 'hospital_id'));
    const now = nowText(ctx);
    // Today stays on the list while one of its slots has not ended.
    const dates = windowDates(ctx.today).filter((d) => offeredSlots(ctx.store.state.nat, campus.id, d, now).length > 0);
    return {
      data: dates.map((d) => ({ appt_date: d, weekday: WEEKDAYS_SHORT_ZH[ctx.clock.at(d).day()] ?? '' })),
    };
  },

  '/type/list': (req, ctx) => {
    const campus = natCampus(ctx.store, need(req.hospital_id, 'hospital_id'));
    const date = checkApptDate(req.appt_date, ctx.today);
    const slots = offeredSlots(ctx.store.state.nat, campus.id, date, nowText(ctx));
    const remain = slots.reduce((sum, s) => sum + s.left, 0);
    return {
      data: [
        {
          remain_count: remain,
          total_fee: yuan(NAT_FEE_FEN),
          ...(slots.length
            ? { time_slot: slots.map((s) => ({ time_slot_id: s.slot.id, time_slot_name: s.slot.name, remain_count: s.left })) }
            : {}),
        },
      ],
    };
  },

  '/appointment/language/get': () => ({ data: REPORT_LANGUAGES.map((l) => ({ id: l.id, name: l.name })) }),

  '/appointment/pre': (req, ctx) => {
    const r = readBookingRequest(req, ctx);
    const nat = ctx.store.state.nat;
    const known = knownPerson(ctx, r.identity.idNo, r.name);
    if (known && hasActiveBookingOn(nat, known.id, r.date)) throw new HisFail('该预约人当日已有核酸检测预约，请勿重复预约');
    if (placesLeft(nat, r.hospitalId, r.date, r.slot.id) <= 0) throw new HisFail('该时段已约满，请选择其他时段');

    const sex = r.identity.sex ?? known?.sex;
    const birthday = r.identity.birthday ?? known?.birthday;
    if (!sex || !birthday) throw new HisFail('护照预约须填写性别和出生日期');
    const now = nowText(ctx);
    const patient = known ?? makeNewPatient(ctx.store, { name: r.name, sex, birthday, idNo: r.identity.idNo, phone: r.phone }, now);
    const booking = openBooking(ctx.store, {
      ...r,
      patient,
      identity: { ...r.identity, sex, birthday },
      createdAt: now,
      payMinutes: ctx.config.natPayMinutes,
    });
    ctx.setMessage('预约成功');
    return { data: { appt_id: booking.id } };
  },

  '/cpay/newPayment': (req, ctx) => {
    const b = requireBooking(ctx, req.appt_id);
    if (need(req.patient_id, 'patient_id') !== b.patientId) throw new HisFail('患者ID与预约记录不符');
    if (need(req.visit_id, 'visit_id') !== b.visitId) throw new HisFail('就诊记录ID与预约记录不符');
    if (req.op_flag !== 1) throw new HisFail(req.op_flag === 2 ? '核酸检测预约为门诊业务，就诊类型应为1' : '就诊类型取值错误（1：门诊，2：住院）');
    const payWay = checkPayWay(need(req.pay_way, 'pay_way'));
    checkDataSource(need(req.data_source, 'data_source'));
    const blocked = notPayable(b);
    if (blocked) throw new HisFail(blocked);
    if (toFen(req.total, 'total') !== b.feeFen) throw new HisFail(feeMismatch(b.feeFen));
    const patient = ctx.store.requirePatient(b.patientId);
    const order = paymentOrder(ctx.store, b, patient, payWay, nowText(ctx));
    return { data: { appt_id: b.id, his_order_no: order.orderNo } };
  },

  '/payment/get': (req, ctx) => {
    const order = ctx.store.order(need(req.his_order_no, 'his_order_no'));
    const b = order?.purpose === 'nat' ? ctx.store.state.nat.bookings[order.ref] : undefined;
    if (!order || !b) throw new HisFail('订单不存在');
    return {
      data: {
        patient_id: order.patientId,
        visit_id: b.visitId,
        appt_id: b.id,
        his_order_no: order.orderNo,
        pay_way: order.payMode,
        total: yuanText(order.totalFen),
        status: order.status >= 1 ? '1' : '0',
      },
    };
  },

  '/appointment/confirm': (req, ctx) => {
    const b = requireBooking(ctx, req.appt_id);
    const businessNo = need(req.business_no, 'business_no');
    const orderNo = need(req.his_order_no, 'his_order_no');
    const payWay = checkPayWay(need(req.pay_way, 'pay_way'));
    const payTime = checkDateTime(need(req.pay_time, 'pay_time'), '支付时间');
    checkDataSource(need(req.data_source, 'data_source'));
    if (b.status === 1 || b.status === 2 || b.status === 9) throw new HisFail('预约已确认，请勿重复确认');
    const blocked = notPayable(b);
    if (blocked) throw new HisFail(blocked);
    if (!b.hisOrderNo) throw new HisFail('该预约尚未创建支付订单');
    if (orderNo !== b.hisOrderNo) throw new HisFail('订单号与预约记录不符');
    const order: HisOrder | undefined = ctx.store.order(orderNo);
    if (!order) throw new HisFail('订单不存在');
    if (payWay !== order.payMode) throw new HisFail('支付方式与订单不符');
    if (toFen(req.pay_total, 'pay_total') !== b.feeFen) throw new HisFail(feeMismatch(b.feeFen));
    if (Object.values(ctx.store.core.orders).some((o) => o.businessNo === businessNo && o.orderNo !== order.orderNo)) {
      throw new HisFail('支付单据号已被其他订单使用');
    }
    confirmBooking(ctx.store, b, order, { businessNo, payWay, payTime, now: nowText(ctx) });
    ctx.setMessage('确认成功');
    return {};
  },

  '/appointment/cancel': (req, ctx) => {
    const b = requireBooking(ctx, req.appt_id);
    checkDataSource(need(req.data_source, 'data_source'));
    if (b.status === -1) throw new HisFail(isLapsed(b) ? '预约已超时自动撤销，无需再次撤销' : '预约已撤销，请勿重复操作');
    if (b.status === 2) throw new HisFail('已取号采样，不能撤销预约');
    if (b.status === 9) throw new HisFail('检测已完成，不能撤销预约');
    if (b.status === 0) {
      cancelBooking(b, nowText(ctx));
    } else {
      if (need(req.receipt_id, 'receipt_id') !== b.receiptNo) throw new HisFail('发票ID与预约记录不符');
      const refundNo = need(req.his_order_no, 'his_order_no');
      const taken = Object.values(ctx.store.state.nat.bookings).some((x) => x.refund?.orderNo === refundNo);
      if (taken || (refundNo !== b.hisOrderNo && ctx.store.order(refundNo))) throw new HisFail('退款订单号已被使用');
      cancelBooking(b, nowText(ctx), refundNo);
    }
    ctx.setMessage('撤销成功');
    return {};
  },

  '/refund/callback': (req, ctx) => {
    const refundNo = need(req.his_order_no, 'his_order_no');
    const businessNo = need(req.business_no, 'business_no');
    const refundTime = checkDateTime(need(req.refund_time, 'refund_time'), '退款时间');
    const b = Object.values(ctx.store.state.nat.bookings).find((x) => x.refund?.orderNo === refundNo);
    if (!b?.refund) throw new HisFail('退款订单不存在');
    if (b.refund.doneAt) {
      // A repeated delivery of the same callback is acknowledged again; a different refund serial is refused.
      if (b.refund.businessNo !== businessNo) throw new HisFail('该退款订单已回调，三方流水号不一致');
    } else {
      completeRefund(ctx.store, b, { businessNo, refundTime, now: nowText(ctx) });
    }
    ctx.setMessage('回调成功');
    return {};
  },

  '/appointment/info/get': (req, ctx) => {
    const b = requireBooking(ctx, req.appt_id);
    ctx.setMessage('获取成功');
    return { data: bookingInfo(b, ctx.today) };
  },

  '/appointment/info/get2': (req, ctx) => {
    const idNo = checkIdNoKey(need(req.user_id_no, 'user_id_no'), ctx.today);
    const phone = checkPhone(need(req.user_phone_no, 'user_phone_no'));
    const patient = ctx.store.patientByIdNo(idNo);
    const bookings = patient ? Object.values(ctx.store.state.nat.bookings).filter((b) => b.patientId === patient.id) : [];
    // The phone must be the person's own, or one they booked with.
    if (!patient || (patient.phone !== phone && !bookings.some((b) => b.phone === phone))) {
      throw new HisFail('未查询到该身份证号和手机号对应的预约人');
    }
    bookings.sort((a, b) => b.date.localeCompare(a.date) || b.slotName.localeCompare(a.slotName) || b.createdAt.localeCompare(a.createdAt));
    return {
      data: {
        patient: {
          id: patient.id,
          name: patient.name,
          id_no: patient.idNo,
          phone_no: patient.phone,
          sex: patient.sex,
          age: age(patient, ctx.today),
          birthday: patient.birthday,
        },
        appt: bookings.map(bookingListItem),
      },
    };
  },

  '/appointment/result/get': (req, ctx) => {
    if (req.appt_id === undefined || req.appt_id.trim() === '') throw new HisFail('请传入预约记录ID');
    const b = requireBooking(ctx, req.appt_id);
    if (b.status === -1) throw new HisFail('预约已撤销，无检测结果');
    if (b.status !== 9 || !b.report) throw new HisFail('检测结果尚未出具，请耐心等待');
    ctx.setMessage('获取成功');
    return { data: resultItems(b.report) };
  },

  '/appointmentNAT/getNATResultList': (req, ctx) => {
    const idNo = checkIdNoKey(need(req.id_no, 'id_no'), ctx.today);
    return { data: reportsOf(ctx.store, idNo).map(({ booking, report }) => resultRow(booking, report, ctx.baseUrl)) };
  },
} satisfies Partial<HandlerMap>;
