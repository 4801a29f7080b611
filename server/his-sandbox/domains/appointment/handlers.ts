/**
 * Appointment booking (预约挂号): departments, dates, schedules, doctors and time slots; booking a place (/new),
 * its payment order and prepayment, querying and cancelling bookings, the platform's payment status, and the
 * patient's card balance.
 */
import dayjs from 'dayjs';
import { parseIdCard } from '../../../../common/id-card';
import { isMainlandMobile } from '../../../../common/phone';
import { spellCode } from '../../state/builders';
import type { Department, Patient } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail, need, toFen, WEEKDAYS_ZH, yuan, yuanText, type HandlerContext, type HandlerMap } from '../../runtime';
import { checkCardUsable, deptRefusal, nowText, sessionById } from '../registration/clinic';
import {
  applyOrder,
  bookingOrder,
  bookings,
  canCancel,
  canPrepay,
  createBooking,
  holdsPlace,
  LAPSED_TEXT,
  markPaid,
  notPayableReason,
  operatorOf,
  personOf,
  releasePlace,
  requireBooking,
  sessionHasStarted,
  slotStart,
  STATUS,
  statusText,
  type Person,
} from './bookings';
import type { ApptSchedule, ApptSlot, Booking } from './state';

const PAY_WAYS = ['wepay', 'alipay'];

/** Optional answer fields are left out when there is nothing to say. */
function orNone(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function requireOutpatientDept(store: Store, deptId: string): Department {
  const dept = store.requireDepartment(need(deptId, 'DEPT_ID'));
  if (!dept.outpatient) throw new HisFail('该科室不开放预约挂号');
  return dept;
}

function requireSchedule(store: Store, id: string): ApptSchedule {
  const schedule = store.state.appointment.schedules[need(id, 'SCHEDULE_ID')];
  if (!schedule) throw new HisFail('排班不存在');
  return schedule;
}

function weekday(date: string): string {
  return WEEKDAYS_ZH[dayjs(date).day()] ?? '';
}

/** The slots of a schedule still open for booking: those that have not started. */
function openSlots(schedule: ApptSchedule, now: string): ApptSlot[] {
  return schedule.slots.filter((s) => `${schedule.date} ${s.start}:00` > now);
}

function payWay(value: string | undefined, field: string): string {
  const way = need(value, field).toLowerCase();
  if (!PAY_WAYS.includes(way)) throw new HisFail(`不支持的支付方式：${value ?? ''}（微信：wepay，支付宝：alipay）`);
  return way;
}

/** BUSINESS_INFO fields are JSON (交易参考号、终端号…); an empty value means none. */
function jsonText(value: string | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (text === '') return '';
  try {
    JSON.parse(text);
  } catch {
    throw new HisFail(`${field}应为JSON格式`);
  }
  return text;
}

function doctorFields(store: Store, doctorId: string) {
  const d = store.doctor(doctorId);
  if (!d) return {};
  return {
    SPELL_CODE: d.spellCode,
    DOCTOR_SEX: d.sex,
    DOCTOR_CONTACT_NO: d.phone,
    DOCTOR_POST: orNone(d.post),
    DOCTOR_MEDICAL_TITLE_ID: d.medicalTitleId,
    DOCTOR_MEDICAL_TITLE_NAME: d.medicalTitleName,
    DOCTOR_TEACH_TITLE_ID: orNone(d.teachTitleId),
    DOCTOR_TEACH_TITLE_NAME: orNone(d.teachTitleName),
    DOCTOR_SKILL: d.skill,
    DOCTOR_REMARK: d.intro,
  };
}

function scheduleView(store: Store, s: ApptSchedule, now: string) {
  const dept = store.requireDepartment(s.deptId);
  const doctor = store.doctor(s.doctorId);
  const open = openSlots(s, now);
  const max = open.reduce((n, x) => n + x.max, 0);
  const count = open.reduce((n, x) => n + x.booked, 0);
  return {
    SCHEDULE_ID: s.id,
    CLINIC_ID: s.clinicId,
    CLINIC_NAME: s.clinicName,
    DEPT_ID: dept.id,
    DEPT_NAME: dept.name,
    REGISTER_TYPE_ID: s.registerTypeId,
    // Described as 电话号码 (phone number), 门诊类型 and 门诊类型 普通、主任医师号等: filled as described.
    REGISTER_TYPE_NAME: doctor?.phone ?? dept.phone,
    PATIENT_TYPE_ID: s.registerTypeName,
    PATIENT_TYPE_NAME: s.clinicName,
    TOTAL: yuan(s.feeFen),
    DT: s.date,
    WEEK_DAY: weekday(s.date),
    DURATION_ID: s.durationId,
    DURATION_NAME: sessionById(s.durationId)?.name ?? '',
    APPT_MAX: max,
    APPT_COUNT: count,
    REMAIN_COUNT: max - count,
    DOCTOR_ID: s.doctorId,
    DOCTOR_NAME: doctor?.name ?? '',
    ...doctorFields(store, s.doctorId),
  };
}

/** Schedules still bookable: of today or later, with at least one slot that has not started. */
function bookable(store: Store, deptId: string, now: string): ApptSchedule[] {
  const today = now.slice(0, 10);
  return Object.values(store.state.appointment.schedules)
    .filter((s) => s.deptId === deptId && s.date >= today && openSlots(s, now).length > 0)
    .sort((a, b) => a.date.localeCompare(b.date) || a.durationId.localeCompare(b.durationId) || (a.doctorId === '' ? 1 : 0) - (b.doctorId === '' ? 1 : 0) || a.doctorId.localeCompare(b.doctorId));
}

/**
 * The person of /new: a card holder (PATIENT_ID), or NAME + ID_NO + PHONE_NO without a card; the department
 * must see them (no men in 妇产科, children only in 儿科).
 */
function bookingPerson(req: { PATIENT_ID?: string; NAME?: string; SEX: string; ID_NO?: string; PHONE_NO?: string }, dept: Department, ctx: HandlerContext): Person {
  const sex = need(req.SEX, 'SEX');
  if (sex !== '男' && sex !== '女') throw new HisFail('性别应为男或女');
  const refuse = (person: { sex: string; birthday: string }) => {
    const refusal = deptRefusal(dept, person, ctx.today);
    if (refusal) throw new HisFail(refusal);
  };
  if (req.PATIENT_ID !== undefined && req.PATIENT_ID.trim() !== '') {
    const patient = ctx.store.requirePatient(req.PATIENT_ID);
    checkCardUsable(patient.cardStatus);
    if (patient.sex !== sex) throw new HisFail('性别与病人信息不符');
    refuse(patient);
    return personOf(patient);
  }
  const name = need(req.NAME, 'NAME');
  const idNo = need(req.ID_NO, 'ID_NO');
  const phone = need(req.PHONE_NO, 'PHONE_NO');
  const id = parseIdCard(idNo, ctx.today);
  if (!id.valid) throw new HisFail('身份证号不正确');
  if (id.sex !== sex) throw new HisFail('性别与身份证号不符');
  if (!isMainlandMobile(phone)) throw new HisFail('手机号码不正确');
  refuse({ sex, birthday: id.birthday });
  const known: Patient | undefined = ctx.store.patientByIdNo(id.idNo);
  if (known) {
    if (known.name !== name) throw new HisFail('姓名与身份证号登记信息不符');
    checkCardUsable(known.cardStatus);
    return { ...personOf(known), phone };
  }
  return { patientId: '', cardNo: '', name, sex, idNo: id.idNo, phone };
}

function samePerson(b: Booking, p: Person): boolean {
  return p.patientId ? b.patientId === p.patientId : b.idNo === p.idNo;
}

/** START_TIME / END_TIME of /query: a date or a date-time, compared on the booking date. */
function dateBound(value: string | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (text === '') return '';
  if (!/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(text) || !dayjs(text.slice(0, 10)).isValid()) {
    throw new HisFail(`${field}格式错误，应为YYYY-MM-DD或YYYY-MM-DD HH:mm:ss`);
  }
  return text.slice(0, 10);
}

function queryMatches(req: { ACCOUNT_ID?: string; VISIT_ID?: string; PATIENT_ID?: string; NAME?: string; PHONE_NO?: string; ID_NO?: string }): (b: Booking) => boolean {
  const v = (x: string | undefined) => x?.trim() ?? '';
  const [account, visit, patient, name, phone, idNo] = [v(req.ACCOUNT_ID), v(req.VISIT_ID), v(req.PATIENT_ID), v(req.NAME), v(req.PHONE_NO), v(req.ID_NO).toUpperCase()];
  if ((name === '') !== (phone === '')) throw new HisFail('按姓名查询时姓名和电话须同时提供');
  if (!account && !visit && !patient && !name && !idNo) throw new HisFail('请提供预约记录id、病人id、账户id、就诊id、身份证号或姓名加电话作为查询条件');
  return (b) =>
    (!account || b.accountId === account) &&
    (!visit || b.visitId === visit) &&
    (!patient || b.patientId === patient) &&
    (!name || (b.name === name && b.phone === phone)) &&
    (!idNo || b.idNo === idNo);
}

function bookingView(store: Store, b: Booking, ctx: HandlerContext) {
  const dept = store.department(b.deptId);
  const campus = dept ? store.campus(dept.campusId) : undefined;
  const doctor = store.doctor(b.doctorId);
  return {
    APPT_ID: b.id,
    ACCOUNT_ID: b.accountId,
    PATIENT_ID: orNone(b.patientId),
    CARD_NO: orNone(b.cardNo),
    NAME: b.name,
    PHONE_NO: b.phone,
    ID_NO: b.idNo,
    HIS_ORDER_NO: b.id,
    BUSINESS_NO: orNone(b.businessNo),
    BUSINESS_INFO: orNone(b.businessInfo),
    SCHEDULE_ID: b.scheduleId,
    CLINIC_ID: b.clinicId,
    CLINIC_NAME: b.clinicName,
    REGISTER_TYPE_ID: b.registerTypeId,
    REGISTER_TYPE_NAME: b.registerTypeName,
    HOSPITAL_ID: dept?.campusId ?? '',
    HOSPITAL_NAME: campus?.name ?? '',
    DEPT_ID: b.deptId,
    DEPT_NAME: dept?.name ?? '',
    DOCTOR_ID: doctor?.id,
    DOCTOR_NAME: doctor?.name,
    TOTAL: yuan(b.feeFen),
    DT: b.date,
    DURATION_ID: b.durationId,
    DURATION_NAME: sessionById(b.durationId)?.name ?? '',
    TIME_ID: b.timeId,
    TIME_NAME: b.timeName,
    PREPAY_TIME_LIMIT: orNone(b.prepayDeadline),
    BALANCE_PAY: b.paidVia === 'balance' ? 1 : 0,
    CREATE_DEPT_ID: orNone(b.createDeptId),
    CREATE_DEPT_NAME: orNone(b.createDeptName),
    CREATE_USER_ID: orNone(b.createUserId),
    CREATE_USER_NAME: orNone(b.createUserName),
    CREATE_TIME: b.createdAt,
    DATA_SOURCE: b.dataSource,
    VISIT_ID: orNone(b.visitId),
    STATUS: b.status,
    STATUS_TEXT: statusText(b),
    ALLOW_PREPAY: canPrepay(b, ctx.now) ? 1 : 0,
    ALLOW_CANCEL: canCancel(b, ctx.now) ? 1 : 0,
    PLATFORM_CANCEL_PAY: b.paidVia === 'platform' && canCancel(b, ctx.now) ? 1 : 0,
    CERTIFICATE_CODE: orNone(b.certificateCode),
    QUEUE_NO: b.queueNo > 0 ? String(b.queueNo) : undefined,
  };
}

function refuseCancel(b: Booking, ctx: HandlerContext): void {
  switch (b.status) {
    case STATUS.unconfirmed:
    case STATUS.confirmed:
      if (sessionHasStarted(b, ctx.now)) throw new HisFail('已到就诊时段，不能取消预约');
      return;
    case STATUS.taken:
    case STATUS.checkedIn:
    case STATUS.seen:
      throw new HisFail('该预约已取号，不能取消，请到挂号窗口办理退号');
    case STATUS.noShow:
      throw new HisFail('该预约已过就诊日期，不能取消');
    default:
      throw new HisFail(b.statusText === LAPSED_TEXT ? '该预约已超时未支付自动取消，无需再取消' : '该预约已取消，请勿重复操作');
  }
}

export const appointmentHandlers = {
  '/get_dept': (_req, { store }) => ({
    DATA: store.core.departments
      .filter((d) => d.outpatient)
      .sort((a, b) => a.orderNo - b.orderNo)
      .map((d) => ({
        ORDER_NO: d.orderNo,
        HOSPITAL_ID: d.campusId,
        ID: d.id,
        NAME: d.name,
        SHORT_NAME: d.shortName,
        SPELL_CODE: d.spellCode,
        ADDRESS: d.address,
        PHONE_NO: d.phone,
        REMARK: d.intro,
        REGISTER_DEPT_CATEGORY_ID: d.categoryId,
        REGISTER_DEPT_CATEGORY_NAME: d.categoryName,
      })),
  }),

  '/get_dt': (req, { store, now }) => {
    const dept = requireOutpatientDept(store, req.DEPT_ID);
    const dates = [...new Set(bookable(store, dept.id, nowText(now)).map((s) => s.date))].sort();
    return { DATA: dates.map((DT) => ({ DT, WEEK_DAY: weekday(DT) })) };
  },

  '/get_schedule': (req, { store, now }) => {
    const dept = requireOutpatientDept(store, req.DEPT_ID);
    const dt = req.DT?.trim() ?? '';
    const doctorId = req.DOCTOR_ID?.trim();
    if (dt === '' && doctorId === undefined) throw new HisFail('按日期查询须传DT，按医生查询须传DOCTOR_ID');
    if (dt !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(dt) || !dayjs(dt).isValid())) throw new HisFail('DT格式错误，应为YYYY-MM-DD');
    if (doctorId && doctorId !== 'all') {
      const doctor = store.requireDoctor(doctorId);
      if (doctor.deptId !== dept.id) throw new HisFail('该医生不属于该科室');
    }
    const duration = req.DURATION_ID?.trim() ?? '';
    if (duration !== '' && !sessionById(duration)) throw new HisFail('午别id错误（1：上午，2：下午）');
    const byDoctor = (s: ApptSchedule) => doctorId === undefined || doctorId === 'all' || s.doctorId === doctorId;
    const at = nowText(now);
    const DATA = bookable(store, dept.id, at)
      .filter((s) => (dt === '' || s.date === dt) && byDoctor(s) && (duration === '' || s.durationId === duration))
      .map((s) => scheduleView(store, s, at));
    return { DATA };
  },

  '/get_doctor': (req, { store }) => {
    const dept = requireOutpatientDept(store, req.DEPT_ID);
    const campus = store.campus(dept.campusId);
    return {
      DATA: store.core.doctors
        .filter((d) => d.deptId === dept.id)
        .map((d) => ({
          HOSPITAL_ID: dept.campusId,
          HOSPITAL_NAME: campus?.name ?? '',
          HOSPITAL_SPELL_CODE: spellCode(campus?.name ?? ''),
          DEPT_ID: dept.id,
          DEPT_NAME: dept.name,
          DEPT_SPELL_CODE: dept.spellCode,
          DOCTOR_ID: d.id,
          DOCTOR_NAME: d.name,
          ...doctorFields(store, d.id),
        })),
    };
  },

  '/get_time': (req, { store, now, today }) => {
    const schedule = requireSchedule(store, req.SCHEDULE_ID);
    if (schedule.date < today) throw new HisFail('该排班已过期');
    return {
      DATA: openSlots(schedule, nowText(now)).map((s) => ({
        CLINIC_ID: schedule.clinicId,
        // Filled as the document describes them: 日期, 午别id, 可约数, 已约数, 剩余数.
        CLINIC_NAME: schedule.date,
        DEPT_ID: schedule.durationId,
        TIME_ID: s.id,
        TIME_NAME: `${s.start}-${s.end}`,
        REGISTER_TYPE_NAME: s.max,
        PATIENT_TYPE_ID: s.booked,
        PATIENT_TYPE_NAME: s.max - s.booked,
      })),
    };
  },

  '/new': (req, ctx) => {
    const { store } = ctx;
    const schedule = requireSchedule(store, req.SCHEDULE_ID);
    const timeId = need(req.TIME_ID, 'TIME_ID');
    const slot = schedule.slots.find((s) => s.id === timeId);
    if (!slot) throw new HisFail('时段不存在或不属于该排班');
    const accountId = need(req.ACCOUNT_ID, 'ACCOUNT_ID');
    const operator = operatorOf(need(req.USER_ID, 'USER_ID'), need(req.USER_DEPT_ID, 'USER_DEPT_ID'));
    const person = bookingPerson(req, store.requireDepartment(schedule.deptId), ctx);
    if (`${schedule.date} ${slot.start}:00` <= nowText(ctx.now)) throw new HisFail('该时段已过，不能预约');
    if (bookings(store).some((b) => b.scheduleId === schedule.id && holdsPlace(b) && samePerson(b, person))) {
      throw new HisFail('已预约该医生本时段的号，请勿重复预约');
    }
    const b = createBooking(store, {
      schedule,
      slot,
      person,
      accountId,
      operator,
      created: ctx.now,
      prepayMinutes: ctx.config.prepayMinutes,
      dataSource: req.DATA_SOURCE,
      remark: req.REMARK ?? '',
    });
    ctx.setMessage(b.needPrepay ? `预约成功，请在${ctx.config.prepayMinutes}分钟内支付挂号费` : '预约成功，请于就诊当日到医院缴费取号');
    return {
      APPT_ID: b.id,
      HIS_ORDER_NO: b.id,
      NEED_PREPAY: b.needPrepay ? '1' : '0',
      PREPAY_MINUTES: b.needPrepay ? String(ctx.config.prepayMinutes) : '0',
      PREPAY_TIME_LIMIT: b.prepayDeadline,
    };
  },

  '/cpay_new_payment': (req, { store, now }) => {
    const b = requireBooking(store, need(req.APPT_ID, 'APPT_ID'));
    if (req.PURPOSE !== 3) throw new HisFail('支付目的错误，预约挂号应为3');
    if (req.OP_FLAG !== 1) throw new HisFail('门诊住院标志错误，预约挂号应为1（门诊）');
    const patientId = need(req.PATIENT_ID, 'PATIENT_ID');
    if (b.patientId && b.patientId !== patientId) throw new HisFail('病人id与预约记录不符');
    need(req.USER_ID, 'USER_ID');
    need(req.USER_DEPT_ID, 'USER_DEPT_ID');
    const way = payWay(req.PAY_WAY_ID, 'PAY_WAY_ID');
    if (b.status !== STATUS.unconfirmed) throw new HisFail(notPayableReason(b));
    if (toFen(req.TOTAL, 'TOTAL') !== b.feeFen) throw new HisFail(`金额与挂号费不符，应为${yuanText(b.feeFen)}元`);
    // Asked again (a retry, another pay way): the booking keeps its one order.
    const order = bookingOrder(store, b, way, nowText(now));
    return { HIS_ORDER_NO: order.orderNo };
  },

  '/prepay': (req, ctx) => {
    const { store } = ctx;
    const b = requireBooking(store, need(req.APPT_ID, 'APPT_ID'));
    need(req.USER_ID, 'USER_ID');
    need(req.USER_DEPT_ID, 'USER_DEPT_ID');
    if (req.SEND_SMS !== undefined && req.SEND_SMS !== 0 && req.SEND_SMS !== 1) throw new HisFail('是否发送短信应为1或0');
    if (b.status !== STATUS.unconfirmed) throw new HisFail(notPayableReason(b));
    if (!canPrepay(b, ctx.now)) throw new HisFail('已超过预付截止时间，不能支付');
    const at = nowText(ctx.now);
    if (req.BALANCE_PAY === 1) {
      if (!b.patientId) throw new HisFail('无卡预约不能使用诊疗卡余额支付');
      const patient = store.requirePatient(b.patientId);
      checkCardUsable(patient.cardStatus);
      if (patient.balanceFen - patient.balanceMinFen < b.feeFen) throw new HisFail(`诊疗卡余额不足，当前可用余额${yuanText(patient.balanceFen - patient.balanceMinFen)}元`);
      patient.balanceFen -= b.feeFen;
      markPaid(store, b, { via: 'balance', payWayId: '', businessNo: '', businessInfo: '', at });
    } else if (req.BALANCE_PAY === 0) {
      const way = payWay(req.PAY_WAY_ID, 'PAY_WAY_ID');
      const orderNo = req.HIS_ORDER_NO?.trim() ?? '';
      if (orderNo && orderNo !== b.id) throw new HisFail('HIS订单号与预约记录不符');
      const businessNo = need(req.BUSINESS_NO, 'BUSINESS_NO');
      const businessInfo = jsonText(req.BUSINESS_INFO, 'BUSINESS_INFO');
      markPaid(store, b, { via: 'platform', payWayId: way, businessNo, businessInfo, at });
      const order = bookingOrder(store, b, way, at);
      order.payMode = way;
      applyOrder(order, at, businessNo, businessInfo);
    } else {
      throw new HisFail('余额支付标志错误（1：余额支付，0：其他方式）');
    }
    ctx.setMessage('预付成功');
    return { CERTIFICATE_CODE: b.certificateCode };
  },

  '/query': (req, ctx) => {
    const { store } = ctx;
    const apptId = req.APPT_ID?.trim() ?? '';
    if (apptId) return { DATA: [bookingView(store, requireBooking(store, apptId), ctx)] };
    const matches = queryMatches(req);
    const from = dateBound(req.START_TIME, 'START_TIME');
    const to = dateBound(req.END_TIME, 'END_TIME');
    const DATA = bookings(store)
      .filter((b) => matches(b) && (!from || b.date >= from) && (!to || b.date <= to))
      .sort((a, b) => slotStart(b).localeCompare(slotStart(a)) || b.createdAt.localeCompare(a.createdAt))
      .map((b) => bookingView(store, b, ctx));
    return { DATA };
  },

  '/cancel': (req, ctx) => {
    const { store } = ctx;
    const b = requireBooking(store, need(req.APPT_ID, 'APPT_ID'));
    need(req.USER_ID, 'USER_ID');
    need(req.USER_DEPT_ID, 'USER_DEPT_ID');
    const sms = req.SEND_SMS.trim();
    if (sms !== '0' && sms !== '1') throw new HisFail('是否发送短信应为1或0');
    refuseCancel(b, ctx);
    const at = nowText(ctx.now);
    if (b.paidVia === 'balance') {
      const patient = store.patient(b.patientId);
      if (patient) patient.balanceFen += b.feeFen;
    } else if (b.paidVia === 'platform') {
      b.refundBusinessNo = req.BUSINESS_NO?.trim() ?? '';
      b.refundBusinessInfo = jsonText(req.BUSINESS_INFO, 'BUSINESS_INFO');
      const order = store.core.orders[b.id];
      if (order && b.refundBusinessNo) order.refundedAt = at;
    }
    // A paid booking is refunded (已退号); one not paid yet, online or at the hospital, is simply cancelled.
    b.status = b.paidVia ? STATUS.refunded : STATUS.cancelled;
    b.statusText = '';
    b.cancelledAt = at;
    b.cancelRemark = req.REMARK ?? '';
    releasePlace(store, b);
    ctx.setMessage(b.paidVia === 'balance' ? '取消成功，挂号费已退回诊疗卡' : '取消成功');
    return {};
  },

  '/cpay_update_payment_status': (req, { store, now }) => {
    const order = store.core.orders[need(req.HIS_ORDER_NO, 'HIS_ORDER_NO')];
    if (!order || order.purpose !== 'appointment') throw new HisFail('HIS订单不存在');
    if (req.STATUS !== 5) throw new HisFail(`不支持的订单状态：${req.STATUS}（仅支持5：支付（冲销）成功）`);
    const way = payWay(req.PAY_WAY_ID, 'PAY_WAY_ID');
    const businessNo = need(req.BUSINESS_NO, 'BUSINESS_NO');
    const businessInfo = jsonText(req.BUSINESS_INFO, 'BUSINESS_INFO');
    const at = nowText(now);
    // The same notice again (a retry) is recorded once.
    const last = order.statusHistory[order.statusHistory.length - 1];
    if (last?.status === 5 && order.businessNo === businessNo) return {};
    order.status = 5;
    order.statusHistory.push({ status: 5, at, reason: req.REMARK?.trim() || '支付（冲销）成功' });
    order.payMode = way;
    order.businessNo = businessNo;
    order.businessInfo = businessInfo;
    // After a cancellation, the platform's notice confirms the reversal of the payment.
    const b = store.state.appointment.bookings[order.ref];
    if (b && (b.status === STATUS.cancelled || b.status === STATUS.refunded) && !order.refundedAt) order.refundedAt = at;
    return {};
  },

  '/get_patient': (req, { store }) => {
    if (req.QUERY_TYPE.trim() !== 'PATIENT_ID') throw new HisFail('不支持的查询方式，仅支持按病人id（PATIENT_ID）查询');
    const p = store.requirePatient(need(req.FIELD1, 'FIELD1'));
    return {
      DATA: [
        {
          PATIENT_ID: p.id,
          CARD_NO: p.cardNo,
          NAME: p.name,
          SEX: p.sex,
          BIRTHDAY: p.birthday,
          ID_NO: p.idNo,
          PHONE_NO: p.phone,
          PATIENT_TYPE_ID: p.patientTypeId,
          PATIENT_TYPE_NAME: p.patientTypeName,
          BALANCE: yuan(p.balanceFen),
          BALANCE_MIN: yuan(p.balanceMinFen),
          AVAILABLE_BALANCE: yuan(p.balanceFen - p.balanceMinFen),
          CREATE_TIME: p.createdAt.slice(0, 10),
        },
      ],
    };
  },
} satisfies Partial<HandlerMap>;
