/**
 * Same-day registration (当日挂号): departments and today's schedules, the fee, holding a place (/registerPre),
 * confirming it after payment (/register), the patient's registrations, and taking the number of a booking.
 */
import dayjs from 'dayjs';
import { DATETIME } from '../../clock';
import { age } from '../../state/builders';
import type { Department, Patient, Registration } from '../../state/core';
import type { Store } from '../../state/store';
import { fenFromText, HisFail, need, toFen, WEEKDAYS_ZH, yuan, yuanText, type HandlerContext, type HandlerMap } from '../../runtime';
import { offerNumber } from '../appointment/offer';
import { registerOnSchedule } from './registrations';
import { at, checkCardUsable, deptRefusal, nowText, sessionByName, sessionOpenToday } from './clinic';
import type { SameDaySchedule } from './state';

function requireOutpatientDept(store: Store, deptId: string): Department {
  const dept = store.requireDepartment(need(deptId, 'dept_id'));
  if (!dept.outpatient) throw new HisFail('该科室不开放门诊挂号');
  return dept;
}

function requireSchedule(store: Store, id: string, field: string): SameDaySchedule {
  const schedule = store.state.registration.schedules[need(id, field)];
  if (!schedule) throw new HisFail('排班不存在');
  return schedule;
}

/** The schedule of /registerPre and /register: today's, open, and matching the department and doctor given. */
function checkedSchedule(req: { dept_id: string; doctor_id: string; scheduling_id: string }, ctx: HandlerContext): SameDaySchedule {
  const dept = requireOutpatientDept(ctx.store, req.dept_id);
  const doctorId = need(req.doctor_id, 'doctor_id');
  ctx.store.requireDoctor(doctorId);
  const schedule = requireSchedule(ctx.store, req.scheduling_id, 'scheduling_id');
  if (schedule.deptId !== dept.id) throw new HisFail('排班不属于该科室');
  if (schedule.doctorId !== doctorId) throw new HisFail('医生与排班不符');
  if (schedule.date !== ctx.today) throw new HisFail('只能挂当日号，该排班不是今日排班');
  if (!sessionOpenToday(ctx.config, schedule.date, sessionByName(schedule.session), ctx.now)) throw new HisFail(`${schedule.session}门诊已结束挂号`);
  return schedule;
}

function patientFor(store: Store, id: string): Patient {
  const patient = store.requirePatient(need(id, 'patient_id'));
  checkCardUsable(patient.cardStatus);
  return patient;
}

function registeredOn(store: Store, patientId: string, scheduleId: string): Registration | undefined {
  return Object.values(store.core.registrations).find((r) => r.patientId === patientId && r.scheduleId === scheduleId);
}

/** business_info of /register: a JSON object whose status (9 已完成) says the platform order is paid. */
function checkBusinessInfo(text: string): void {
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    throw new HisFail('订单信息格式错误，应为JSON字符串');
  }
  if (typeof info !== 'object' || info === null || !('status' in info)) throw new HisFail('订单信息缺少status字段');
  if (Number(info.status) !== 9) throw new HisFail(`支付订单状态为${String(info.status)}，未完成支付，不能确认挂号`);
}

/** The 医保 fields of /register come together or not at all, and cannot pay more than the fee. */
function checkInsurance(req: { 'settlement id'?: string; insurance_pay?: string; account_pay?: string; patient_type_id?: string }, feeFen: number): void {
  const fields = [req['settlement id'], req.insurance_pay, req.account_pay, req.patient_type_id];
  if (fields.every((v) => v === undefined || v.trim() === '')) return;
  if (fields.some((v) => v === undefined || v.trim() === '')) throw new HisFail('医保支付时结算id、医保支付、账户支付、患者类型id均必传');
  const paid = fenFromText(req.insurance_pay ?? '', 'insurance_pay') + fenFromText(req.account_pay ?? '', 'account_pay');
  if (paid > feeFen) throw new HisFail('医保支付与账户支付合计超过挂号费');
}

function weekday(date: string): string {
  return WEEKDAYS_ZH[dayjs(date).day()] ?? '';
}

/** 接诊时间: when the registration was made on its day, else the start of its session. */
function visitDateTime(r: Registration): string {
  if (r.createdAt.slice(0, 10) === r.visitDate) return r.createdAt;
  return at(r.visitDate, sessionByName(r.visitTime).start);
}

/** A same-day registration can be refunded at the window until it is seen or its session is over. */
function refundable(r: Registration, ctx: HandlerContext): boolean {
  if (r.source !== 'sameDay' || r.accepted || r.visitDate !== ctx.today) return false;
  return sessionOpenToday(ctx.config, r.visitDate, sessionByName(r.visitTime), ctx.now);
}

function byNewest(a: Registration, b: Registration): number {
  return visitDateTime(b).localeCompare(visitDateTime(a)) || b.createdAt.localeCompare(a.createdAt);
}

export const registrationHandlers = {
  '/getDepts': (_req, { store }) => ({
    depts: store.core.departments
      .filter((d) => d.outpatient)
      .sort((a, b) => a.orderNo - b.orderNo)
      .map((d) => ({
        id: d.id,
        name: d.name,
        address: d.address,
        hospital_id: d.campusId,
        hospital_name: store.campus(d.campusId)?.name ?? '',
        dept_category_id: d.categoryId,
        dept_category_name: d.categoryName,
      })),
  }),

  '/getSchedules': (req, ctx) => {
    const dept = requireOutpatientDept(ctx.store, req.dept_id);
    const schedules = Object.values(ctx.store.state.registration.schedules)
      .filter((s) => s.deptId === dept.id && s.date === ctx.today && sessionOpenToday(ctx.config, s.date, sessionByName(s.session), ctx.now))
      .sort((a, b) => a.orderNo - b.orderNo);
    return {
      schedules: schedules.map((s) => {
        const doctor = ctx.store.requireDoctor(s.doctorId);
        return {
          id: s.id,
          name: s.name,
          code: s.code,
          order_no: s.orderNo,
          limit: s.limit,
          dept_id: dept.id,
          dept_name: dept.name,
          register_type_id: s.registerTypeId,
          register_type_name: s.registerTypeName,
          register_add_flag: s.addFlag,
          doctor_id: doctor.id,
          doctor_code: doctor.code,
          doctor_name: doctor.name,
          doctor_expert: doctor.intro,
          price: yuan(s.feeFen),
          register_count: s.registerCount,
        };
      }),
    };
  },

  '/registerGetPrice': (req, { store, today }) => {
    store.requirePatient(need(req.patient_id, 'patient_id'));
    const schedule = requireSchedule(store, req.clinic_id, 'clinic_id');
    if (schedule.date < today) throw new HisFail('该排班已过期');
    return { data: { total: yuanText(schedule.feeFen) } };
  },

  '/registerPre': (req, ctx) => {
    const { store } = ctx;
    const schedule = checkedSchedule(req, ctx);
    const patient = patientFor(store, req.patient_id);
    const refusal = deptRefusal(store.requireDepartment(schedule.deptId), patient, ctx.today);
    if (refusal) throw new HisFail(refusal);
    if (toFen(req.pay_amount, 'pay_amount') !== schedule.feeFen) throw new HisFail(`挂号费金额不符，应为${yuanText(schedule.feeFen)}元`);
    if (registeredOn(store, patient.id, schedule.id)) throw new HisFail('该患者已挂本排班的号，请勿重复挂号');
    const slice = store.state.registration;
    const expiresAt = ctx.now.add(ctx.config.registerHoldMinutes, 'minute').format(DATETIME);
    const held = slice.holds.find((h) => h.scheduleId === schedule.id && h.patientId === patient.id);
    if (held) {
      // The same patient asking again while holding: the hold is refreshed, no second place is taken.
      held.expiresAt = expiresAt;
    } else {
      if (schedule.registerCount >= schedule.limit) throw new HisFail('号源已满');
      schedule.registerCount += 1;
      slice.holds.push({ id: store.opaqueId(), scheduleId: schedule.id, patientId: patient.id, feeFen: schedule.feeFen, createdAt: nowText(ctx.now), expiresAt });
    }
    ctx.setMessage(`预挂号成功，请在${ctx.config.registerHoldMinutes}分钟内完成支付`);
    return {};
  },

  '/register': (req, ctx) => {
    const { store } = ctx;
    const schedule = checkedSchedule(req, ctx);
    const patient = patientFor(store, req.patient_id);
    const businessNo = need(req.business_no, 'business_no');
    checkBusinessInfo(req.business_info);
    if (Object.values(store.core.registrations).some((r) => r.businessNo === businessNo)) {
      throw new HisFail('该支付订单已挂号，请勿重复提交');
    }
    const slice = store.state.registration;
    const hold = slice.holds.find((h) => h.scheduleId === schedule.id && h.patientId === patient.id);
    if (!hold) throw new HisFail('未预挂号或预挂号已超时');
    checkInsurance(req, schedule.feeFen);
    // The held place becomes the registration's: registerCount already counts it.
    slice.holds = slice.holds.filter((h) => h !== hold);
    const reg = registerOnSchedule(store, schedule, patient, { businessNo, createdAt: nowText(ctx.now) });
    const dept = store.requireDepartment(schedule.deptId);
    const doctor = store.requireDoctor(schedule.doctorId);
    ctx.setMessage('挂号成功');
    return {
      info: {
        id: reg.id,
        patient_id: patient.id,
        patient_name: patient.name,
        dept_id: dept.id,
        dept_name: dept.name,
        dept_address: dept.address,
        register_type_id: reg.registerTypeId,
        register_type_name: reg.registerTypeName,
        doctor_id: doctor.id,
        doctor_name: doctor.name,
        visit_date: reg.visitDate,
        visit_weekday: weekday(reg.visitDate),
        visit_time: reg.visitTime,
        queue_no: reg.queueNo,
      },
    };
  },

  '/getVisitInfo': (req, ctx) => {
    const { store } = ctx;
    const patient = store.requirePatient(need(req.patient_id, 'patient_id'));
    const records = Object.values(store.core.registrations)
      .filter((r) => r.patientId === patient.id)
      .sort(byNewest)
      .map((r) => {
        const dept = store.department(r.deptId);
        const doctor = store.doctor(r.doctorId);
        return {
          id: r.id,
          patient_id: patient.id,
          patient_name: patient.name,
          // order_no / limit / dept_id / dept_name carry what the document describes them as (its rows are shifted).
          order_no: r.deptId,
          limit: dept?.name ?? '',
          dept_id: r.doctorId,
          dept_name: doctor?.name ?? '',
          visit_date: visitDateTime(r),
          visit_time: r.visitTime,
          accept: r.accepted ? 1 : 0,
          accept_name: r.accepted ? '已接诊' : '未接诊',
          queue_no: r.queueNo,
          refund_type: refundable(r, ctx) ? 1 : -1,
        };
      });
    return { records };
  },

  '/getVisitInfoDetail': (req, { store, today }) => {
    const patient = store.requirePatient(need(req.patient_id, 'patient_id'));
    const r = store.core.registrations[need(req.visit_id, 'visit_id')];
    if (!r) throw new HisFail('挂号记录不存在');
    if (r.patientId !== patient.id) throw new HisFail('该挂号记录不属于该患者');
    const dept = store.department(r.deptId);
    const doctor = store.doctor(r.doctorId);
    return {
      record: {
        id: r.id,
        patient_id: patient.id,
        patient_name: patient.name,
        patient_sex: patient.sex,
        patient_age: age(patient, today),
        visit_no: r.visitNo,
        doctor_id: r.doctorId,
        doctor_name: doctor?.name ?? '',
        visit_date: visitDateTime(r),
        visit_time: r.visitTime,
        accept: r.accepted ? 1 : 0,
        accept_name: r.accepted ? '已接诊' : '未接诊',
        dept_id: r.deptId,
        dept_name: dept?.name ?? '',
        register_type_id: r.registerTypeId,
        register_type_name: r.registerTypeName,
        queue_no: r.queueNo,
        fee: yuan(r.feeFen),
      },
    };
  },

  '/offerNumber': (req, ctx) => {
    const { store } = ctx;
    const { registration } = offerNumber(store, ctx.config, ctx.now, req.appointment_id, req.patient_id);
    const patient = store.requirePatient(registration.patientId);
    const dept = store.requireDepartment(registration.deptId);
    const doctor = store.requireDoctor(registration.doctorId);
    ctx.setMessage('取号成功');
    return {
      queue: {
        id: registration.id,
        patient_name: patient.name,
        patient_id: patient.id,
        dept_id: dept.id,
        dept_name: dept.name,
        doctor_id: doctor.id,
        doctor_name: doctor.name,
        doctor_title: doctor.medicalTitleName,
        hospital_id: dept.campusId,
        hospital_name: store.campus(dept.campusId)?.name ?? '',
        queue_no: registration.queueNo,
      },
    };
  },
} satisfies Partial<HandlerMap>;
