import dayjs from 'dayjs';
import { ageOn } from '../../../../common/id-card';
import { groupTotalFen, makeFeeGroup } from '../../state/builders';
import type { Patient } from '../../state/core';
import { operationStatus } from './theatre';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

const day = (offset: number) => dayjs(t.sandbox.store.state.anchorDate).add(offset, 'day').format('YYYY-MM-DD');

describe('campuses and departments', () => {
  it('lists the campuses in /getHospital and /getHospitalList (head.code a string there)', async () => {
    const campuses = [
      { hospital_id: '01', hospital_name: '本院' },
      { hospital_id: '02', hospital_name: '东院区' },
      { hospital_id: '03', hospital_name: '妇女儿童院区' },
    ];
    expect((await t.his.ok('/getHospital', {})).records).toEqual(campuses);
    const list = await t.his.raw('/getHospitalList', {});
    expect(list.json).toEqual({ head: { code: '1', msg: '成功' }, data: campuses });
  });

  it("lists a campus's clinical departments with their place", async () => {
    const { data } = await t.his.ok('/getDeptsByHospitalId', { hospital_id: '02' });
    expect(data.map((d) => d.id)).toEqual(['1006', '2003', '5003', '6001', '6002']);
    expect(data[0]).toEqual({ id: '1006', name: '肾内科', address: '东院区门诊楼2楼', hospital_id: '02', hospital_name: '东院区' });
    const main = (await t.his.ok('/getDeptsByHospitalId', { hospital_id: '01' })).data.map((d) => d.id);
    expect(main).toContain('7003');
    expect(main.filter((id) => id.startsWith('80'))).toEqual([]);
    expect((await t.his.fail('/getDeptsByHospitalId', { hospital_id: '99' })).msg).toBe('院区不存在');
    expect((await t.his.fail('/getDeptsByHospitalId', { hospital_id: '' })).msg).toBe('参数不能为空：hospital_id');
  });
});

describe('staff', () => {
  it('lists the doctors (flag 1) then the nurses (flag 2) of a department, with success code 0', async () => {
    const answer = await t.his.ok('/getDoctorAndNurse', { dept_id: '1001', hospital_id: '01' });
    expect(answer.head.code).toBe(0);
    const doctors = t.sandbox.store.core.doctors.filter((d) => d.deptId === '1001');
    const nurses = t.sandbox.store.core.nurses.filter((n) => n.deptId === '1001');
    expect(answer.data.map((u) => u.flag)).toEqual([...doctors.map(() => 1), ...nurses.map(() => 2)]);
    expect(answer.data[0]).toMatchObject({ dept_user_post: '科主任', hospital_name: '本院', dept_name: '心血管内科', wxwork_id: 'wx100101' });
    expect(answer.data.find((u) => u.flag === 2)).toMatchObject({ dept_user_post: '护士长', dept_user_id: nurses[0]?.id });
    for (const u of answer.data) {
      const png = Buffer.from(u.dept_user_photo, 'base64');
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeLessThan(400);
    }
  });

  it('fails with code 1 for a department of another campus or an unknown one', async () => {
    expect(await t.his.fail('/getDoctorAndNurse', { dept_id: '1001', hospital_id: '02' })).toMatchObject({ code: 1, msg: '心血管内科不在东院区' });
    expect(await t.his.fail('/getDoctorAndNurse', { dept_id: '9999', hospital_id: '01' })).toMatchObject({ code: 1, msg: '科室不存在' });
  });

  it('lists every doctor of the outpatient departments of all campuses', async () => {
    const { doctorList } = await t.his.ok('/getAllDoctorList', {});
    const outpatient = new Set(t.sandbox.store.core.departments.filter((d) => d.outpatient).map((d) => d.id));
    expect(doctorList).toHaveLength(t.sandbox.store.core.doctors.filter((d) => outpatient.has(d.deptId)).length);
    expect(doctorList.some((d) => ['7002', '4002', '8001'].includes(d.dept_id))).toBe(false);
    const kid = doctorList.find((d) => d.dept_id === '4001');
    expect(kid).toMatchObject({ dept_name: '儿科', hospital_id: '03', hospital_name: '妇女儿童院区' });
    const first = t.sandbox.store.core.doctors[0];
    expect(doctorList[0]).toEqual({ name: first?.name, sex: first?.sex, medical_title_name: '主任医师', teach_title_name: first?.teachTitleName, expert: first?.skill, dept_id: '1001', dept_name: '心血管内科', doctor_id: 'D00001', hospital_id: '01', hospital_name: '本院' });
  });
});

describe('price list /getElectronicPrescriptionDetail_1609234017475', () => {
  const page = (page_rows: string, current_page: string) => t.his.ok('/getElectronicPrescriptionDetail_1609234017475', { page_rows, current_page });

  it('pages the price list from page 1', async () => {
    expect((await page('3', '1')).records).toEqual([
      { id: 'X0101', name: '阿莫西林胶囊 0.25g×24粒', price: 18.5 },
      { id: 'X0102', name: '布洛芬缓释胶囊 0.3g×20粒', price: 15.8 },
      { id: 'X0103', name: '苯磺酸氨氯地平片 5mg×28片', price: 32.6 },
    ]);
    expect((await page('3', '2')).records.map((r) => r.id)).toEqual(['X0104', 'X0105', 'X0106']);
    const all = (await page('1000', '1')).records;
    expect(all[all.length - 1]).toEqual({ id: 'O0901', name: '病历复印费', price: 0.5 });
    const lastPage = Math.ceil(all.length / 10);
    expect((await page('10', String(lastPage))).records).toHaveLength(all.length - (lastPage - 1) * 10);
    expect((await page('10', String(lastPage + 1))).records).toEqual([]);
  });

  it('fails on paging values that are not positive whole numbers', async () => {
    const msg = async (rows: string, current: string) => (await t.his.fail('/getElectronicPrescriptionDetail_1609234017475', { page_rows: rows, current_page: current })).msg;
    expect(await msg('0', '1')).toBe('每页条数page_rows应为正整数');
    expect(await msg('ten', '1')).toBe('每页条数page_rows应为正整数');
    expect(await msg('10', '0')).toBe('页码current_page应为正整数');
    expect(await msg('10', '-1')).toBe('页码current_page应为正整数');
    expect(await msg('10', '1.5')).toBe('页码current_page应为正整数');
    expect(await msg('', '1')).toBe('参数不能为空：每页条数page_rows');
    expect((await t.his.fail('/getElectronicPrescriptionDetail_1609234017475', { page_rows: 10, current_page: '1' })).msg).toBe('参数类型错误：page_rows应为字符串');
  });
});

describe('operating rooms', () => {
  beforeAll(() => {
    t.sandbox.reset();
  });

  it('lists the rooms of each campus', async () => {
    const main = (await t.his.ok('/getOperatRoomByHospitalId', { hospital_id: '01' })).data;
    expect(main.map((r) => r.id)).toEqual(['OR0101', 'OR0102', 'OR0103', 'OR0104', 'OR0105', 'OR0106', 'OR0107', 'OR0108']);
    expect(main[0]).toEqual({ id: 'OR0101', name: '1号手术室', address: '住院楼3楼手术中心' });
    expect(main[7]?.name).toBe('8号手术室（复合手术室）');
    expect((await t.his.ok('/getOperatRoomByHospitalId', { hospital_id: '02' })).data).toHaveLength(4);
    expect((await t.his.ok('/getOperatRoomByHospitalId', { hospital_id: '03' })).data.map((r) => r.address)).toEqual(Array(3).fill('妇儿院区住院楼3楼手术部'));
    expect((await t.his.fail('/getOperatRoomByHospitalId', { hospital_id: '04' })).msg).toBe('院区不存在');
  });

  it("answers today's list sorted by room then time, inpatients with their ward and bed", async () => {
    t.sandbox.clock.set(`${day(0)} 06:00:00`);
    const { data } = await t.his.ok('/getOperatRoomPatient', { hospital_id: '01' });
    expect(data.length).toBeGreaterThanOrEqual(8);
    const keys = data.map((o) => `${o.operat_room_id} ${o.appointment_time}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(data.map((o) => o.status))).toEqual(new Set(['计划中']));
    expect(data.every((o) => /^\d\d:\d\d:00$/.test(o.appointment_time) && /^\d+床$/.test(o.bed_number))).toBe(true);
    for (const op of t.sandbox.store.state.reference.operations[day(0)] ?? []) {
      if (!op.visitNo) continue;
      const stay = t.sandbox.store.stay(op.visitNo);
      expect([op.patientName, op.bedNo]).toEqual([t.sandbox.store.patient(stay?.patientId ?? '')?.name, stay?.bedNo]);
    }
  });

  it('moves an operation through its statuses with the clock', async () => {
    const op = (t.sandbox.store.state.reference.operations[day(0)] ?? []).find((o) => o.roomId.startsWith('OR01'));
    if (!op) throw new Error('no operation today');
    const statusAt = async (time: string) => {
      t.sandbox.clock.set(time);
      const { data } = await t.his.ok('/getOperatRoomPatient', { hospital_id: '01', operat_room_id: op.roomId });
      expect(data.every((o) => o.operat_room_id === op.roomId)).toBe(true);
      return data.find((o) => o.appointment_time === op.start && o.patient === op.patientName)?.status;
    };
    const start = dayjs(`${op.date} ${op.start}`);
    const at = (minutes: number) => start.add(minutes, 'minute').format('YYYY-MM-DD HH:mm:ss');
    expect(await statusAt(at(-31))).toBe('计划中');
    expect(await statusAt(at(-30))).toBe('手术准备中');
    expect(await statusAt(at(0))).toBe('手术进行中');
    expect(await statusAt(at(op.durationMinutes - 1))).toBe('手术进行中');
    expect(await statusAt(at(op.durationMinutes))).toBe('麻醉恢复中');
    expect(await statusAt(at(op.durationMinutes + 39))).toBe('麻醉恢复中');
    expect(await statusAt(at(op.durationMinutes + 40))).toBe('手术结束');
    expect(operationStatus(op, t.sandbox.clock.at(day(-1), '23:00:00'))).toBe('计划中');
    expect(operationStatus(op, t.sandbox.clock.at(day(1), '01:00:00'))).toBe('手术结束');
  });

  it('filters by room; an empty room id means all rooms; a room of another campus fails', async () => {
    const all = (await t.his.ok('/getOperatRoomPatient', { hospital_id: '03', operat_room_id: '' })).data;
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((o) => o.operat_room_id.startsWith('OR03') && ['妇科', '产科'].includes(o.dept_name))).toBe(true);
    expect((await t.his.fail('/getOperatRoomPatient', { hospital_id: '03', operat_room_id: 'OR0101' })).msg).toBe('妇女儿童院区无此手术室');
  });

  it('draws a new list when a new day begins', async () => {
    t.sandbox.clock.set(`${day(1)} 07:00:00`);
    const { data } = await t.his.ok('/getOperatRoomPatient', { hospital_id: '02' });
    expect(data.length).toBeGreaterThan(0);
    expect(t.sandbox.store.state.reference.operations[day(1)]?.length).toBeGreaterThan(0);
    expect(t.sandbox.store.state.reference.operations[day(0)]?.length).toBeGreaterThan(0);
    expect(new Set(data.map((o) => o.status))).toEqual(new Set(['计划中']));
  });
});

describe('全时空门诊', () => {
  it('lists the online departments of a campus and their doctors', async () => {
    expect((await t.his.ok('/fulltime/getDeptList', { hospital_id: '01' })).data).toEqual([
      { id: '1001', name: '心血管内科' },
      { id: '1002', name: '呼吸与危重症医学科' },
      { id: '1003', name: '消化内科' },
      { id: '1004', name: '内分泌科' },
      { id: '7001', name: '皮肤科' },
    ]);
    expect((await t.his.ok('/fulltime/getDeptList', { hospital_id: '03' })).data.map((d) => d.id)).toEqual(['3001', '4001']);
    const { data } = await t.his.ok('/fulltime/getDeptDoctorList', { hospital_id: '02' });
    const tcm = t.sandbox.store.core.doctors.filter((d) => d.deptId === '6001');
    expect(data).toHaveLength(tcm.length);
    expect(data.every((d) => d.dept_id === '6001' && d.dept_name === '中医科')).toBe(true);
    expect((await t.his.fail('/fulltime/getDeptDoctorList', { hospital_id: '7' })).msg).toBe('院区不存在');
  });

  it('answers the time ranges as sorted strings', async () => {
    const { data } = await t.his.ok('/fulltime/getApptTimeRangeList', {});
    expect(data).toEqual(['08:00-09:00', '09:00-10:00', '10:00-11:00', '11:00-12:00', '14:00-15:00', '15:00-16:00', '16:00-17:00', '17:00-18:00', '19:00-20:00', '20:00-21:00', '21:00-22:00']);
  });
});

describe('visit records', () => {
  beforeAll(() => {
    t.sandbox.reset();
  });

  it("lists a patient's visits, newest first, with their fee totals", async () => {
    const zw = t.demo('zhangwei');
    const { records } = await t.his.ok('/getVisitInfoNew', { patient_id: zw.id });
    const visits = Object.values(t.sandbox.store.core.visits).filter((v) => v.patientId === zw.id);
    expect(records).toHaveLength(visits.length);
    expect(records.map((r) => r.visit_date)).toEqual([...records.map((r) => r.visit_date)].sort().reverse());
    expect(records.find((r) => r.visit_date === `${day(-1)} 09:20:00`)).toMatchObject({ patient_id: zw.id, patient_name: '张伟', dept_name: '心血管内科', total: 135.1 });
    expect(records.find((r) => r.visit_date === `${day(-3)} 14:35:00`)).toMatchObject({ dept_name: '消化内科', total: 120 });
    expect((await t.his.fail('/getVisitInfoNew', { patient_id: '29999999' })).msg).toBe('未找到该患者信息');
  });

  it('answers the detail of a visit of the patient only', async () => {
    const zw = t.demo('zhangwei');
    const visit = Object.values(t.sandbox.store.core.visits).find((v) => v.patientId === zw.id && v.deptId === '1003');
    if (!visit) throw new Error('no 消化内科 visit');
    const { record } = await t.his.ok('/getVisitInfoNewDetail', { patient_id: zw.id, visit_id: visit.id });
    expect(record).toMatchObject({
      id: visit.id,
      patient_name: '张伟',
      patient_sex: '男',
      patient_age: ageOn('1985-03-12', day(-3)),
      visit_no: visit.visitNo,
      dept_name: '消化内科',
      visit_date: `${day(-3)} 14:35:00`,
      total: 120,
      chief_complaint: '反复上腹部胀痛，嗳气1月',
      presumptive_diagnosis: '幽门螺杆菌感染',
      icd_name1: '幽门螺杆菌感染',
    });
    expect(record.physical_examination).toMatch(/^T \d+\.\d℃/);
    expect(record.icd_name3).toBeUndefined();
    expect((await t.his.fail('/getVisitInfoNewDetail', { patient_id: t.demo('wangfang').id, visit_id: visit.id })).msg).toBe('该就诊记录不属于该患者');
    expect((await t.his.fail('/getVisitInfoNewDetail', { patient_id: zw.id, visit_id: 'NOPE' })).msg).toBe('就诊记录不存在');
  });
});

describe('electronic prescriptions', () => {
  beforeAll(() => {
    t.sandbox.reset();
  });

  const groupsOf = (p: Patient) =>
    Object.values(t.sandbox.store.core.visits)
      .filter((v) => v.patientId === p.id)
      .flatMap((v) => v.feeGroups);

  it("lists the patient's drug prescriptions by 处方号, newest first", async () => {
    const zw = t.demo('zhangwei');
    const { records } = await t.his.ok('/getElectronicPrescriptionBasicInfo', { patient_id: zw.id });
    const drugGroups = groupsOf(zw).filter((g) => g.title === '西药处方');
    expect(records.map((r) => r.id).sort()).toEqual(drugGroups.map((g) => g.recipeNo).sort());
    expect(records[0]).toMatchObject({ patient_id: zw.id, patient_name: '张伟', dept_name: '心血管内科', bill_time: `${day(-1)} 09:20:00`, total: 87.1 });
    const totals = new Map(drugGroups.map((g) => [g.recipeNo, groupTotalFen(g) / 100]));
    expect(records.map((r) => r.total)).toEqual(records.map((r) => totals.get(r.id)));
  });

  it('answers the main (first) drug line of a prescription, charged or not', async () => {
    const zw = t.demo('zhangwei');
    const [unpaid, paid] = (await t.his.ok('/getElectronicPrescriptionBasicInfo', { patient_id: zw.id })).records;
    const first = await t.his.ok('/getElectronicPrescriptionDetail', { patient_id: zw.id, recipe_id: unpaid?.id ?? '' });
    expect(first.record).toMatchObject({ patient_id: zw.id, item_name: '苯磺酸氨氯地平片 5mg×28片', quantity: 2, unit: '盒', item_category: '西药费', price: 32.6, total: 65.2, dept_name: '心血管内科', bill_date: `${day(-1)} 09:20:00`, charge_date: '', charge_time: '' });
    const group = groupsOf(zw).find((g) => g.recipeNo === paid?.id);
    const second = await t.his.ok('/getElectronicPrescriptionDetail', { patient_id: zw.id, recipe_id: paid?.id ?? '' });
    expect(second.record).toMatchObject({ item_name: '阿莫西林胶囊 0.25g×24粒', quantity: 1, price: 18.5, total: 18.5, doctor_name: group?.billDoctorName, charge_date: day(-21), charge_time: '10:05:00' });
  });

  it("fails for another patient's prescription, an unknown one and a group that is no prescription", async () => {
    const zw = t.demo('zhangwei');
    const recipe = (await t.his.ok('/getElectronicPrescriptionBasicInfo', { patient_id: zw.id })).records[0]?.id ?? '';
    expect((await t.his.fail('/getElectronicPrescriptionDetail', { patient_id: t.demo('lixiuying').id, recipe_id: recipe })).msg).toBe('该处方不属于该患者');
    expect((await t.his.fail('/getElectronicPrescriptionDetail', { patient_id: zw.id, recipe_id: '7199999999' })).msg).toBe('处方记录不存在');
    const lab = groupsOf(zw).find((g) => g.itemType === '检验');
    expect((await t.his.fail('/getElectronicPrescriptionDetail', { patient_id: zw.id, recipe_id: lab?.recipeNo ?? '' })).msg).toBe('处方记录不存在');
  });

  it('lists 中成药 prescriptions too, but not the other fee groups', async () => {
    const wf = t.demo('wangfang');
    const visit = Object.values(t.sandbox.store.core.visits).find((v) => v.patientId === wf.id);
    if (!visit) throw new Error('王芳 has no visit');
    const herbs = makeFeeGroup(t.sandbox.store, { title: '中成药处方', itemType: '中成药', doctorName: '某医生', deptName: '妇科', executeDeptName: '门诊中药房', date: day(0), time: '08:05:00', lines: [{ itemId: 'Z0202', quantity: 2 }] });
    visit.feeGroups.push(herbs);
    const { records } = await t.his.ok('/getElectronicPrescriptionBasicInfo', { patient_id: wf.id });
    expect(records[0]).toMatchObject({ id: herbs.recipeNo, bill_time: `${day(0)} 08:05:00`, total: 77 });
    const drugGroups = groupsOf(wf).filter((g) => g.title === '西药处方' || g.title === '中成药处方');
    expect(records.map((r) => r.id).sort()).toEqual(drugGroups.map((g) => g.recipeNo).sort());
    const { record } = await t.his.ok('/getElectronicPrescriptionDetail', { patient_id: wf.id, recipe_id: herbs.recipeNo });
    expect(record).toMatchObject({ item_name: '百乐眠胶囊 0.27g×24粒', item_category: '中成药费', quantity: 2, price: 38.5, total: 77 });
  });
});
