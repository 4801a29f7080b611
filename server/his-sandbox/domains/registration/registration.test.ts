import type { Patient } from '../../state/core';
import { generalClinicDoctor } from './clinic';
import type { SameDaySchedule } from './state';
import { startHisSandbox } from '../../sandbox';
import { useHisSandbox } from '../../test-harness';
import { hisClient } from '../../testing';

const t = useHisSandbox();

let today: string;

const schedules = (): SameDaySchedule[] => Object.values(t.sandbox.store.state.registration.schedules).filter((s) => s.date === t.sandbox.clock.today());
const schedule = (pick: (s: SameDaySchedule) => boolean): SameDaySchedule => {
  const s = schedules().find(pick);
  if (!s) throw new Error('no such schedule');
  return s;
};
/** A roomy schedule of 消化内科 today, a named doctor's when one has room (never a documented full / one-left case). */
const roomy = (session: '上午' | '下午' = '上午') => {
  const fits = (s: SameDaySchedule) => s.deptId === '1003' && s.addFlag === 0 && s.session === session && s.limit - s.registerCount >= 2;
  return schedules().find((s) => fits(s) && !s.general) ?? schedule(fits);
};
const pre = (s: SameDaySchedule, p: Patient, amount = s.feeFen / 100) => ({ dept_id: s.deptId, doctor_id: s.doctorId, scheduling_id: s.id, patient_id: p.id, pay_amount: amount });
const paidInfo = JSON.stringify({ status: 9, trade_no: 'T1' });
let businessSeq = 0;
const confirm = (s: SameDaySchedule, p: Patient, businessNo = `WXPAY${(businessSeq += 1)}`, businessInfo = paidInfo) => ({
  dept_id: s.deptId,
  doctor_id: s.doctorId,
  scheduling_id: s.id,
  patient_id: p.id,
  business_no: businessNo,
  business_info: businessInfo,
});
const countOn = (s: SameDaySchedule) => t.sandbox.store.state.registration.schedules[s.id]?.registerCount;

beforeAll(() => {
  // A morning in the hospital, seeded as of then.
  t.sandbox.clock.set(`${t.sandbox.clock.today()} 09:00:00`);
  t.sandbox.store.reseed();
  today = t.sandbox.clock.today();
});
describe('departments and schedules', () => {
  test('/getDepts lists the outpatient departments with campus and category', async () => {
    const { depts } = await t.his.ok('/getDepts', {});
    const outpatient = t.sandbox.store.core.departments.filter((d) => d.outpatient);
    expect(depts.map((d) => d.id)).toEqual(outpatient.map((d) => d.id));
    expect(depts.find((d) => d.id === '4001')).toEqual({
      id: '4001',
      name: '儿科',
      address: t.sandbox.store.requireDepartment('4001').address,
      hospital_id: '03',
      hospital_name: '妇女儿童院区',
      dept_category_id: '04',
      dept_category_name: '儿科',
    });
    expect(depts.some((d) => d.id === '4002' || d.id === '8001')).toBe(false);
  });

  test('/getSchedules: today, one per doctor and session, the documented full, one-left and 加号 schedules', async () => {
    const { schedules: list } = await t.his.ok('/getSchedules', { dept_id: '1001' });
    const head = t.sandbox.store.core.doctors.find((d) => d.deptId === '1001' && d.post === '科主任');
    const full = list.find((s) => s.doctor_id === head?.id && s.register_add_flag === 0 && s.name.includes('上午'));
    expect(full).toBeDefined();
    expect(full?.register_count).toBe(full?.limit);
    expect(full?.price).toBe((head?.feeFen ?? 0) / 100);
    expect(list.find((s) => s.doctor_id === head?.id && s.register_add_flag === 1)).toMatchObject({ limit: 5, register_count: 3, name: `${head?.name} ${head?.registerTypeName}（上午·加号）` });
    const general = list.find((s) => s.name === '普通门诊（上午）');
    expect(general).toMatchObject({ limit: 60, register_count: 59, register_type_id: '1', register_type_name: '普通号', price: 12, dept_id: '1001', dept_name: '心血管内科' });
    expect(list.map((s) => s.order_no)).toEqual([...list.map((s) => s.order_no)].sort((a, b) => a - b));
    // Nothing else is seeded full or one place short.
    const all = schedules();
    expect(all.filter((s) => s.registerCount >= s.limit)).toHaveLength(1);
    expect(all.filter((s) => s.limit - s.registerCount === 1)).toHaveLength(1);
    const extra = all.filter((s) => s.addFlag === 1);
    expect(['1001', '1002', '4001'].every((dept) => extra.some((s) => s.deptId === dept && s.session === '上午'))).toBe(true);
  });

  test('/getSchedules fails for an unknown or non-outpatient department', async () => {
    expect((await t.his.fail('/getSchedules', { dept_id: '9999' })).msg).toBe('科室不存在');
    expect((await t.his.fail('/getSchedules', { dept_id: '4002' })).msg).toBe('该科室不开放门诊挂号');
    expect((await t.his.fail('/getSchedules', { dept_id: ' ' })).msg).toBe('参数不能为空：dept_id');
  });

  test('/registerGetPrice answers the fee as a string with head.code "1"', async () => {
    const s = roomy();
    const answer = await t.his.ok('/registerGetPrice', { patient_id: t.demo('zhangwei').id, clinic_id: s.id, data_resource: 'w1' });
    expect(answer).toEqual({ head: { code: '1', msg: '成功' }, data: { total: (s.feeFen / 100).toFixed(2) } });
    const unknown = await t.his.fail('/registerGetPrice', { patient_id: t.demo('zhangwei').id, clinic_id: 'NOPE', data_resource: 'w1' });
    expect(unknown).toMatchObject({ code: '0', msg: '排班不存在' });
    expect((await t.his.fail('/registerGetPrice', { patient_id: '404', clinic_id: s.id, data_resource: 'w1' })).msg).toBe('未找到该患者信息');
  });
});

describe('registerPre and register', () => {
  test('holds a place, confirms it with the next queue number, and shows it in the patient records', async () => {
    const s = roomy();
    const p = t.background(0);
    const before = s.registerCount;
    const held = await t.his.ok('/registerPre', pre(s, p));
    expect(held.head.msg).toBe('预挂号成功，请在10分钟内完成支付');
    expect(countOn(s)).toBe(before + 1);

    const { info } = await t.his.ok('/register', confirm(s, p, 'WX-HAPPY-1'));
    const dept = t.sandbox.store.requireDepartment(s.deptId);
    const doctor = t.sandbox.store.requireDoctor(s.doctorId);
    expect(info).toEqual({
      id: info.id,
      patient_id: p.id,
      patient_name: p.name,
      dept_id: '1003',
      dept_name: '消化内科',
      dept_address: dept.address,
      register_type_id: doctor.registerTypeId,
      register_type_name: doctor.registerTypeName,
      doctor_id: doctor.id,
      doctor_name: doctor.name,
      visit_date: today,
      visit_weekday: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'][new Date(`${today}T00:00:00Z`).getUTCDay()],
      visit_time: '上午',
      queue_no: before + 1,
    });
    expect(countOn(s)).toBe(before + 1);
    expect(t.sandbox.store.state.registration.holds.some((h) => h.patientId === p.id)).toBe(false);

    const reg = t.sandbox.store.core.registrations[info.id];
    expect(reg).toMatchObject({ source: 'sameDay', businessNo: 'WX-HAPPY-1', scheduleId: s.id, accepted: false, feeFen: s.feeFen });
    expect(reg?.createdAt).toMatch(new RegExp(`^${today} 09:00:\\d\\d$`));

    const { records } = await t.his.ok('/getVisitInfo', { patient_id: p.id });
    expect(records.find((r) => r.id === info.id)).toEqual({
      id: info.id,
      patient_id: p.id,
      patient_name: p.name,
      order_no: '1003',
      limit: '消化内科',
      dept_id: doctor.id,
      dept_name: doctor.name,
      visit_date: reg?.createdAt,
      visit_time: '上午',
      accept: 0,
      accept_name: '未接诊',
      queue_no: before + 1,
      refund_type: 1,
    });

    const { record } = await t.his.ok('/getVisitInfoDetail', { patient_id: p.id, visit_id: info.id });
    expect(record).toMatchObject({ id: info.id, visit_no: reg?.visitNo, doctor_id: doctor.id, dept_id: '1003', dept_name: '消化内科', fee: s.feeFen / 100, queue_no: before + 1, accept: 0, patient_sex: p.sex });
  });

  test('a second registerPre while holding refreshes the hold and takes no second place', async () => {
    const s = roomy('下午');
    const p = t.background(1);
    const before = s.registerCount;
    await t.his.ok('/registerPre', pre(s, p));
    t.sandbox.clock.advance(8 * 60_000);
    await t.his.ok('/registerPre', pre(s, p));
    expect(countOn(s)).toBe(before + 1);
    // 8 + 8 minutes after the first call: the refreshed hold (10 min from the second) still stands.
    t.sandbox.clock.advance(8 * 60_000);
    await t.his.ok('/register', confirm(s, p));
    expect(countOn(s)).toBe(before + 1);
  });

  test('rejects a wrong amount, ids that do not agree, and a patient already registered', async () => {
    const s = roomy();
    const other = schedule((x) => x.deptId === '1002' && !x.general);
    const p = t.background(2);
    expect((await t.his.fail('/registerPre', pre(s, p, s.feeFen / 100 + 1))).msg).toBe(`挂号费金额不符，应为${(s.feeFen / 100).toFixed(2)}元`);
    expect((await t.his.fail('/registerPre', { ...pre(s, p), dept_id: '1002' })).msg).toBe('排班不属于该科室');
    expect((await t.his.fail('/registerPre', { ...pre(s, p), doctor_id: other.doctorId })).msg).toBe('医生与排班不符');
    expect((await t.his.fail('/registerPre', { ...pre(s, p), scheduling_id: 'X' })).msg).toBe('排班不存在');
    expect((await t.his.fail('/registerPre', { ...pre(s, p), patient_id: '' })).msg).toBe('参数不能为空：patient_id');
    const paediatrics = schedule((x) => x.deptId === '4001' && x.general);
    expect((await t.his.fail('/registerPre', pre(paediatrics, t.demo('zhangwei')))).msg).toBe('儿科仅接诊14岁以下患儿');
    const gynaecology = schedule((x) => x.deptId === '3001' && x.general);
    expect((await t.his.fail('/registerPre', pre(gynaecology, t.demo('liuzixuan')))).msg).toBe('妇科仅接诊16岁及以上女性患者');
    const before = countOn(s);
    await t.his.ok('/registerPre', pre(s, p));
    await t.his.ok('/register', confirm(s, p));
    expect((await t.his.fail('/registerPre', pre(s, p))).msg).toBe('该患者已挂本排班的号，请勿重复挂号');
    expect(countOn(s)).toBe((before ?? 0) + 1);
  });

  test('a full schedule refuses; of the last place only one of many concurrent patients gets it', async () => {
    const full = schedule((s) => s.deptId === '1001' && s.addFlag === 0 && s.registerCount === s.limit);
    expect((await t.his.fail('/registerPre', pre(full, t.background(3)))).msg).toBe('号源已满');

    const oneLeft = schedule((s) => s.limit - s.registerCount === 1);
    const people = t.sandbox.store.patients().filter((p) => !p.demo).slice(5, 25);
    const answers = await Promise.all(people.map((p) => t.his.raw('/registerPre', pre(oneLeft, p))));
    const codes = answers.map((a) => (a.json as { head: { code: number } }).head.code);
    expect(codes.filter((c) => c === 1)).toHaveLength(1);
    expect(answers.filter((a) => (a.json as { head: { msg: string } }).head.msg === '号源已满')).toHaveLength(19);
    expect(countOn(oneLeft)).toBe(oneLeft.limit);
  });

  test('an expired hold gives its place back and can no longer be confirmed', async () => {
    const s = roomy();
    const p = t.background(26);
    const before = countOn(s) ?? 0;
    await t.his.ok('/registerPre', pre(s, p));
    expect(countOn(s)).toBe(before + 1);
    t.sandbox.clock.advance(10 * 60_000 + 1000);
    expect((await t.his.fail('/register', confirm(s, p))).msg).toBe('未预挂号或预挂号已超时');
    expect(countOn(s)).toBe(before);
    expect(t.sandbox.store.state.registration.holds.some((h) => h.patientId === p.id)).toBe(false);
  });

  test('register checks business_info and refuses a replay of the same business_no', async () => {
    const s = roomy();
    const p = t.background(27);
    expect((await t.his.fail('/register', confirm(s, p))).msg).toBe('未预挂号或预挂号已超时');
    await t.his.ok('/registerPre', pre(s, p));
    expect((await t.his.fail('/register', confirm(s, p, 'WX-R1', 'status=9'))).msg).toBe('订单信息格式错误，应为JSON字符串');
    expect((await t.his.fail('/register', confirm(s, p, 'WX-R1', '{"trade_no":"1"}'))).msg).toBe('订单信息缺少status字段');
    expect((await t.his.fail('/register', confirm(s, p, 'WX-R1', '{"status":-1}'))).msg).toBe('支付订单状态为-1，未完成支付，不能确认挂号');
    expect((await t.his.fail('/register', confirm(s, p, ' '))).msg).toBe('参数不能为空：business_no');
    expect((await t.his.fail('/register', { ...confirm(s, p, 'WX-R1'), insurance_pay: '5.00' })).msg).toBe('医保支付时结算id、医保支付、账户支付、患者类型id均必传');
    await t.his.ok('/register', { ...confirm(s, p, 'WX-R1', '{"status":"9"}'), 'settlement id': 'S1', insurance_pay: '1.00', account_pay: '2.00', patient_type_id: '2' });
    expect((await t.his.fail('/register', confirm(s, p, 'WX-R1'))).msg).toBe('该支付订单已挂号，请勿重复提交');
    const mine = Object.values(t.sandbox.store.core.registrations).filter((r) => r.patientId === p.id && r.scheduleId === s.id);
    expect(mine).toHaveLength(1);
  });

  test('/getVisitInfoDetail refuses another patient\'s record and unknown ids', async () => {
    const wangfang = t.demo('wangfang');
    const { records } = await t.his.ok('/getVisitInfo', { patient_id: wangfang.id });
    // 王芳's seeded online registration of today (妇科 普通门诊, 下午) is refundable; her past visits are not.
    expect(records.map((r) => [r.order_no, r.visit_time, r.refund_type, r.accept])).toEqual([
      ['3001', '下午', 1, 0],
      ['3001', '下午', -1, 1],
      ['3001', '上午', -1, 1],
    ]);
    const id = records[0]?.id ?? '';
    expect((await t.his.fail('/getVisitInfoDetail', { patient_id: t.demo('zhangwei').id, visit_id: id })).msg).toBe('该挂号记录不属于该患者');
    expect((await t.his.fail('/getVisitInfoDetail', { patient_id: wangfang.id, visit_id: 'NOPE' })).msg).toBe('挂号记录不存在');
    expect((await t.his.fail('/getVisitInfo', { patient_id: 'NOPE' })).msg).toBe('未找到该患者信息');
  });
});

describe('offerNumber', () => {
  const zhangweiBookings = () => Object.values(t.sandbox.store.state.appointment.bookings).filter((b) => b.patientId === t.demo('zhangwei').id);

  test('takes the number of 张伟\'s confirmed booking of today, once', async () => {
    const booking = zhangweiBookings().find((b) => b.date === today && b.status === 9);
    expect(booking).toBeDefined();
    const id = booking?.id ?? '';
    const zhangwei = t.demo('zhangwei');
    // A booking of the 普通门诊 is seen by the doctor who staffs it.
    const doctor = booking?.doctorId ? t.sandbox.store.requireDoctor(booking.doctorId) : generalClinicDoctor(t.sandbox.store, '1001');
    const { queue, head } = await t.his.ok('/offerNumber', { appointment_id: id, patient_id: zhangwei.id });
    expect(head.msg).toBe('取号成功');
    expect(queue).toEqual({
      id: queue.id,
      patient_name: '张伟',
      patient_id: zhangwei.id,
      dept_id: '1001',
      dept_name: '心血管内科',
      doctor_id: doctor.id,
      doctor_name: doctor.name,
      doctor_title: doctor.medicalTitleName,
      hospital_id: '01',
      hospital_name: '本院',
      queue_no: booking?.queueNo,
    });
    expect(t.sandbox.store.core.registrations[queue.id]).toMatchObject({ source: 'appointment', visitDate: today, visitTime: '下午', scheduleId: booking?.scheduleId });
    const { DATA } = await t.his.ok('/query', { APPT_ID: id, DATA_SOURCE: 'w1' });
    expect(DATA[0]).toMatchObject({ STATUS: 1, STATUS_TEXT: '已取号', VISIT_ID: queue.id, ALLOW_CANCEL: 0 });
    expect((await t.his.fail('/offerNumber', { appointment_id: id, patient_id: zhangwei.id })).msg).toBe('该预约已取号，请勿重复取号');
    const { records } = await t.his.ok('/getVisitInfo', { patient_id: zhangwei.id });
    expect(records.find((r) => r.id === queue.id)).toMatchObject({ refund_type: -1, visit_time: '下午', order_no: '1001' });
  });

  test('refuses another patient, a booking of another day, and unknown ids', async () => {
    const tomorrowBooking = zhangweiBookings().find((b) => b.date > today);
    const id = tomorrowBooking?.id ?? '';
    expect((await t.his.fail('/offerNumber', { appointment_id: id, patient_id: t.demo('wangfang').id })).msg).toBe('该预约记录不属于该患者');
    expect((await t.his.fail('/offerNumber', { appointment_id: id, patient_id: t.demo('zhangwei').id })).msg).toBe(`未到就诊日期，请于${tomorrowBooking?.date}当天取号`);
    expect((await t.his.fail('/offerNumber', { appointment_id: 'NOPE', patient_id: t.demo('zhangwei').id })).msg).toBe('预约记录不存在');
    const cancelled = zhangweiBookings().find((b) => b.status === -1);
    expect((await t.his.fail('/offerNumber', { appointment_id: cancelled?.id ?? '', patient_id: t.demo('zhangwei').id })).msg).toBe('该预约已取消，不能取号');
  });
});

describe('session hours and days', () => {
  test("with sessionHours 'real' only sessions not yet over are offered", async () => {
    const real = await startHisSandbox({ sessionHours: 'real' });
    try {
      const client = hisClient(real.url);
      real.clock.set(`${real.clock.today()} 13:00:00`);
      const { schedules: afternoon } = await client.ok('/getSchedules', { dept_id: '1003' });
      expect(afternoon.length).toBeGreaterThan(0);
      expect(afternoon.every((s) => s.name.includes('下午'))).toBe(true);
      const morning = Object.values(real.store.state.registration.schedules).find((s) => s.deptId === '1003' && s.session === '上午' && s.date === real.clock.today());
      const p = real.store.patients().find((x) => x.demo === 'zhaoguoqiang');
      if (!morning || !p) throw new Error('seed');
      expect((await client.fail('/registerPre', { dept_id: '1003', doctor_id: morning.doctorId, scheduling_id: morning.id, patient_id: p.id, pay_amount: morning.feeFen / 100 })).msg).toBe('上午门诊已结束挂号');
      real.clock.set(`${real.clock.today()} 18:00:00`);
      expect((await client.ok('/getSchedules', { dept_id: '1003' })).schedules).toEqual([]);
      // Nor can a booking of this afternoon take its number any more.
      const zhangwei = real.store.patients().find((x) => x.demo === 'zhangwei');
      const todays = Object.values(real.store.state.appointment.bookings).find((b) => b.patientId === zhangwei?.id && b.date === real.clock.today());
      expect((await client.fail('/offerNumber', { appointment_id: todays?.id ?? '', patient_id: zhangwei?.id ?? '' })).msg).toBe('下午门诊已结束，不能取号');
      expect(real.selfCheck).toEqual({ violations: [], internalErrors: [] });
    } finally {
      await real.close();
    }
  });

  test('a new day brings its own schedules; yesterday\'s cannot be registered', async () => {
    const old = roomy();
    t.sandbox.clock.set(`${t.sandbox.clock.now().add(1, 'day').format('YYYY-MM-DD')} 09:00:00`);
    const { schedules: list } = await t.his.ok('/getSchedules', { dept_id: '1003' });
    expect(list.length).toBeGreaterThan(0);
    const ids = list.map((s) => s.id);
    expect(ids).not.toContain(old.id);
    expect(list.every((s) => t.sandbox.store.state.registration.schedules[s.id]?.date === t.sandbox.clock.today())).toBe(true);
    expect((await t.his.fail('/registerPre', pre(old, t.background(28)))).msg).toBe('只能挂当日号，该排班不是今日排班');
  });
});
