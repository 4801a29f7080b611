import dayjs from 'dayjs';
import { makeIdCard } from '../../../../common/id-card';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import { LAPSED_TEXT, NO_SHOW_TEXT } from './bookings';
import type { ApptSchedule, ApptSlot, Booking } from './state';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

let today: string;
let tomorrow: string;

const allBookings = (): Booking[] => Object.values(t.sandbox.store.state.appointment.bookings);
const booking = (id: string): Booking => {
  const b = t.sandbox.store.state.appointment.bookings[id];
  if (!b) throw new Error(`no booking ${id}`);
  return b;
};
/**
 * A schedule of `deptId` on `date` with a slot (from 10:00) that has `room` places free and no live booking on
 * it: a doctor's schedule when one has, else the 普通门诊's.
 */
const freeSlot = (deptId: string, date: string, room = 1): { schedule: ApptSchedule; slot: ApptSlot } => {
  const candidates = Object.values(t.sandbox.store.state.appointment.schedules).filter((s) => s.deptId === deptId && s.date === date);
  for (const schedule of [...candidates.filter((s) => s.doctorId), ...candidates.filter((s) => !s.doctorId)]) {
    const slot = schedule.slots.find((s) => s.max - s.booked >= room && s.start >= '10:00' && !allBookings().some((b) => b.scheduleId === schedule.id && b.timeId === s.id));
    if (slot) return { schedule, slot };
  }
  throw new Error(`no free slot in ${deptId} on ${date}`);
};
const newBody = (schedule: ApptSchedule, slot: ApptSlot, p: Patient, account = 'ACC-TEST') => ({
  USER_DEPT_ID: 'hpalm',
  USER_ID: 'hpalm',
  SCHEDULE_ID: schedule.id,
  TIME_ID: slot.id,
  ACCOUNT_ID: account,
  PATIENT_ID: p.id,
  SEX: p.sex,
  DATA_SOURCE: 'w1',
});
const query = async (apptId: string) => {
  const { DATA } = await t.his.ok('/query', { APPT_ID: apptId, DATA_SOURCE: 'w1' });
  const row = DATA[0];
  if (!row) throw new Error('no row');
  return row;
};
const palm = { USER_ID: 'hpalm', USER_DEPT_ID: 'hpalm', DATA_SOURCE: 'w1' };
const cancelBody = (id: string, extra: Record<string, string> = {}) => ({ APPT_ID: id, SEND_SMS: '0', ...palm, ...extra });
const platformPay = (id: string, businessNo = `42000${id}`) => ({ APPT_ID: id, BALANCE_PAY: 0, PAY_WAY_ID: 'wepay', HIS_ORDER_NO: id, BUSINESS_NO: businessNo, BUSINESS_INFO: '{"transaction_id":"1"}', ...palm });
const balancePay = (id: string) => ({ APPT_ID: id, BALANCE_PAY: 1, ...palm });
const newPayment = (b: Booking, total = b.feeFen / 100) => ({ APPT_ID: b.id, TOTAL: total, OP_FLAG: 1, PURPOSE: 3, PATIENT_ID: b.patientId, PAY_WAY_ID: 'wepay', ...palm });

async function book(deptId: string, p: Patient, date = tomorrow): Promise<Booking> {
  const { schedule, slot } = freeSlot(deptId, date);
  const answer = await t.his.ok('/new', newBody(schedule, slot, p));
  return booking(answer.APPT_ID);
}

beforeAll(() => {
  t.sandbox.clock.set(`${t.sandbox.clock.today()} 09:00:00`);
  t.sandbox.store.reseed();
  today = t.sandbox.clock.today();
  tomorrow = t.sandbox.clock.now().add(1, 'day').format('YYYY-MM-DD');
});
describe('departments, dates, schedules, doctors, slots', () => {
  test('/get_dept lists the outpatient departments', async () => {
    const { DATA } = await t.his.ok('/get_dept', {});
    expect(DATA).toHaveLength(t.sandbox.store.core.departments.filter((d) => d.outpatient).length);
    expect(DATA.find((d) => d.ID === '1001')).toEqual({
      ORDER_NO: 1,
      HOSPITAL_ID: '01',
      ID: '1001',
      NAME: '心血管内科',
      SHORT_NAME: '心内科',
      SPELL_CODE: 'XXGNK',
      ADDRESS: '本院门诊楼2楼A区',
      PHONE_NO: '0851-86011001',
      REMARK: '省级临床重点专科，开展冠脉介入、心律失常射频消融及心脏起搏器植入等诊疗技术。',
      REGISTER_DEPT_CATEGORY_ID: '01',
      REGISTER_DEPT_CATEGORY_NAME: '内科',
    });
  });

  test('/get_dt gives today and the next seven days with their weekdays', async () => {
    const { DATA } = await t.his.ok('/get_dt', { DEPT_ID: '1001' });
    const expected = Array.from({ length: 8 }, (_, i) => dayjs(today).add(i, 'day'));
    expect(DATA).toEqual(expected.map((d) => ({ DT: d.format('YYYY-MM-DD'), WEEK_DAY: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'][d.day()] })));
    expect((await t.his.fail('/get_dt', { DEPT_ID: '8001' })).msg).toBe('该科室不开放预约挂号');
  });

  test('/get_schedule by date, by doctor, "all", "" and by session', async () => {
    const byDate = (await t.his.ok('/get_schedule', { DEPT_ID: '1001', DT: tomorrow, DATA_SOURCE: 'w1' })).DATA;
    expect(byDate.length).toBeGreaterThan(1);
    expect(byDate.every((s) => s.DT === tomorrow && s.DEPT_ID === '1001')).toBe(true);
    expect(byDate.some((s) => s.DOCTOR_ID === '')).toBe(true);

    const all = (await t.his.ok('/get_schedule', { DEPT_ID: '1001', DOCTOR_ID: 'all', DATA_SOURCE: 'w1' })).DATA;
    expect(new Set(all.map((s) => s.DT)).size).toBe(8);
    const general = (await t.his.ok('/get_schedule', { DEPT_ID: '1001', DOCTOR_ID: '', DATA_SOURCE: 'w1' })).DATA;
    expect(general.length).toBe(all.filter((s) => s.DOCTOR_ID === '').length);
    expect(general.every((s) => s.DOCTOR_ID === '' && s.DOCTOR_NAME === '' && s.CLINIC_NAME === '普通号' && s.PATIENT_TYPE_ID === '普通门诊' && s.TOTAL === 12)).toBe(true);

    const named = all.find((s) => s.DOCTOR_ID !== '');
    const doctor = t.sandbox.store.requireDoctor(named?.DOCTOR_ID ?? '');
    const mine = (await t.his.ok('/get_schedule', { DEPT_ID: '1001', DOCTOR_ID: doctor.id, DATA_SOURCE: 'w1' })).DATA;
    expect(mine.length).toBe(all.filter((s) => s.DOCTOR_ID === doctor.id).length);
    expect(mine[0]).toMatchObject({
      DOCTOR_NAME: doctor.name,
      CLINIC_ID: doctor.registerTypeId,
      CLINIC_NAME: doctor.registerTypeName,
      REGISTER_TYPE_NAME: doctor.phone,
      PATIENT_TYPE_NAME: doctor.registerTypeName,
      TOTAL: doctor.feeFen / 100,
      DOCTOR_MEDICAL_TITLE_NAME: doctor.medicalTitleName,
      DOCTOR_REMARK: doctor.intro,
      SPELL_CODE: doctor.spellCode,
    });
    const afternoon = (await t.his.ok('/get_schedule', { DEPT_ID: '1001', DT: tomorrow, DURATION_ID: '2', DATA_SOURCE: 'w1' })).DATA;
    expect(afternoon.length).toBe(byDate.filter((s) => s.DURATION_ID === '2').length);
    expect(afternoon.every((s) => s.DURATION_NAME === '下午')).toBe(true);

    expect((await t.his.fail('/get_schedule', { DEPT_ID: '1001', DATA_SOURCE: 'w1' })).msg).toBe('按日期查询须传DT，按医生查询须传DOCTOR_ID');
    const stranger = t.sandbox.store.core.doctors.find((d) => d.deptId === '1002');
    expect((await t.his.fail('/get_schedule', { DEPT_ID: '1001', DOCTOR_ID: stranger?.id ?? '', DATA_SOURCE: 'w1' })).msg).toBe('该医生不属于该科室');
    expect((await t.his.fail('/get_schedule', { DEPT_ID: '1001', DT: '2026/12/01', DATA_SOURCE: 'w1' })).msg).toBe('DT格式错误，应为YYYY-MM-DD');
  });

  test('/get_time: open slots with 可约数 / 已约数 / 剩余数 in the described fields, summing to the schedule', async () => {
    const todays = (await t.his.ok('/get_schedule', { DEPT_ID: '1002', DT: today, DOCTOR_ID: '', DURATION_ID: '1', DATA_SOURCE: 'w1' })).DATA[0];
    const { DATA } = await t.his.ok('/get_time', { SCHEDULE_ID: todays?.SCHEDULE_ID ?? '', DATA_SOURCE: 'w1' });
    // At 09:00 the slots of 08:00 and 08:30 (and the one starting now) are gone.
    expect(DATA[0]?.TIME_NAME).toBe('09:30-10:00');
    expect(DATA[0]).toMatchObject({ CLINIC_ID: '1', CLINIC_NAME: today, DEPT_ID: '1', TIME_ID: '0930' });
    expect(DATA.reduce((n, s) => n + s.REGISTER_TYPE_NAME, 0)).toBe(todays?.APPT_MAX);
    expect(DATA.reduce((n, s) => n + s.PATIENT_TYPE_ID, 0)).toBe(todays?.APPT_COUNT);
    expect(DATA.reduce((n, s) => n + s.PATIENT_TYPE_NAME, 0)).toBe(todays?.REMAIN_COUNT);
    expect(DATA.every((s) => s.PATIENT_TYPE_NAME === s.REGISTER_TYPE_NAME - s.PATIENT_TYPE_ID)).toBe(true);
    expect((await t.his.fail('/get_time', { SCHEDULE_ID: 'NOPE', DATA_SOURCE: 'w1' })).msg).toBe('排班不存在');
    // Some slots are seeded full.
    const full = Object.values(t.sandbox.store.state.appointment.schedules).flatMap((s) => s.slots).filter((s) => s.booked >= s.max);
    expect(full.length).toBeGreaterThan(10);
  });

  test('/get_doctor lists the department\'s doctors', async () => {
    const { DATA } = await t.his.ok('/get_doctor', { DEPT_ID: '1003' });
    const doctors = t.sandbox.store.core.doctors.filter((d) => d.deptId === '1003');
    expect(DATA.map((d) => d.DOCTOR_ID)).toEqual(doctors.map((d) => d.id));
    const first = doctors[0];
    expect(DATA[0]).toMatchObject({ HOSPITAL_ID: '01', HOSPITAL_NAME: '本院', HOSPITAL_SPELL_CODE: 'BY', DEPT_NAME: '消化内科', DEPT_SPELL_CODE: 'XHNK', DOCTOR_NAME: first?.name, DOCTOR_SEX: first?.sex, DOCTOR_POST: '科主任' });
  });
});

describe('booking and paying', () => {
  test('/new in a prepay department: unconfirmed with a deadline, HIS_ORDER_NO = APPT_ID, one place taken', async () => {
    const p = t.background(0);
    const { schedule, slot } = freeSlot('1001', tomorrow);
    const booked = slot.booked;
    const answer = await t.his.ok('/new', newBody(schedule, slot, p));
    expect(answer.ResultMsg).toBe('预约成功，请在15分钟内支付挂号费');
    expect(answer.HIS_ORDER_NO).toBe(answer.APPT_ID);
    expect(answer.NEED_PREPAY).toBe('1');
    expect(answer.PREPAY_MINUTES).toBe('15');
    const row = await query(answer.APPT_ID);
    expect(answer.PREPAY_TIME_LIMIT).toBe(dayjs(row.CREATE_TIME).add(15, 'minute').format('YYYY-MM-DD HH:mm:ss'));
    expect(slot.booked).toBe(booked + 1);
    expect(row).toMatchObject({
      APPT_ID: answer.APPT_ID,
      ACCOUNT_ID: 'ACC-TEST',
      PATIENT_ID: p.id,
      CARD_NO: p.cardNo,
      NAME: p.name,
      SCHEDULE_ID: schedule.id,
      TIME_ID: slot.id,
      TIME_NAME: `${slot.start}-${slot.end}`,
      DT: tomorrow,
      TOTAL: schedule.feeFen / 100,
      STATUS: 0,
      STATUS_TEXT: '未确认',
      ALLOW_PREPAY: 1,
      ALLOW_CANCEL: 1,
      PLATFORM_CANCEL_PAY: 0,
      BALANCE_PAY: 0,
      PREPAY_TIME_LIMIT: answer.PREPAY_TIME_LIMIT,
      QUEUE_NO: String(slot.firstQueueNo + slot.anonymous),
      CREATE_USER_NAME: '掌上医院',
    });
    expect(row.CERTIFICATE_CODE).toBeUndefined();
    expect((await t.his.fail('/new', newBody(schedule, slot, p))).msg).toBe('已预约该医生本时段的号，请勿重复预约');
  });

  test('/new in a department without prepayment is confirmed at once', async () => {
    const p = t.background(1);
    const { schedule, slot } = freeSlot('6001', tomorrow);
    const answer = await t.his.ok('/new', newBody(schedule, slot, p));
    expect(answer).toMatchObject({ NEED_PREPAY: '0', PREPAY_MINUTES: '0', PREPAY_TIME_LIMIT: '', ResultMsg: '预约成功，请于就诊当日到医院缴费取号' });
    const row = await query(answer.APPT_ID);
    expect(row).toMatchObject({ STATUS: 9, STATUS_TEXT: '已确认', ALLOW_PREPAY: 0, ALLOW_CANCEL: 1, PLATFORM_CANCEL_PAY: 0 });
    expect(row.CERTIFICATE_CODE).toMatch(/^\d{8}$/);
    expect((await t.his.fail('/prepay', balancePay(answer.APPT_ID))).msg).toBe('该预约无需预付挂号费，请于就诊当日到医院缴费');
    // Cancelling a booking nobody paid yet is a cancellation, not a refund.
    await t.his.ok('/cancel', cancelBody(answer.APPT_ID));
    expect(await query(answer.APPT_ID)).toMatchObject({ STATUS: -1, STATUS_TEXT: '已取消' });
  });

  test('/new without a card: a known ID number books for that patient, an unknown one records the person', async () => {
    const { schedule, slot } = freeSlot('1002', tomorrow, 2);
    const zhangwei = t.demo('zhangwei');
    const known = await t.his.ok('/new', { ...palm, SCHEDULE_ID: schedule.id, TIME_ID: slot.id, ACCOUNT_ID: 'ACC-X', NAME: '张伟', SEX: '男', ID_NO: zhangwei.idNo, PHONE_NO: '13900000001' });
    expect(booking(known.APPT_ID)).toMatchObject({ patientId: zhangwei.id, cardNo: zhangwei.cardNo, phone: '13900000001' });

    const idNo = makeIdCard('520102', '1990-06-15', 123);
    const patients = t.sandbox.store.patients().length;
    const stranger = await t.his.ok('/new', { ...palm, SCHEDULE_ID: schedule.id, TIME_ID: slot.id, ACCOUNT_ID: 'ACC-Y', NAME: '吴新', SEX: '男', ID_NO: idNo, PHONE_NO: '13900000002' });
    expect(t.sandbox.store.patients()).toHaveLength(patients);
    const row = await query(stranger.APPT_ID);
    expect(row).toMatchObject({ NAME: '吴新', ID_NO: idNo, PHONE_NO: '13900000002', ACCOUNT_ID: 'ACC-Y' });
    expect(row.PATIENT_ID).toBeUndefined();
    expect((await t.his.fail('/prepay', balancePay(stranger.APPT_ID))).msg).toBe('无卡预约不能使用诊疗卡余额支付');

    const base = { ...palm, SCHEDULE_ID: schedule.id, TIME_ID: slot.id, ACCOUNT_ID: 'ACC-Z' };
    expect((await t.his.fail('/new', { ...base, NAME: '李四', SEX: '男', ID_NO: zhangwei.idNo, PHONE_NO: '13900000003' })).msg).toBe('姓名与身份证号登记信息不符');
    expect((await t.his.fail('/new', { ...base, NAME: '吴新', SEX: '女', ID_NO: idNo, PHONE_NO: '13900000002' })).msg).toBe('性别与身份证号不符');
    expect((await t.his.fail('/new', { ...base, NAME: '吴新', SEX: '男', ID_NO: '520102199006151234', PHONE_NO: '13900000002' })).msg).toBe('身份证号不正确');
    expect((await t.his.fail('/new', { ...base, NAME: '吴新', SEX: '男', ID_NO: idNo, PHONE_NO: '1390000' })).msg).toBe('手机号码不正确');
    expect((await t.his.fail('/new', { ...base, NAME: '吴新', SEX: '男', PHONE_NO: '13900000002' })).msg).toBe('参数不能为空：ID_NO');
    expect((await t.his.fail('/new', { ...base, NAME: '吴新', SEX: '男', ID_NO: idNo, PHONE_NO: '13900000002' })).msg).toBe('已预约该医生本时段的号，请勿重复预约');
    expect((await t.his.fail('/new', { ...base, PATIENT_ID: zhangwei.id, SEX: '女' })).msg).toBe('性别与病人信息不符');
  });

  test('/new refuses patients the department does not see', async () => {
    const gyn = freeSlot('3001', tomorrow);
    expect((await t.his.fail('/new', newBody(gyn.schedule, gyn.slot, t.demo('zhangwei')))).msg).toBe('妇科仅接诊16岁及以上女性患者');
    const paediatrics = freeSlot('4001', tomorrow);
    expect((await t.his.fail('/new', newBody(paediatrics.schedule, paediatrics.slot, t.demo('wangfang')))).msg).toBe('儿科仅接诊14岁以下患儿');
    const kid = t.sandbox.store.patients().find((p) => age(p, today) < 14);
    if (!kid) throw new Error('seed has no child');
    const child = await t.his.ok('/new', newBody(paediatrics.schedule, paediatrics.slot, kid));
    expect(booking(child.APPT_ID)).toMatchObject({ name: kid.name, deptId: '4001', status: 0 });
    const adult = { ...palm, SCHEDULE_ID: gyn.schedule.id, TIME_ID: gyn.slot.id, ACCOUNT_ID: 'ACC-M', NAME: '周杰', SEX: '男', ID_NO: makeIdCard('520102', '1988-02-03', 11), PHONE_NO: '13900000009' };
    expect((await t.his.fail('/new', adult)).msg).toBe('妇科仅接诊16岁及以上女性患者');
  });

  test('/new refuses past slots, unknown slots and full slots', async () => {
    const p = t.background(2);
    const todays = Object.values(t.sandbox.store.state.appointment.schedules).find((s) => s.date === today && s.durationId === '1' && s.deptId === '1003');
    const early = todays?.slots[0];
    if (!todays || !early) throw new Error('seed');
    expect((await t.his.fail('/new', newBody(todays, early, p))).msg).toBe('该时段已过，不能预约');
    expect((await t.his.fail('/new', { ...newBody(todays, early, p), TIME_ID: '0815' })).msg).toBe('时段不存在或不属于该排班');
    const fullSchedule = Object.values(t.sandbox.store.state.appointment.schedules).find((s) => s.date === tomorrow && s.slots.some((x) => x.booked >= x.max));
    const fullSlot = fullSchedule?.slots.find((x) => x.booked >= x.max);
    if (!fullSchedule || !fullSlot) throw new Error('seed');
    const booked = fullSlot.booked;
    expect((await t.his.fail('/new', newBody(fullSchedule, fullSlot, p))).msg).toBe('该时段号源已约满，请选择其他时段');
    expect(fullSlot.booked).toBe(booked);
  });

  test('200 concurrent bookings of a 10-place slot book exactly 10', async () => {
    const { schedule, slot } = freeSlot('2002', dayjs(today).add(3, 'day').format('YYYY-MM-DD'));
    slot.max = 10;
    slot.anonymous = 0;
    slot.booked = 0;
    const people = Array.from({ length: 200 }, (_, i) => {
      const birthday = dayjs('1970-01-01').add(i * 37, 'day').format('YYYY-MM-DD');
      const idNo = makeIdCard('520103', birthday, 100 + i);
      return { ...palm, SCHEDULE_ID: schedule.id, TIME_ID: slot.id, ACCOUNT_ID: `ACC-C${i}`, NAME: `并发${i}`, SEX: (100 + i) % 2 === 1 ? '男' : '女', ID_NO: idNo, PHONE_NO: `139${String(10000000 + i)}` };
    });
    const answers = await Promise.all(people.map((body) => t.his.raw('/new', body)));
    const codes = answers.map((a) => (a.json as { ResultCode: number }).ResultCode);
    expect(codes.filter((c) => c === 0)).toHaveLength(10);
    expect(answers.filter((a) => (a.json as { ResultMsg: string }).ResultMsg === '该时段号源已约满，请选择其他时段')).toHaveLength(190);
    expect(slot.booked).toBe(10);
    const queueNos = allBookings().filter((b) => b.scheduleId === schedule.id && b.timeId === slot.id).map((b) => b.queueNo).sort((a, b) => a - b);
    expect(queueNos).toEqual(Array.from({ length: 10 }, (_, i) => slot.firstQueueNo + i));
  });

  test('/cpay_new_payment creates one HIS order per booking, for the right amount and purpose', async () => {
    const b = await book('1003', t.background(3));
    expect((await t.his.fail('/cpay_new_payment', newPayment(b, b.feeFen / 100 + 0.01))).msg).toBe(`金额与挂号费不符，应为${(b.feeFen / 100).toFixed(2)}元`);
    expect((await t.his.fail('/cpay_new_payment', { ...newPayment(b), PURPOSE: 1 })).msg).toBe('支付目的错误，预约挂号应为3');
    expect((await t.his.fail('/cpay_new_payment', { ...newPayment(b), OP_FLAG: 2 })).msg).toBe('门诊住院标志错误，预约挂号应为1（门诊）');
    expect((await t.his.fail('/cpay_new_payment', { ...newPayment(b), PATIENT_ID: t.demo('wangfang').id })).msg).toBe('病人id与预约记录不符');
    expect((await t.his.fail('/cpay_new_payment', { ...newPayment(b), PAY_WAY_ID: 'cash' })).msg).toBe('不支持的支付方式：cash（微信：wepay，支付宝：alipay）');
    const first = await t.his.ok('/cpay_new_payment', newPayment(b));
    expect(first.HIS_ORDER_NO).toBe(b.id);
    const again = await t.his.ok('/cpay_new_payment', { ...newPayment(b), PAY_WAY_ID: 'alipay' });
    expect(again.HIS_ORDER_NO).toBe(b.id);
    expect(t.sandbox.store.core.orders[b.id]).toMatchObject({ purpose: 'appointment', ref: b.id, totalFen: b.feeFen, applied: false, patientId: b.patientId, opFlag: 1, payMode: 'wepay', status: 0 });
    expect(Object.values(t.sandbox.store.core.orders).filter((o) => o.ref === b.id)).toHaveLength(1);
  });

  test('/prepay from the balance: confirmed, balance charged exactly once', async () => {
    const p = t.demo('zhangwei');
    const b = await book('1005', p);
    const balance = p.balanceFen;
    const answer = await t.his.ok('/prepay', balancePay(b.id));
    expect(answer.CERTIFICATE_CODE).toMatch(/^\d{8}$/);
    expect(p.balanceFen).toBe(balance - b.feeFen);
    expect((await t.his.fail('/prepay', balancePay(b.id))).msg).toBe('该预约已支付，请勿重复支付');
    expect((await t.his.fail('/cpay_new_payment', newPayment(b))).msg).toBe('该预约已支付，请勿重复支付');
    expect(p.balanceFen).toBe(balance - b.feeFen);
    expect(await query(b.id)).toMatchObject({ STATUS: 9, BALANCE_PAY: 1, CERTIFICATE_CODE: answer.CERTIFICATE_CODE, ALLOW_PREPAY: 0, ALLOW_CANCEL: 1, PLATFORM_CANCEL_PAY: 0 });
    const info = await t.his.ok('/get_patient', { QUERY_TYPE: 'PATIENT_ID', FIELD1: p.id });
    expect(info.DATA[0]).toMatchObject({ BALANCE: (balance - b.feeFen) / 100, BALANCE_MIN: 0, AVAILABLE_BALANCE: (balance - b.feeFen) / 100 });

    // Cancelling gives the fee back to the card and refunds the registration (已退号).
    await t.his.ok('/cancel', cancelBody(b.id));
    expect(p.balanceFen).toBe(balance);
    expect(await query(b.id)).toMatchObject({ STATUS: -2, STATUS_TEXT: '已退号', ALLOW_CANCEL: 0 });
    expect((await t.his.fail('/cancel', cancelBody(b.id))).msg).toBe('该预约已取消，请勿重复操作');
    expect(p.balanceFen).toBe(balance);
  });

  test('/prepay from the balance fails when the balance is short', async () => {
    const p = t.demo('wangfang');
    expect(p.balanceFen).toBe(0);
    const b = await book('3001', p);
    expect((await t.his.fail('/prepay', balancePay(b.id))).msg).toBe('诊疗卡余额不足，当前可用余额0.00元');
    expect(booking(b.id).status).toBe(0);
  });

  test('/prepay through the platform: order applied, refund recorded on cancel', async () => {
    const b = await book('1004', t.background(4));
    await t.his.ok('/cpay_new_payment', newPayment(b));
    expect((await t.his.fail('/prepay', { ...platformPay(b.id), PAY_WAY_ID: undefined })).msg).toBe('参数不能为空：PAY_WAY_ID');
    expect((await t.his.fail('/prepay', { ...platformPay(b.id), BUSINESS_NO: '' })).msg).toBe('参数不能为空：BUSINESS_NO');
    expect((await t.his.fail('/prepay', { ...platformPay(b.id), HIS_ORDER_NO: 'OTHER' })).msg).toBe('HIS订单号与预约记录不符');
    expect((await t.his.fail('/prepay', { ...platformPay(b.id), BUSINESS_INFO: 'not json' })).msg).toBe('BUSINESS_INFO应为JSON格式');
    expect((await t.his.fail('/prepay', { ...platformPay(b.id), BALANCE_PAY: 2 })).msg).toBe('余额支付标志错误（1：余额支付，0：其他方式）');
    expect((await t.his.fail('/prepay', { ...platformPay(b.id), SEND_SMS: 2 })).msg).toBe('是否发送短信应为1或0');
    const answer = await t.his.ok('/prepay', platformPay(b.id, 'WXT-1'));
    const order = t.sandbox.store.core.orders[b.id];
    expect(order).toMatchObject({ applied: true, businessNo: 'WXT-1', status: 2 });
    expect(order?.appliedAt).toMatch(new RegExp(`^${today} `));
    expect(await query(b.id)).toMatchObject({ STATUS: 9, BALANCE_PAY: 0, PLATFORM_CANCEL_PAY: 1, BUSINESS_NO: 'WXT-1', CERTIFICATE_CODE: answer.CERTIFICATE_CODE });
    expect((await t.his.fail('/prepay', platformPay(b.id, 'WXT-2'))).msg).toBe('该预约已支付，请勿重复支付');

    await t.his.ok('/cancel', cancelBody(b.id, { BUSINESS_NO: 'RF-1', BUSINESS_INFO: '{"refund_id":"RF-1"}', REMARK: '患者取消' }));
    expect(booking(b.id)).toMatchObject({ status: -2, refundBusinessNo: 'RF-1', refundBusinessInfo: '{"refund_id":"RF-1"}', cancelRemark: '患者取消' });
    expect(order?.refundedAt).not.toBe('');

    // The platform then reports the reversal.
    await t.his.ok('/cpay_update_payment_status', { HIS_ORDER_NO: b.id, PAY_WAY_ID: 'wepay', BUSINESS_NO: 'RF-1', BUSINESS_INFO: '{"refund_id":"RF-1"}', DATA_SOURCE: 'w1', STATUS: 5 });
    await t.his.ok('/cpay_update_payment_status', { HIS_ORDER_NO: b.id, PAY_WAY_ID: 'wepay', BUSINESS_NO: 'RF-1', BUSINESS_INFO: '{"refund_id":"RF-1"}', DATA_SOURCE: 'w1', STATUS: 5 });
    expect(order?.statusHistory.filter((h) => h.status === 5)).toHaveLength(1);
    expect(order?.status).toBe(5);
  });

  test('/cpay_update_payment_status refuses unknown orders and undocumented statuses', async () => {
    const body = { PAY_WAY_ID: 'wepay', BUSINESS_NO: 'X1', BUSINESS_INFO: '{}', DATA_SOURCE: 'w1', STATUS: 5 };
    expect((await t.his.fail('/cpay_update_payment_status', { ...body, HIS_ORDER_NO: 'NOPE' })).msg).toBe('HIS订单不存在');
    const b = await book('2001', t.background(5));
    await t.his.ok('/cpay_new_payment', newPayment(b));
    expect((await t.his.fail('/cpay_update_payment_status', { ...body, HIS_ORDER_NO: b.id, STATUS: 1 })).msg).toBe('不支持的订单状态：1（仅支持5：支付（冲销）成功）');
    await t.his.ok('/cpay_update_payment_status', { ...body, HIS_ORDER_NO: b.id });
    expect(t.sandbox.store.core.orders[b.id]?.statusHistory.map((h) => h.status)).toEqual([0, 5]);
  });

  test('an unpaid booking lapses at its deadline: cancelled, place released, no payment or cancel any more', async () => {
    const { schedule, slot } = freeSlot('1006', tomorrow);
    const booked = slot.booked;
    const answer = await t.his.ok('/new', newBody(schedule, slot, t.background(6)));
    const b = booking(answer.APPT_ID);
    await t.his.ok('/cpay_new_payment', newPayment(b));
    expect(slot.booked).toBe(booked + 1);
    t.sandbox.clock.advance(14 * 60_000);
    expect(await query(b.id)).toMatchObject({ STATUS: 0, ALLOW_PREPAY: 1 });
    t.sandbox.clock.advance(61_000);
    expect(await query(b.id)).toMatchObject({ STATUS: -1, STATUS_TEXT: LAPSED_TEXT, ALLOW_PREPAY: 0, ALLOW_CANCEL: 0 });
    expect(slot.booked).toBe(booked);
    expect((await t.his.fail('/prepay', platformPay(b.id))).msg).toBe('预约已超时未支付，已自动取消，请重新预约');
    expect((await t.his.fail('/cpay_new_payment', newPayment(b))).msg).toBe('预约已超时未支付，已自动取消，请重新预约');
    expect((await t.his.fail('/cancel', cancelBody(b.id))).msg).toBe('该预约已超时未支付自动取消，无需再取消');
    expect(t.sandbox.store.core.orders[b.id]?.applied).toBe(false);
    // The same patient may book the schedule again.
    await t.his.ok('/new', newBody(schedule, slot, t.background(6)));
  });

  test('/cancel of an unconfirmed booking releases its place; cancel checks its inputs', async () => {
    const { schedule, slot } = freeSlot('5001', tomorrow);
    const booked = slot.booked;
    const answer = await t.his.ok('/new', newBody(schedule, slot, t.background(7)));
    expect((await t.his.fail('/cancel', { ...cancelBody(answer.APPT_ID), SEND_SMS: 'yes' })).msg).toBe('是否发送短信应为1或0');
    expect((await t.his.fail('/cancel', cancelBody('NOPE'))).msg).toBe('预约记录不存在');
    const done = await t.his.ok('/cancel', cancelBody(answer.APPT_ID));
    expect(done).toEqual({ ResultCode: 0, ResultMsg: '取消成功' });
    expect(slot.booked).toBe(booked);
    expect(await query(answer.APPT_ID)).toMatchObject({ STATUS: -1, STATUS_TEXT: '已取消' });
  });
});

describe('queries and demo data', () => {
  test('/query by patient shows 张伟\'s documented bookings', async () => {
    const zhangwei = t.demo('zhangwei');
    const { DATA } = await t.his.ok('/query', { PATIENT_ID: zhangwei.id, START_TIME: dayjs(today).subtract(60, 'day').format('YYYY-MM-DD'), END_TIME: tomorrow, DATA_SOURCE: 'w1' });
    const seeded = DATA.filter((r) => r.ACCOUNT_ID === zhangwei.accountId);
    expect(seeded.map((r) => [r.DT === today ? 'today' : r.DT === tomorrow ? 'tomorrow' : 'past', r.STATUS])).toEqual([
      ['tomorrow', 9],
      ['today', 9],
      ['past', -1],
      ['past', 5],
    ]);
    const [tomorrowRow, todayRow, cancelled, seen] = seeded;
    expect(todayRow).toMatchObject({ DEPT_ID: '1001', DURATION_NAME: '下午', BALANCE_PAY: 1, PLATFORM_CANCEL_PAY: 0, ALLOW_CANCEL: 1 });
    expect(tomorrowRow).toMatchObject({ DEPT_ID: '1003', BALANCE_PAY: 0, PLATFORM_CANCEL_PAY: 1, ALLOW_CANCEL: 1 });
    expect(tomorrowRow?.BUSINESS_NO).toBe(t.sandbox.store.core.orders[tomorrowRow?.APPT_ID ?? '']?.businessNo);
    expect(t.sandbox.store.core.orders[tomorrowRow?.APPT_ID ?? '']).toMatchObject({ applied: true, purpose: 'appointment' });
    expect(cancelled).toMatchObject({ DEPT_ID: '1004', STATUS_TEXT: '已取消', ALLOW_CANCEL: 0 });
    const respiratory = Object.values(t.sandbox.store.core.registrations).find((r) => r.patientId === zhangwei.id && r.deptId === '1002');
    expect(seen).toMatchObject({ DEPT_ID: '1002', STATUS_TEXT: '已就诊', VISIT_ID: respiratory?.id, DT: respiratory?.visitDate });

    const byVisit = await t.his.ok('/query', { VISIT_ID: respiratory?.id ?? '', DATA_SOURCE: 'w1' });
    expect(byVisit.DATA.map((r) => r.APPT_ID)).toEqual([seen?.APPT_ID]);
    const byAccount = await t.his.ok('/query', { ACCOUNT_ID: zhangwei.accountId, DATA_SOURCE: 'w1' });
    expect(byAccount.DATA).toHaveLength(4);
    const byIdNo = await t.his.ok('/query', { ID_NO: zhangwei.idNo.toLowerCase(), START_TIME: tomorrow, END_TIME: `${tomorrow} 23:59:59`, DATA_SOURCE: 'w1' });
    expect(byIdNo.DATA.every((r) => r.DT === tomorrow && r.ID_NO === zhangwei.idNo)).toBe(true);
    const byName = await t.his.ok('/query', { NAME: '张伟', PHONE_NO: '13800138001', DATA_SOURCE: 'w1' });
    expect(byName.DATA.length).toBeGreaterThanOrEqual(4);
    // APPT_ID wins over every other condition.
    const one = await t.his.ok('/query', { APPT_ID: seen?.APPT_ID ?? '', PATIENT_ID: 'whatever', DATA_SOURCE: 'w1' });
    expect(one.DATA).toHaveLength(1);
  });

  test('/query needs a condition and well-formed dates', async () => {
    expect((await t.his.fail('/query', { DATA_SOURCE: 'w1' })).msg).toBe('请提供预约记录id、病人id、账户id、就诊id、身份证号或姓名加电话作为查询条件');
    expect((await t.his.fail('/query', { NAME: '张伟', DATA_SOURCE: 'w1' })).msg).toBe('按姓名查询时姓名和电话须同时提供');
    expect((await t.his.fail('/query', { PATIENT_ID: '20000001', START_TIME: '2026/1/1', DATA_SOURCE: 'w1' })).msg).toBe('START_TIME格式错误，应为YYYY-MM-DD或YYYY-MM-DD HH:mm:ss');
    expect((await t.his.fail('/query', { APPT_ID: 'NOPE', DATA_SOURCE: 'w1' })).msg).toBe('预约记录不存在');
    expect((await t.his.ok('/query', { PATIENT_ID: 'NOBODY', DATA_SOURCE: 'w1' })).DATA).toEqual([]);
  });

  test('/get_patient by PATIENT_ID only', async () => {
    const p = t.demo('chenjing');
    const { DATA } = await t.his.ok('/get_patient', { QUERY_TYPE: 'PATIENT_ID', FIELD1: p.id });
    expect(DATA).toEqual([
      {
        PATIENT_ID: p.id,
        CARD_NO: '5000100005',
        NAME: '陈静',
        SEX: '女',
        BIRTHDAY: '1979-02-27',
        ID_NO: p.idNo,
        PHONE_NO: '13800138005',
        PATIENT_TYPE_ID: '1',
        PATIENT_TYPE_NAME: '自费',
        BALANCE: 30,
        BALANCE_MIN: 0,
        AVAILABLE_BALANCE: 30,
        CREATE_TIME: p.createdAt.slice(0, 10),
      },
    ]);
    expect((await t.his.fail('/get_patient', { QUERY_TYPE: 'CARD_NO', FIELD1: '5000100005' })).msg).toBe('不支持的查询方式，仅支持按病人id（PATIENT_ID）查询');
    expect((await t.his.fail('/get_patient', { QUERY_TYPE: 'PATIENT_ID', FIELD1: 'NOPE' })).msg).toBe('未找到该患者信息');
  });
});

describe('the clock', () => {
  test('a booking cannot be cancelled once its session has started', async () => {
    const schedule = Object.values(t.sandbox.store.state.appointment.schedules).find((x) => x.deptId === '6001' && x.date === today && x.durationId === '2' && x.slots.some((y) => y.booked < y.max));
    const slot = schedule?.slots.find((y) => y.booked < y.max);
    if (!schedule || !slot) throw new Error('seed');
    const answer = await t.his.ok('/new', newBody(schedule, slot, t.background(8)));
    expect(await query(answer.APPT_ID)).toMatchObject({ ALLOW_CANCEL: 1 });
    t.sandbox.clock.set(`${today} 14:00:00`);
    expect(await query(answer.APPT_ID)).toMatchObject({ ALLOW_CANCEL: 0 });
    expect((await t.his.fail('/cancel', cancelBody(answer.APPT_ID))).msg).toBe('已到就诊时段，不能取消预约');
  });

  test('the next day: the window moves on, yesterday\'s confirmed bookings become no-shows', async () => {
    const confirmedToday = allBookings().filter((b) => b.date === today && b.status === 9).map((b) => b.id);
    expect(confirmedToday.length).toBeGreaterThan(0);
    const next = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
    t.sandbox.clock.set(`${next} 07:30:00`);
    const { DATA } = await t.his.ok('/get_dt', { DEPT_ID: '1001' });
    expect(DATA.map((d) => d.DT)).toEqual(Array.from({ length: 8 }, (_, i) => dayjs(next).add(i, 'day').format('YYYY-MM-DD')));
    for (const id of confirmedToday) expect(await query(id)).toMatchObject({ STATUS: -3, STATUS_TEXT: NO_SHOW_TEXT, ALLOW_CANCEL: 0 });
  });
});
