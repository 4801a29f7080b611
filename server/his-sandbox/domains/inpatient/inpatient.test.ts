import dayjs from 'dayjs';
import { makeIdCard } from '../../../../common/id-card';
import { stayBalanceFen, stayChargesFen } from '../../state/builders';
import type { Patient, Stay } from '../../state/core';
import type { HisRequests } from '../../../his-catalogue/types.generated';
import { CERTIFICATE_STATUS } from './state';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

function stayOf(p: Patient): Stay {
  const s = t.sandbox.store.latestStay(p.id);
  if (!s) throw new Error(`no stay for ${p.name}`);
  return s;
}

const today = () => t.sandbox.clock.today();
/** A day relative to the anchor day of the seed (not to the moving clock). */
const day = (offset: number) => dayjs(t.sandbox.store.state.anchorDate).add(offset, 'day').format('YYYY-MM-DD');
const atNine = () => t.sandbox.clock.set(`${today()} 09:00:00`);

/** A fresh seeded hospital at 09:00 of the anchor day. */
function freshMorning(): void {
  t.sandbox.reset();
  atNine();
}

describe('/getInHospitalList', () => {
  beforeAll(freshMorning);

  it('answers the current stay of a patient in hospital, without create_time', async () => {
    const li = t.demo('lixiuying');
    const stay = stayOf(li);
    const { patient } = await t.his.ok('/getInHospitalList', { id_no: li.idNo });
    expect(patient).toMatchObject({
      id: li.id,
      op_flag: '2',
      name: '李秀英',
      visit_no: stay.visitNo,
      dept_id: '1001',
      dept_name: '心血管内科',
      bed_no: stay.bedNo,
      admission_time: stay.admissionDate,
      hospital_days: 4,
      balance: stayBalanceFen(stay) / 100,
      total: stayChargesFen(stay) / 100,
      recharge_flag: 1,
    });
    expect(patient).not.toHaveProperty('leave_hospital_time');
    expect(patient).not.toHaveProperty('create_time');
  });

  it('answers the latest stay of a discharged patient, who can no longer pay a deposit', async () => {
    const zhao = t.demo('zhaoguoqiang');
    const { patient } = await t.his.ok('/getInHospitalList', { id_no: zhao.idNo });
    expect(patient).toMatchObject({ visit_no: stayOf(zhao).visitNo, dept_name: '骨科', leave_hospital_time: day(-41), recharge_flag: -1, no_recharge_reason: '患者已出院结算，不能缴纳住院预交金' });
  });

  it('fails for a patient never in hospital, an unknown person and a malformed ID number', async () => {
    expect((await t.his.fail('/getInHospitalList', { id_no: t.demo('zhangwei').idNo })).msg).toBe('该患者无住院记录');
    expect((await t.his.fail('/getInHospitalList', { id_no: makeIdCard('520102', '1970-01-01', 11) })).msg).toBe('未找到该患者信息');
    expect((await t.his.fail('/getInHospitalList', { id_no: '52010219700101001' })).msg).toBe('身份证号不正确');
    expect((await t.his.fail('/getInHospitalList', { id_no: '' })).msg).toBe('参数不能为空：id_no');
  });
});

describe('/getDailyCharge', () => {
  beforeAll(freshMorning);
  const ask = (over: Partial<HisRequests['/getDailyCharge']> = {}): HisRequests['/getDailyCharge'] => {
    const li = t.demo('lixiuying');
    return { patient_id: li.id, visit_no: stayOf(li).visitNo, op_flag: 2, query_date: today(), ...over };
  };

  it("lists the day's charges, each carrying the day's total", async () => {
    const { fees } = await t.his.ok('/getDailyCharge', ask());
    expect(fees.map((f) => [f.item_id, f.price, f.quantity, f.total])).toEqual(
      expect.arrayContaining([
        ['W0602', 60, 1, 60],
        ['N0702', 25, 1, 25],
        ['C0801', 12, 1, 12],
        ['X0110', 13.2, 1, 13.2],
      ]),
    );
    const dayTotal = Math.round(fees.reduce((s, f) => s + f.total * 100, 0)) / 100;
    expect(fees.every((f) => f.summary === dayTotal && f.charge_date === today() && f.bill_date === today())).toBe(true);
    const expected = stayOf(t.demo('lixiuying')).charges.filter((c) => c.chargeDate === today());
    expect(fees.map((f) => f.id).sort()).toEqual(expected.map((c) => c.id).sort());
  });

  it('shows the tests of the admission day', async () => {
    const { fees } = await t.his.ok('/getDailyCharge', ask({ query_date: day(-4) }));
    expect(fees.map((f) => f.item_name)).toEqual(expect.arrayContaining(['一级护理', '血常规（五分类）', '心肌酶谱', '常规心电图']));
  });

  it('fails outside the stay, on a bad date, for another patient, an unknown stay and op_flag 1', async () => {
    expect((await t.his.fail('/getDailyCharge', ask({ query_date: day(-5) }))).msg).toBe(`查询日期不在住院期间（${day(-4)}至今）`);
    expect((await t.his.fail('/getDailyCharge', ask({ query_date: day(1) }))).msg).toContain('查询日期不在住院期间');
    expect((await t.his.fail('/getDailyCharge', ask({ query_date: today().replace(/-/g, '/') }))).msg).toBe('查询日期格式错误，应为yyyy-mm-dd');
    expect((await t.his.fail('/getDailyCharge', ask({ query_date: '2026-02-30' }))).msg).toBe('查询日期格式错误，应为yyyy-mm-dd');
    expect((await t.his.fail('/getDailyCharge', ask({ patient_id: t.demo('zhangwei').id }))).msg).toBe('该住院记录不属于该患者');
    expect((await t.his.fail('/getDailyCharge', ask({ visit_no: '39999999' }))).msg).toBe('住院号不存在');
    expect((await t.his.fail('/getDailyCharge', ask({ op_flag: 1 }))).msg).toBe('门诊住院标志错误：住院费用查询op_flag应为2');
    expect((await t.his.fail('/getDailyCharge', { ...ask(), op_flag: '2' })).msg).toBe('参数类型错误：op_flag应为整数');
  });

  it('answers a discharged stay up to its discharge day only', async () => {
    const zhao = t.demo('zhaoguoqiang');
    const base = { patient_id: zhao.id, visit_no: stayOf(zhao).visitNo, op_flag: 2 };
    const { fees } = await t.his.ok('/getDailyCharge', { ...base, query_date: day(-41) });
    expect(fees.length).toBeGreaterThan(0);
    expect((await t.his.fail('/getDailyCharge', { ...base, query_date: day(-40) })).msg).toBe(`查询日期不在住院期间（${day(-52)}至${day(-41)}）`);
  });
});

describe('/getChargeSummary', () => {
  beforeAll(freshMorning);

  it('totals the stay per charge category, ward charges first, each with the grand total', async () => {
    const li = t.demo('lixiuying');
    const stay = stayOf(li);
    const { fees } = await t.his.ok('/getChargeSummary', { patient_id: li.id, visit_no: stay.visitNo, op_flag: 2 });
    expect(fees.map((f) => f.item_name)).toEqual(['床位费', '护理费', '诊查费', '西药费', '化验费', '检查费', '治疗费']);
    expect(fees.map((f) => f.order_no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fees[0]).toMatchObject({ id: `${stay.visitNo}-01`, total: 300 }); // 5 days of 双人间 at 60
    const grand = stayChargesFen(stay) / 100;
    expect(fees.every((f) => f.summary === grand)).toBe(true);
    expect(Math.round(fees.reduce((s, f) => s + f.total * 100, 0))).toBe(stayChargesFen(stay));
  });

  it('fails for op_flag 1 and for a stay of someone else', async () => {
    const li = t.demo('lixiuying');
    const visitNo = stayOf(li).visitNo;
    expect((await t.his.fail('/getChargeSummary', { patient_id: li.id, visit_no: visitNo, op_flag: 1 })).msg).toBe('门诊住院标志错误：住院费用查询op_flag应为2');
    expect((await t.his.fail('/getChargeSummary', { patient_id: t.demo('zhaoguoqiang').id, visit_no: visitNo, op_flag: 2 })).msg).toBe('该住院记录不属于该患者');
    expect((await t.his.fail('/getChargeSummary', { patient_id: '29999999', visit_no: visitNo, op_flag: 2 })).msg).toBe('未找到该患者信息');
  });
});

describe('wards: /getBedNo and /getDepartment', () => {
  it("lists a ward's bed categories", async () => {
    const { records } = await t.his.ok('/getBedNo', { dept_id: '1001' });
    expect(records).toEqual([{ bed_category: '普通病房（三人间）' }, { bed_category: '双人间' }, { bed_category: '单人间' }, { bed_category: 'CCU监护床位' }]);
    expect((await t.his.ok('/getBedNo', { dept_id: '4002' })).records.map((r) => r.bed_category)).toEqual(['新生儿普通床位', 'NICU监护床位']);
  });

  it('fails for a department without wards and an unknown one', async () => {
    expect((await t.his.fail('/getBedNo', { dept_id: '7001' })).msg).toBe('皮肤科无住院病区');
    expect((await t.his.fail('/getBedNo', { dept_id: '9999' })).msg).toBe('科室不存在');
  });

  it('lists the departments of a campus that take admission bookings', async () => {
    expect((await t.his.ok('/getDepartment', { hospital_id: '01' })).records.map((r) => r.dept_id)).toEqual(['1001', '1002', '1003', '1004', '1005', '2001', '2002', '2004', '5001', '5002']);
    expect((await t.his.ok('/getDepartment', { hospital_id: '03' })).records).toEqual([
      { dept_id: '3001', dept_name: '妇科' },
      { dept_id: '3002', dept_name: '产科' },
      { dept_id: '4001', dept_name: '儿科' },
    ]);
    expect((await t.his.fail('/getDepartment', { hospital_id: '09' })).msg).toBe('院区不存在');
  });
});

describe('admission booking /ipAppointment*', () => {
  beforeAll(freshMorning);
  // 黄丽, a new patient unknown to the hospital.
  const huang = { name: '黄丽', sex: '女', birthday: '1990-04-15', id_no: makeIdCard('520102', '1990-04-15', 124), phone_no: '13985001234', address: '贵州省贵阳市南明区遵义路18号', remark: '' };
  const booking = (over: Partial<HisRequests['/ipAppointmentConfirm']> = {}): HisRequests['/ipAppointmentConfirm'] => ({ dept_id: '2002', bed_category: '双人间', ...huang, ...over });

  it('books, answers records[{appointment_id}] and shows the booking as 0 (未处理)', async () => {
    const answer = await t.his.ok('/ipAppointmentConfirm', booking({ remark: '右膝半月板损伤' }));
    expect(answer.head.msg).toBe('预约成功，请等待病区安排床位');
    expect(answer.records).toEqual([{ appointment_id: '810005' }]);
    const { records } = await t.his.ok('/ipAppointmentQuery', { name: '黄丽', id_no: huang.id_no, appointment_id: '810005' });
    expect(records).toEqual([
      { appointment_id: '810005', dept_name: '骨科', dept_id: '2002', bed_category: '双人间', name: '黄丽', sex: '女', birthday: '1990-04-15', id_no: huang.id_no, phone_no: '13985001234', address: huang.address, status: 0, remark: '右膝半月板损伤' },
    ]);
  });

  it('refuses a second open booking of the same person', async () => {
    expect((await t.his.fail('/ipAppointmentConfirm', booking({ dept_id: '1003', bed_category: '单人间' }))).msg).toBe('已有未完成的住院预约（预约ID：810005），请勿重复预约');
  });

  it('checks department, bed category and the identity of the applicant', async () => {
    const someone = { name: '罗强', sex: '男', birthday: '1975-08-02', id_no: makeIdCard('520103', '1975-08-02', 333), phone_no: '13765432109', address: '贵州省贵阳市云岩区北京路5号', remark: '' };
    const msg = async (over: Record<string, unknown>) => (await t.his.fail('/ipAppointmentConfirm', { dept_id: '1001', bed_category: '单人间', ...someone, ...over })).msg;
    expect(await msg({ dept_id: '9999' })).toBe('科室不存在');
    expect(await msg({ dept_id: '7001' })).toBe('皮肤科不接受住院预约');
    expect(await msg({ dept_id: '7002', bed_category: '急诊留观床位' })).toBe('急诊科不接受住院预约');
    expect(await msg({ bed_category: '家庭化产房' })).toBe('心血管内科无“家庭化产房”床位类别');
    expect(await msg({ id_no: `${someone.id_no.slice(0, 17)}${someone.id_no.endsWith('0') ? '1' : '0'}` })).toBe('身份证号不正确');
    expect(await msg({ sex: '女' })).toBe('性别与身份证号不符');
    expect(await msg({ sex: 'M' })).toBe('性别应为“男”或“女”');
    expect(await msg({ birthday: '1975-08-03' })).toBe('出生日期与身份证号不符');
    expect(await msg({ birthday: '19750802' })).toBe('出生日期格式错误，应为YYYY-MM-DD');
    expect(await msg({ phone_no: '0851-86810000' })).toBe('联系电话应为11位手机号码');
    expect(await msg({ address: ' ' })).toBe('参数不能为空：address');
    expect(await msg({ name: '' })).toBe('参数不能为空：name');
  });

  it("refuses a known patient's ID under another name, and a patient already in hospital", async () => {
    const zw = t.demo('zhangwei');
    const li = t.demo('lixiuying');
    const as = (p: Patient, name: string) => ({ dept_id: '1003', bed_category: '单人间', name, sex: p.sex, birthday: p.birthday, id_no: p.idNo, phone_no: p.phone, address: p.address, remark: '' });
    expect((await t.his.fail('/ipAppointmentConfirm', as(zw, '张三'))).msg).toBe('姓名与身份证号不符');
    expect((await t.his.fail('/ipAppointmentConfirm', as(li, '李秀英'))).msg).toBe('患者目前正在住院，无需预约');
  });

  it('books the same person only once under concurrent confirmations', async () => {
    const p = { name: '杨建', sex: '男', birthday: '1968-12-30', id_no: makeIdCard('520113', '1968-12-30', 57), phone_no: '15885012345', address: '贵州省贵阳市白云区云峰大道9号', remark: '' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.his.raw('/ipAppointmentConfirm', { dept_id: '1005', bed_category: '双人间', ...p })));
    const codes = answers.map((a) => (a.json as { head: { code: number } }).head.code).sort();
    expect(codes).toEqual([-1, -1, -1, -1, 1]);
    expect(Object.values(t.sandbox.store.state.inpatient.bookings).filter((b) => b.idNo === p.id_no)).toHaveLength(1);
  });

  it("lists a person's bookings when appointment_id is empty, newest first", async () => {
    const li = t.demo('lixiuying');
    const { records } = await t.his.ok('/ipAppointmentQuery', { name: '李秀英', id_no: li.idNo, appointment_id: '' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ appointment_id: '810001', dept_name: '心血管内科', bed_category: '双人间', status: 1 });
    expect((await t.his.ok('/ipAppointmentQuery', { name: '张伟', id_no: t.demo('zhangwei').idNo, appointment_id: '' })).records).toEqual([]);
  });

  it('answers a booking only to its own name and ID number', async () => {
    expect((await t.his.fail('/ipAppointmentQuery', { name: '黄莉', id_no: huang.id_no, appointment_id: '810005' })).msg).toBe('姓名或身份证号与预约信息不符');
    expect((await t.his.fail('/ipAppointmentQuery', { name: '李秀英', id_no: t.demo('lixiuying').idNo, appointment_id: '810005' })).msg).toBe('姓名或身份证号与预约信息不符');
    expect((await t.his.fail('/ipAppointmentQuery', { name: '黄丽', id_no: huang.id_no, appointment_id: '819999' })).msg).toBe('预约记录不存在');
    expect((await t.his.fail('/ipAppointmentQuery', { name: '黄丽', id_no: '123', appointment_id: '810005' })).msg).toBe('身份证号不正确');
  });

  it('cancels a pending booking once; the person may then book again', async () => {
    expect((await t.his.fail('/ipAppointmentCancel', { appointment_id: '810005', reason: ' ' })).msg).toBe('取消原因不能为空');
    const answer = await t.his.ok('/ipAppointmentCancel', { appointment_id: '810005', reason: '已预约其他医院' });
    expect(answer.head.msg).toBe('取消成功');
    const { records } = await t.his.ok('/ipAppointmentQuery', { name: '黄丽', id_no: huang.id_no, appointment_id: '810005' });
    expect(records[0]?.status).toBe(-1);
    expect(t.sandbox.store.state.inpatient.bookings['810005']).toMatchObject({ cancelReason: '已预约其他医院', handledAt: expect.stringMatching(new RegExp(`^${today()} 09:0`)) });
    expect((await t.his.fail('/ipAppointmentCancel', { appointment_id: '810005', reason: '重复点击' })).msg).toBe('该预约已取消，请勿重复操作');
    expect((await t.his.ok('/ipAppointmentConfirm', booking())).records[0]?.appointment_id).toBe('810007');
  });

  it('cancels a booked (9) booking, but not a processed (1) one nor an unknown one', async () => {
    expect(t.sandbox.store.state.inpatient.bookings['810002']?.status).toBe(9);
    await t.his.ok('/ipAppointmentCancel', { appointment_id: '810002', reason: '手术改期' });
    expect(t.sandbox.store.state.inpatient.bookings['810002']?.status).toBe(-1);
    expect((await t.his.fail('/ipAppointmentCancel', { appointment_id: '810001', reason: '不想住了' })).msg).toBe('该预约已办理入院，不能取消');
    expect((await t.his.fail('/ipAppointmentCancel', { appointment_id: '810004', reason: '再取消一次' })).msg).toBe('该预约已取消，请勿重复操作');
    expect((await t.his.fail('/ipAppointmentCancel', { appointment_id: '800000', reason: '不存在' })).msg).toBe('预约记录不存在');
  });

  it('cancels only once under concurrent cancellations', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.his.raw('/ipAppointmentCancel', { appointment_id: '810003', reason: '病情好转' })));
    expect(answers.map((a) => (a.json as { head: { code: number } }).head.code).sort()).toEqual([-1, -1, -1, 1]);
  });
});

describe('self-service admission /getInHospitalApply and /inHospitalReg', () => {
  beforeAll(freshMorning);

  it("finds the patient's certificates by card number, patient id and ID number", async () => {
    const zw = t.demo('zhangwei');
    const byCard = await t.his.ok('/getInHospitalApply', { param_type: '2', param: zw.cardNo, machine_no: 'ZZRY-02' });
    expect(byCard.data).toEqual([
      expect.objectContaining({ id: '9100001', patient_id: zw.id, card_no: '5000100001', name: '张伟', sex: '男', id_no: zw.idNo, dept_id: '1003', dept_name: '消化内科', diagnosis: '胃息肉（拟行内镜下切除术）', prepay_amount: 3000, status: 0, status_name: '待办理' }),
    ]);
    expect(byCard.data[0]?.apply_time).toMatch(new RegExp(`^${day(-3)} 14:53:00$`));
    expect((await t.his.ok('/getInHospitalApply', { param_type: '3', param: zw.id, machine_no: 'ZZRY-02' })).data).toEqual(byCard.data);
    expect((await t.his.ok('/getInHospitalApply', { param_type: '4', param: zw.idNo, machine_no: 'ZZRY-02' })).data).toEqual(byCard.data);
    const li = await t.his.ok('/getInHospitalApply', { param_type: '3', param: t.demo('lixiuying').id, machine_no: 'ZZRY-02' });
    expect(li.data).toEqual([expect.objectContaining({ id: '9100002', dept_name: '心血管内科', status: 1, status_name: '已办理' })]);
  });

  it('answers an empty list for a patient without certificates, and fails on bad input', async () => {
    const chen = t.demo('chenjing');
    expect((await t.his.ok('/getInHospitalApply', { param_type: '4', param: chen.idNo, machine_no: 'ZZRY-02' })).data).toEqual([]);
    const msg = async (body: Record<string, string>) => (await t.his.fail('/getInHospitalApply', { machine_no: 'ZZRY-02', ...body })).msg;
    expect(await msg({ param_type: '2', param: chen.cardNo })).toBe('就诊卡状态为“挂失”，请到住院处窗口办理');
    expect(await msg({ param_type: '2', param: '5000999999' })).toBe('未找到该就诊卡');
    expect(await msg({ param_type: '3', param: '29999999' })).toBe('未找到该患者信息');
    expect(await msg({ param_type: '4', param: '5201' })).toBe('身份证号不正确');
    expect(await msg({ param_type: '1', param: chen.cardNo })).toBe('参数类型错误：2就诊卡号，3病人ID，4身份证号');
    expect((await t.his.fail('/getInHospitalApply', { param_type: '2', param: '5000100001', machine_no: '' })).msg).toBe('参数不能为空：machine_no');
  });

  it('refuses a certificate for someone else and an unknown certificate', async () => {
    const reg = (id: string, param: string) => t.his.fail('/inHospitalReg', { id, param, machine_no: 'ZZRY-02' });
    expect((await reg('9100001', t.demo('lixiuying').cardNo)).msg).toBe('身份信息与住院证不符');
    expect((await reg('9199999', t.demo('zhangwei').cardNo)).msg).toBe('住院证不存在');
    expect((await reg('9100002', t.demo('lixiuying').cardNo)).msg).toBe('该住院证已办理入院，请勿重复办理');
    expect((await reg('9100004', t.sandbox.store.state.inpatient.certificates['9100004']?.patientId ?? '')).msg).toBe('住院证已过期作废，请重新开具住院证');
  });

  it('admits 张伟 once: a new stay in 消化内科 without a bed, the admission day charged, the certificate used', async () => {
    const zw = t.demo('zhangwei');
    const visitNo = String(30010000 + (t.sandbox.store.state.seq.inpatientNo ?? 0) + 1);
    t.sandbox.clock.set(`${today()} 10:15:30`);
    const answers = await Promise.all([0, 1, 2].map(() => t.his.raw('/inHospitalReg', { id: '9100001', param: zw.cardNo, machine_no: 'ZZRY-02' })));
    const ok = answers.filter((a) => (a.json as { head: { code: number } }).head.code === 1);
    expect(ok).toHaveLength(1);
    const { head, data } = ok[0]?.json as { head: { msg: string }; data: Record<string, string> };
    expect(head.msg).toBe('办理入院成功');
    expect(data).toEqual({ patient_id: zw.id, visit_no: visitNo, name: '张伟', dept_id: '1003', dept_name: '消化内科', bed_no: '', admission_time: today() });
    expect((await t.his.fail('/inHospitalReg', { id: '9100001', param: zw.idNo, machine_no: 'ZZRY-02' })).msg).toBe('该住院证已办理入院，请勿重复办理');

    const { patient } = await t.his.ok('/getInHospitalList', { id_no: zw.idNo });
    expect(patient).toMatchObject({ visit_no: visitNo, dept_name: '消化内科', bed_no: '', admission_time: today(), hospital_days: 1, balance: -83, total: 83, recharge_flag: 1 });
    const { fees } = await t.his.ok('/getDailyCharge', { patient_id: zw.id, visit_no: visitNo, op_flag: 2, query_date: today() });
    expect(fees.map((f) => [f.item_name, f.total, f.charge_time, f.summary])).toEqual([
      ['普通病房床位费（三人间）', 35, '10:15:30', 83],
      ['一级护理', 36, '10:15:30', 83],
      ['住院诊查费', 12, '10:15:30', 83],
    ]);
    const cert = (await t.his.ok('/getInHospitalApply', { param_type: '2', param: zw.cardNo, machine_no: 'ZZRY-02' })).data[0];
    expect(cert).toMatchObject({ status: 1, status_name: '已办理' });
  });

  it('assigns a bed half an hour after admission', async () => {
    const zw = t.demo('zhangwei');
    t.sandbox.clock.advance(29 * 60_000);
    expect((await t.his.ok('/getInHospitalList', { id_no: zw.idNo })).patient.bed_no).toBe('');
    t.sandbox.clock.advance(2 * 60_000);
    const bed = (await t.his.ok('/getInHospitalList', { id_no: zw.idNo })).patient.bed_no;
    expect(bed).toMatch(/^\d+床$/);
    const mine = stayOf(zw).visitNo;
    const others = Object.values(t.sandbox.store.core.stays).filter((s) => s.deptId === '1003' && s.dischargeDate === '' && s.visitNo !== mine);
    expect(others.map((s) => s.bedNo)).not.toContain(bed);
  });

  it('refuses to admit a patient who is in hospital', async () => {
    const li = t.demo('lixiuying');
    t.sandbox.store.state.inpatient.certificates['9100099'] = {
      id: '9100099', patientId: li.id, deptId: '1004', bedCategory: '双人间', diagnosis: '2型糖尿病', doctorName: '某医生',
      applyTime: `${today()} 08:00:00`, prepayFen: 300000, status: CERTIFICATE_STATUS.pending, closedAt: '', visitNo: '', machineNo: '',
    };
    expect((await t.his.fail('/inHospitalReg', { id: '9100099', param: li.idNo, machine_no: 'ZZRY-02' })).msg).toBe(`患者正在住院（住院号${stayOf(li).visitNo}），不能重复办理入院`);
  });

  it("processes the patient's booking of the same department (9 → 1) when admitted by ID number", async () => {
    const cert = t.sandbox.store.state.inpatient.certificates['9100003'];
    const booking = t.sandbox.store.state.inpatient.bookings['810002'];
    const p = t.sandbox.store.patient(cert?.patientId ?? '');
    if (!cert || !booking || !p) throw new Error('seed lacks certificate 9100003 / booking 810002');
    expect(booking).toMatchObject({ idNo: p.idNo, deptId: '2002', status: 9 });
    const { data } = await t.his.ok('/inHospitalReg', { id: '9100003', param: p.idNo.toLowerCase(), machine_no: 'ZZRY-01' });
    expect(data).toMatchObject({ patient_id: p.id, dept_name: '骨科', visit_no: stayOf(p).visitNo });
    expect(booking.visitNo).toBe(data.visit_no);
    const { records } = await t.his.ok('/ipAppointmentQuery', { name: p.name, id_no: p.idNo, appointment_id: '810002' });
    expect(records[0]?.status).toBe(1);
    expect((await t.his.fail('/ipAppointmentCancel', { appointment_id: '810002', reason: '不住了' })).msg).toBe('该预约已办理入院，不能取消');
  });
});

describe('clock-driven ward life', () => {
  beforeEach(freshMorning);

  it('lets a pending certificate lapse after 30 days', async () => {
    const zw = t.demo('zhangwei');
    t.sandbox.clock.set(`${day(27)} 14:52:59`);
    expect((await t.his.ok('/getInHospitalApply', { param_type: '2', param: zw.cardNo, machine_no: 'K' })).data[0]?.status).toBe(0);
    t.sandbox.clock.advance(2000);
    expect((await t.his.ok('/getInHospitalApply', { param_type: '2', param: zw.cardNo, machine_no: 'K' })).data[0]).toMatchObject({ status: -1, status_name: '已作废' });
    expect((await t.his.fail('/inHospitalReg', { id: '9100001', param: zw.cardNo, machine_no: 'K' })).msg).toBe('住院证已过期作废，请重新开具住院证');
  });

  it("posts each new day's ward charges at 08:00 to open stays only", async () => {
    const li = t.demo('lixiuying');
    const zhao = t.demo('zhaoguoqiang');
    const zhaoCharges = stayOf(zhao).charges.length;
    const ask = { patient_id: li.id, visit_no: stayOf(li).visitNo, op_flag: 2, query_date: day(1) };
    t.sandbox.clock.set(`${day(1)} 07:59:00`);
    expect((await t.his.ok('/getDailyCharge', ask)).fees).toEqual([]);
    t.sandbox.clock.set(`${day(1)} 08:00:00`);
    const { fees } = await t.his.ok('/getDailyCharge', ask);
    expect(fees.map((f) => [f.item_id, f.total, f.bill_time, f.summary])).toEqual([
      ['W0602', 60, '08:00:00', 97],
      ['N0702', 25, '08:00:00', 97],
      ['C0801', 12, '08:00:00', 97],
    ]);
    t.sandbox.clock.set(`${day(3)} 09:00:00`);
    expect((await t.his.ok('/getDailyCharge', { ...ask, query_date: day(2) })).fees).toHaveLength(3);
    expect((await t.his.ok('/getDailyCharge', { ...ask, query_date: day(3) })).fees).toHaveLength(3);
    expect((await t.his.ok('/getInHospitalList', { id_no: li.idNo })).patient.hospital_days).toBe(7);
    expect(stayOf(zhao).charges).toHaveLength(zhaoCharges);
  });
});
