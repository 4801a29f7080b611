import dayjs from 'dayjs';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

const day = (offset: number) => dayjs(t.sandbox.clock.today()).add(offset, 'day').format('YYYY-MM-DD');

async function peisOf(peisNo: string, p: Patient) {
  return (await t.his.ok('/getPeis', { peis_no: peisNo, name: p.name, phone_no: p.phone })).patient;
}

async function items(peisId: string) {
  return (await t.his.ok('/getPeisReport', { peis_id: peisId })).records;
}

async function item(peisId: string, name: string) {
  const found = (await items(peisId)).find((i) => i.peis_item_name === name);
  if (!found) throw new Error(`no item ${name}`);
  return found;
}

describe('/getPeis', () => {
  test('张伟: t.his examination two months ago, report out with its PDF', async () => {
    const zw = t.demo('zhangwei');
    const patient = await peisOf('8800100001', zw);
    expect(patient).toEqual({
      id: zw.id,
      peis_id: patient.peis_id,
      name: '张伟',
      sex: '男',
      birthday: '1985-03-12',
      age: age(zw, t.sandbox.clock.today()),
      peis_no: '8800100001',
      id_no: zw.idNo,
      phone_no: '13800138001',
      status: 0,
      pdf_url: `${t.sandbox.url}/files/peis/${patient.peis_id}.pdf`,
    });
    const res = await fetch(patient.pdf_url ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // With the examination ID, neither ID number nor phone is needed.
    expect((await t.his.ok('/getPeis', { peis_no: '8800100001', name: '张伟', peis_id: patient.peis_id })).patient.peis_id).toBe(patient.peis_id);
    expect((await t.his.ok('/getPeis', { peis_no: '8800100001', name: '张伟', id_no: zw.idNo.toLowerCase() })).patient.peis_id).toBe(patient.peis_id);
  });

  test('王芳: booked for next week, no report yet; 陈静: booking cancelled', async () => {
    const booked = await peisOf('8800100002', t.demo('wangfang'));
    expect(booked).toMatchObject({ name: '王芳', status: 0 });
    expect(booked.pdf_url).toBeUndefined();
    const cancelled = await peisOf('8800100003', t.demo('chenjing'));
    expect(cancelled).toMatchObject({ name: '陈静', status: -99 });
    expect(cancelled.pdf_url).toBeUndefined();
    expect((await t.his.fail('/getPeisReport', { peis_id: booked.peis_id })).msg).toBe('尚未进行体检，暂无体检结果');
    expect((await t.his.fail('/getPeisReport', { peis_id: cancelled.peis_id })).msg).toBe('该体检预约已取消，无体检报告');
    expect((await fetch(`${t.sandbox.url}/files/peis/${booked.peis_id}.pdf`)).status).toBe(404);
  });

  test('refuses a wrong name, an unknown number, missing or wrong identity', async () => {
    const zw = t.demo('zhangwei');
    const base = { peis_no: '8800100001', name: '张伟', phone_no: zw.phone };
    const failures: Array<[Record<string, unknown>, string]> = [
      [{ name: '张三' }, '姓名与体检号不符'],
      [{ peis_no: '8800199999' }, '未找到该体检记录'],
      [{ peis_no: '' }, '参数不能为空：peis_no'],
      [{ name: ' ' }, '参数不能为空：name'],
      [{ phone_no: '' }, '未传入体检ID时，身份证号和手机号至少填写一项'],
      [{ phone_no: '13900000000' }, '手机号与体检登记信息不符'],
      [{ id_no: '520103198503120000' }, '身份证号与体检登记信息不符'],
      [{ peis_id: 'NOSUCHPEIS000000' }, '体检ID与体检号不符'],
      [{ peis_no: '8800100002' }, '姓名与体检号不符'],
    ];
    for (const [change, msg] of failures) expect((await t.his.fail('/getPeis', { ...base, ...change })).msg).toBe(msg);
  });
});

describe('/getPeisReport and its item details', () => {
  test('张伟: items of the three categories, all audited, peis_no carrying the item status', async () => {
    const zw = t.demo('zhangwei');
    const { peis_id } = await peisOf('8800100001', zw);
    const records = await items(peis_id);
    const byCategory = (c: string) => records.filter((r) => r.category === c).map((r) => r.peis_item_name);
    expect(byCategory('general')).toEqual(['身高', '体重', '体重指数', '腰围', '血压', '心率']);
    expect(byCategory('lis')).toEqual(['空腹血糖', '总胆固醇', '甘油三酯', '高密度脂蛋白胆固醇', '低密度脂蛋白胆固醇', '丙氨酸氨基转移酶', '天门冬氨酸氨基转移酶', '肌酐', '尿酸', '白细胞计数', '血红蛋白', '血小板计数']);
    expect(byCategory('pacs').slice(0, 3)).toEqual(['胸部DR正位片', '腹部彩超（肝胆胰脾）', '常规心电图']);
    for (const r of records) {
      expect(r).toMatchObject({ peis_no: 2, status_name: '已审核', peis_item_date: day(-60), send_time_full: day(-60) });
      expect(r.audit_user_name).not.toBe('');
      expect(r.sample === undefined).toBe(r.category !== 'lis');
    }
    expect(records.find((r) => r.peis_item_name === '胸部DR正位片')).toMatchObject({ dept_id: '8002', dept_name: '医学影像科', audit_time_full: day(-59) });
    expect(records.find((r) => r.peis_item_name === '身高')).toMatchObject({ dept_id: '8101', dept_name: '健康管理中心', peis_item_no: 'YB001' });
    expect(records.find((r) => r.peis_item_name === '血红蛋白')).toMatchObject({ dept_id: '8001', sample: '全血', peis_item_no: 'JY011' });
  });

  test('general and lab details: one value each, "-" when normal, ↑ / ↓ from the range', async () => {
    const { peis_id } = await peisOf('8800100001', t.demo('zhangwei'));
    const bmi = await item(peis_id, '体重指数');
    const general = (await t.his.ok('/getPeisReport-general', { peis_id, peis_item_id: bmi.id, category: 'general' })).records;
    expect(general).toMatchObject({ id: bmi.id, item_name: '体重指数', item_short_name: 'BMI', item_unit: 'kg/m²', item_range: '18.5-23.9', item_tip: '↑' });
    expect(Number(general.item_value)).toBeGreaterThan(23.9);
    const bp = (await t.his.ok('/getPeisReport-general', { peis_id, peis_item_id: (await item(peis_id, '血压')).id, category: 'general' })).records;
    expect(bp).toMatchObject({ item_unit: 'mmHg', item_range: '90-139/60-89', item_tip: '↑' });
    expect(bp.item_value).toMatch(/^1[4-5]\d\/\d{2}$/);
    const height = (await t.his.ok('/getPeisReport-general', { peis_id, peis_item_id: (await item(peis_id, '身高')).id, category: 'general' })).records;
    expect(height).toMatchObject({ item_unit: 'cm', item_range: '', item_tip: '-' });

    const tg = (await t.his.ok('/getPeisReport-lis', { peis_id, peis_item_id: (await item(peis_id, '甘油三酯')).id, category: 'lis' })).records;
    expect(tg).toMatchObject({ item_short_name: 'TG', item_unit: 'mmol/L', item_range: '<1.70', item_tip: '↑', item_flag: 1 });
    expect(Number(tg.item_value)).toBeGreaterThan(1.7);
    const alt = (await t.his.ok('/getPeisReport-lis', { peis_id, peis_item_id: (await item(peis_id, '丙氨酸氨基转移酶')).id, category: 'lis' })).records;
    expect(alt).toMatchObject({ item_short_name: 'ALT', item_range: '9-50', item_tip: '↑' });
    const glu = (await t.his.ok('/getPeisReport-lis', { peis_id, peis_item_id: (await item(peis_id, '空腹血糖')).id, category: 'lis' })).records;
    expect(glu).toMatchObject({ item_name: '空腹血糖', item_range: '3.9-6.1' });
    expect(glu.item_tip).toBe(Number(glu.item_value) > 6.1 ? '↑' : Number(glu.item_value) < 3.9 ? '↓' : '-');
  });

  test('examination details: fields filled by their descriptions, electronic film for radiographs only', async () => {
    const zw = t.demo('zhangwei');
    const { peis_id } = await peisOf('8800100001', zw);
    const listed = await item(peis_id, '腹部彩超（肝胆胰脾）');
    const us = (await t.his.ok('/getPeisReport-pacs', { peis_id, peis_item_id: listed.id, category: 'pacs' })).records;
    expect(us).toMatchObject({
      id: listed.id,
      patient_name: '张伟',
      patient_age: age(zw, day(-60)),
      scan_method: '彩色多普勒超声',
      scan_time_full: day(-60),
      report_name: '腹部（肝、胆、胰、脾）',
      status_name: listed.send_user_name,
      report_image: `${t.sandbox.url}/files/pacs-image/${listed.id}.pdf`,
      write_user_name: listed.exam_user_name,
      write_time_full: day(-60),
    });
    expect(us.report_no).toMatch(new RegExp(`^US${day(-60).replace(/-/g, '')}\\d{3}$`));
    expect(us.diagnosis).toContain('脂肪肝');
    expect(us.epic_url).toBeUndefined();
    const dr = (await t.his.ok('/getPeisReport-pacs', { peis_id, peis_item_id: (await item(peis_id, '胸部DR正位片')).id, category: 'pacs' })).records;
    expect(dr).toMatchObject({ scan_method: 'DR', report_name: '胸部（正位）', write_time_full: day(-59) });
    expect(dr.epic_url).toBe(`${t.sandbox.url}/files/pacs-film/${dr.id}.pdf`);
    for (const url of [us.report_image, dr.epic_url ?? '']) expect((await fetch(url)).headers.get('content-type')).toBe('application/pdf');
    const ecg = (await t.his.ok('/getPeisReport-pacs', { peis_id, peis_item_id: (await item(peis_id, '常规心电图')).id, category: 'pacs' })).records;
    expect(ecg.diagnosis).toBe('1. 窦性心律；2. 左心室高电压。');
  });

  test('refuses a wrong category, an item of another category or examination, unknown ids', async () => {
    const { peis_id } = await peisOf('8800100001', t.demo('zhangwei'));
    const height = await item(peis_id, '身高');
    const tg = await item(peis_id, '甘油三酯');
    const dr = await item(peis_id, '胸部DR正位片');
    expect((await t.his.fail('/getPeisReport-general', { peis_id, peis_item_id: height.id, category: 'lis' })).msg).toBe('报告类别错误，应为general');
    expect((await t.his.fail('/getPeisReport-general', { peis_id, peis_item_id: tg.id, category: 'general' })).msg).toBe('该体检项目不是一般检查项目，应查询检验项目详情');
    expect((await t.his.fail('/getPeisReport-lis', { peis_id, peis_item_id: dr.id, category: 'lis' })).msg).toBe('该体检项目不是检验项目，应查询检查项目详情');
    expect((await t.his.fail('/getPeisReport-pacs', { peis_id, peis_item_id: height.id, category: 'pacs' })).msg).toBe('该体检项目不是检查项目，应查询一般检查项目详情');
    expect((await t.his.fail('/getPeisReport-pacs', { peis_id, peis_item_id: 'NOSUCHITEM000000', category: 'pacs' })).msg).toBe('未找到该体检项目');
    expect((await t.his.fail('/getPeisReport-lis', { peis_id: 'NOSUCHPEIS000000', peis_item_id: tg.id, category: 'lis' })).msg).toBe('未找到该体检记录');
    expect((await t.his.fail('/getPeisReport', { peis_id: '' })).msg).toBe('参数不能为空：peis_id');
    const other = await peisOf('8800100002', t.demo('wangfang'));
    expect((await t.his.fail('/getPeisReport-lis', { peis_id: other.peis_id, peis_item_id: tg.id, category: 'lis' })).msg).toBe('尚未进行体检，暂无体检结果');
  });
});

describe('a booked examination comes out with the clock', () => {
  afterAll(() => t.sandbox.clock.reset());

  test('王芳: measured on the day, lab results audited in the afternoon, the report five days later', async () => {
    const wf = t.demo('wangfang');
    const examDate = day(5);
    const { peis_id } = await peisOf('8800100002', wf);

    t.sandbox.clock.set(`${examDate} 07:30:00`);
    expect((await t.his.fail('/getPeisReport', { peis_id })).msg).toBe('尚未进行体检，暂无体检结果');

    t.sandbox.clock.set(`${examDate} 11:00:00`);
    const morning = await items(peis_id);
    const statuses = (c: string) => [...new Set(morning.filter((r) => r.category === c).map((r) => `${r.peis_no} ${r.status_name}`))];
    expect(statuses('general')).toEqual(['2 已审核']);
    expect(statuses('lis')).toEqual(['1 已检']);
    expect(morning.find((r) => r.peis_item_name === '胸部DR正位片')).toMatchObject({ peis_no: 1, status_name: '已检', send_time_full: examDate, audit_time_full: '', audit_user_name: '' });
    const glu = morning.find((r) => r.peis_item_name === '空腹血糖');
    expect((await t.his.fail('/getPeisReport-lis', { peis_id, peis_item_id: glu?.id, category: 'lis' })).msg).toBe('该体检项目结果尚未审核，请稍后查询');
    expect((await peisOf('8800100002', wf)).pdf_url).toBeUndefined();

    t.sandbox.clock.set(`${examDate} 18:00:00`);
    expect((await t.his.ok('/getPeisReport-lis', { peis_id, peis_item_id: glu?.id ?? '', category: 'lis' })).records).toMatchObject({ item_name: '空腹血糖', item_flag: 1 });
    expect((await peisOf('8800100002', wf)).pdf_url).toBeUndefined();

    t.sandbox.clock.set(`${dayjs(examDate).add(5, 'day').format('YYYY-MM-DD')} 10:00:00`);
    expect((await items(peis_id)).every((r) => r.peis_no === 2)).toBe(true);
    expect((await peisOf('8800100002', wf)).pdf_url).toBe(`${t.sandbox.url}/files/peis/${peis_id}.pdf`);
  });
});
