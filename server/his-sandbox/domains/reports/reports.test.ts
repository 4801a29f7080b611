import dayjs from 'dayjs';
import { age, makeChargeItem } from '../../state/builders';
import type { Patient } from '../../state/core';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

const today = () => t.sandbox.clock.today();
const daysAgo = (n: number) => dayjs(today()).subtract(n, 'day').format('YYYY-MM-DD');
const stayOf = (p: Patient) => {
  const stay = t.sandbox.store.latestStay(p.id);
  if (!stay) throw new Error(`no stay of ${p.name}`);
  return stay;
};

async function outpatientList(p: Patient, start = daysAgo(120), end = today()) {
  const { records } = await t.his.ok('/getLisPacsList', { patient_id: p.id, card_no: p.cardNo, visit_no: '', op_flag: 1, start_time: start, end_time: end });
  return records;
}

async function reportNamed(p: Patient, name: string) {
  const found = (await outpatientList(p)).find((r) => r.report_name === name);
  if (!found) throw new Error(`no report ${name} of ${p.name}`);
  return found;
}

async function getPdf(url: string) {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), head: bytes.subarray(0, 5).toString('latin1') };
}

/** The tip a value deserves under a printed "a-b", "<b" or ">a" range. */
function expectedTip(value: string, range: string): string {
  const v = Number(value);
  const between = /^([\d.]+)-([\d.]+)$/.exec(range);
  if (between) return v > Number(between[2]) ? '↑' : v < Number(between[1]) ? '↓' : '';
  if (range.startsWith('<')) return v > Number(range.slice(1)) ? '↑' : '';
  if (range.startsWith('>')) return v < Number(range.slice(1)) ? '↓' : '';
  return value === range ? '' : '↑';
}

describe('/getLisPacsList', () => {
  test('张伟: the reports of t.his paid visits, newest first, never those of unpaid fees', async () => {
    const zw = t.demo('zhangwei');
    const records = await outpatientList(zw);
    expect(records.map((r) => [r.report_name, r.category])).toEqual([
      ['胸部CT平扫', 'pacs'],
      ['血常规（五分类）', 'lis'],
      ['常规心电图', 'pacs'],
    ]);
    const [ct, blood, ecg] = records;
    expect(blood).toMatchObject({
      category: 'lis',
      dept_id: '8001',
      dept_name: '检验科',
      status: 1,
      patient_name: '张伟',
      patient_sex: '男',
      sample: '全血',
      report_date: daysAgo(21),
      send_time_full: daysAgo(21),
      audit_time_full: daysAgo(21),
    });
    expect(blood?.patient_age).toBe(age(zw, daysAgo(21)));
    expect(blood?.report_no).toMatch(/^\d{10}$/);
    expect(blood?.origin_url).toBe(`${t.sandbox.url}/files/lis/${blood?.id}.pdf`);
    expect(ct).toMatchObject({ dept_id: '8002', dept_name: '医学影像科', sample: '', send_time_full: daysAgo(21) });
    expect(ct?.report_no).toMatch(new RegExp(`^CT${daysAgo(21).replace(/-/g, '')}\\d{3}$`));
    expect([daysAgo(20), daysAgo(19)]).toContain(ct?.report_date);
    expect(ecg).toMatchObject({ dept_name: '心电图室', report_date: daysAgo(64) });
    const visit = Object.values(t.sandbox.store.core.visits).find((v) => v.patientId === zw.id && v.visitTime.startsWith(daysAgo(21)));
    expect(blood?.send_user_name).toBe(visit?.feeGroups[0]?.billDoctorName);
  });

  test('filters by report date, both ends included', async () => {
    const zw = t.demo('zhangwei');
    expect((await outpatientList(zw, daysAgo(30), today())).map((r) => r.report_name).sort()).toEqual(['胸部CT平扫', '血常规（五分类）'].sort());
    expect((await outpatientList(zw, daysAgo(64), daysAgo(64))).map((r) => r.report_name)).toEqual(['常规心电图']);
    expect(await outpatientList(zw, daysAgo(63), daysAgo(22))).toEqual([]);
  });

  test('李秀英: op_flag 2 gives the reports of her current stay, op_flag 1 those of her card', async () => {
    const lxy = t.demo('lixiuying');
    const stay = stayOf(lxy);
    const { records } = await t.his.ok('/getLisPacsList', { patient_id: lxy.id, card_no: '', visit_no: stay.visitNo, op_flag: 2, start_time: stay.admissionDate, end_time: today() });
    expect(records.map((r) => r.report_name)).toEqual(expect.arrayContaining(['血常规（五分类）', '肝功能', '肾功能', '心肌酶谱', '常规心电图', '冠状动脉CTA']));
    for (const r of records) expect(r.report_date >= stay.admissionDate).toBe(true);
    const ids = new Set(records.map((r) => r.id));
    const outpatient = await outpatientList(lxy);
    expect(outpatient.map((r) => r.report_name)).toEqual(['心脏彩色多普勒超声']);
    expect(outpatient.some((r) => ids.has(r.id))).toBe(false);
  });

  test('refuses bad dates, a card or stay not of the patient, an unknown patient, a bad op_flag', async () => {
    const zw = t.demo('zhangwei');
    const lxy = t.demo('lixiuying');
    const base = { patient_id: zw.id, card_no: zw.cardNo, visit_no: '', op_flag: 1, start_time: daysAgo(30), end_time: today() };
    const failures: Array<[Record<string, unknown>, string]> = [
      [{ start_time: '2026/01/01' }, '报告查询开始时间格式错误，应为yyyy-mm-dd'],
      [{ end_time: '2026-02-30' }, '报告查询结束时间格式错误，应为yyyy-mm-dd'],
      [{ start_time: today(), end_time: daysAgo(1) }, '报告查询开始时间不能晚于结束时间'],
      [{ card_no: lxy.cardNo }, '就诊卡号与患者信息不符'],
      [{ card_no: '' }, '参数不能为空：card_no'],
      [{ patient_id: '' }, '参数不能为空：patient_id'],
      [{ patient_id: '99999999' }, '未找到该患者信息'],
      [{ op_flag: 3 }, '门诊住院标志错误：op_flag应为1（门诊）或2（住院）'],
      [{ op_flag: 2, visit_no: stayOf(lxy).visitNo }, '未找到该患者的此次住院记录'],
      [{ op_flag: 2, visit_no: '' }, '参数不能为空：visit_no'],
      [{ patient_id: lxy.id, card_no: zw.cardNo, op_flag: 2, visit_no: stayOf(lxy).visitNo }, '就诊卡号与患者信息不符'],
    ];
    for (const [change, msg] of failures) expect((await t.his.fail('/getLisPacsList', { ...base, ...change })).msg).toBe(msg);
  });
});

describe('/getLisReport', () => {
  test('张伟\'s 血常规: WBC ↑, every tip agrees with its range, the differential adds up', async () => {
    const zw = t.demo('zhangwei');
    const listed = await reportNamed(zw, '血常规（五分类）');
    const { recordInfo, records } = await t.his.ok('/getLisReport', { report_id: listed.id, category: 'lis', op_flag: 1 });
    expect(recordInfo).toEqual({
      patient_name: '张伟',
      report_name: '血常规（五分类）',
      patient_age: `${age(zw, listed.report_date)}岁`,
      sample: '全血',
      report_no: listed.report_no,
      send_user_name: listed.send_user_name,
      send_time_full: listed.send_time_full,
      audit_time_full: listed.report_date,
      exam_user_name: listed.exam_user_name,
      audit_user_name: listed.audit_user_name,
      origin_url: listed.origin_url,
      id_no: zw.idNo,
    });
    expect(records.map((r) => r.item_short_name)).toEqual(['WBC', 'NEUT%', 'LYMPH%', 'MONO%', 'EO%', 'BASO%', 'NEUT#', 'LYMPH#', 'RBC', 'HGB', 'HCT', 'MCV', 'MCH', 'MCHC', 'PLT']);
    const wbc = records[0];
    expect(wbc).toMatchObject({ item_name: '白细胞计数', item_unit: '×10^9/L', item_range: '3.5-9.5', item_tip: '↑', item_category: 1 });
    expect(Number(wbc?.item_value)).toBeGreaterThan(9.5);
    const hgb = records.find((r) => r.item_short_name === 'HGB');
    expect(hgb?.item_range).toBe('130-175');
    for (const r of records) expect(r.item_tip).toBe(expectedTip(r.item_value, r.item_range));
    const pct = ['NEUT%', 'LYMPH%', 'MONO%', 'EO%', 'BASO%'].reduce((sum, k) => sum + Number(records.find((r) => r.item_short_name === k)?.item_value), 0);
    expect(pct).toBeCloseTo(100, 5);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  test('inpatient lab reports read with op_flag 2 only', async () => {
    const lxy = t.demo('lixiuying');
    const stay = stayOf(lxy);
    const { records } = await t.his.ok('/getLisPacsList', { patient_id: lxy.id, card_no: lxy.cardNo, visit_no: stay.visitNo, op_flag: 2, start_time: stay.admissionDate, end_time: today() });
    const kidney = records.find((r) => r.report_name === '肾功能');
    const report = await t.his.ok('/getLisReport', { report_id: kidney?.id ?? '', category: 'lis', op_flag: 2 });
    expect(report.records.map((r) => [r.item_short_name, r.item_range])).toEqual([
      ['UREA', '2.6-7.5'],
      ['CREA', '41-81'],
      ['UA', '155-357'],
      ['CysC', '0.59-1.03'],
    ]);
    expect((await t.his.fail('/getLisReport', { report_id: kidney?.id, category: 'lis', op_flag: 1 })).msg).toBe('该报告为住院报告，门诊住院标志应为2');
  });

  test('refuses an unknown id, a wrong category or op_flag, an examination report', async () => {
    const zw = t.demo('zhangwei');
    const blood = await reportNamed(zw, '血常规（五分类）');
    const ct = await reportNamed(zw, '胸部CT平扫');
    expect((await t.his.fail('/getLisReport', { report_id: 'NOSUCHREPORT0000', category: 'lis', op_flag: 1 })).msg).toBe('未找到该报告');
    expect((await t.his.fail('/getLisReport', { report_id: '', category: 'lis', op_flag: 1 })).msg).toBe('参数不能为空：report_id');
    expect((await t.his.fail('/getLisReport', { report_id: blood.id, category: 'pacs', op_flag: 1 })).msg).toBe('报告类别错误，检验报告类别应为lis');
    expect((await t.his.fail('/getLisReport', { report_id: blood.id, category: 'lis', op_flag: 2 })).msg).toBe('该报告为门诊报告，门诊住院标志应为1');
    expect((await t.his.fail('/getLisReport', { report_id: blood.id, category: 'lis', op_flag: 0 })).msg).toBe('门诊住院标志错误：op_flag应为1（门诊）或2（住院）');
    expect((await t.his.fail('/getLisReport', { report_id: ct.id, category: 'lis', op_flag: 1 })).msg).toBe('该报告不是检验报告');
  });
});

describe('/getPacsReport', () => {
  test('张伟\'s chest CT: fields filled by their descriptions (dept_name 检查部位, status 单号)', async () => {
    const zw = t.demo('zhangwei');
    const listed = await reportNamed(zw, '胸部CT平扫');
    const { records } = await t.his.ok('/getPacsReport', { report_id: listed.id, category: 'pacs', op_flag: 1 });
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r).toMatchObject({
      id: listed.id,
      patient_name: '张伟',
      patient_age: age(zw, daysAgo(21)),
      scan_method: 'CT平扫',
      scan_time_full: daysAgo(21),
      dept_name: '胸部',
      status: listed.report_no,
      send_user_name: listed.send_user_name,
      report_image: `${t.sandbox.url}/files/pacs-image/${listed.id}.pdf`,
      write_user_name: listed.exam_user_name,
      write_time_full: listed.report_date,
    });
    expect(r?.scan_view).toContain('双肺纹理增多');
    expect(r?.diagnosis).toContain('支气管炎症');
  });

  test('accepts the documented category lis as well as pacs; refuses anything else, lab reports, a wrong op_flag', async () => {
    const zw = t.demo('zhangwei');
    const ecg = await reportNamed(zw, '常规心电图');
    const blood = await reportNamed(zw, '血常规（五分类）');
    const { records } = await t.his.ok('/getPacsReport', { report_id: ecg.id, category: 'lis', op_flag: 1 });
    expect(records[0]).toMatchObject({ dept_name: '心脏', scan_method: '常规十二导联心电图' });
    expect(records[0]?.diagnosis).toContain('窦性心律');
    expect((await t.his.fail('/getPacsReport', { report_id: ecg.id, category: 'ris', op_flag: 1 })).msg).toBe('报告类别错误，检查报告类别应为pacs');
    expect((await t.his.fail('/getPacsReport', { report_id: blood.id, category: 'pacs', op_flag: 1 })).msg).toBe('该报告不是检查报告');
    expect((await t.his.fail('/getPacsReport', { report_id: ecg.id, category: 'pacs', op_flag: 2 })).msg).toBe('该报告为门诊报告，门诊住院标志应为1');
  });

  test('赵国强: the lumbar MRI of t.his orthopaedic visit', async () => {
    const zgq = t.demo('zhaoguoqiang');
    const mri = await reportNamed(zgq, '腰椎MRI平扫');
    expect(mri).toMatchObject({ category: 'pacs', dept_name: '医学影像科', send_time_full: daysAgo(58) });
    const { records } = await t.his.ok('/getPacsReport', { report_id: mri.id, category: 'pacs', op_flag: 1 });
    expect(records[0]).toMatchObject({ scan_method: 'MRI平扫', dept_name: '腰椎' });
    expect(records[0]?.diagnosis).toContain('L4/5椎间盘突出');
    expect(records[0]?.status).toMatch(/^MR\d{11}$/);
  });
});

describe('/lis/bacteria/detail', () => {
  test('王芳\'s urine culture: E. coli with its susceptibility tests, by order_no, some resistant', async () => {
    const wf = t.demo('wangfang');
    const culture = await reportNamed(wf, '尿培养及药敏');
    expect(culture).toMatchObject({ category: 'lis', sample: '中段尿', send_time_full: daysAgo(16), report_date: daysAgo(14) });
    const { records } = await t.his.ok('/getLisReport', { report_id: culture.id, category: 'lis', op_flag: 1 });
    const organism = records.find((r) => r.item_category === 2);
    expect(organism).toMatchObject({ item_name: '大肠埃希菌', item_short_name: 'ECO', item_value: '≥10^5', item_unit: 'CFU/ml', item_range: '<10^4', item_tip: '↑' });
    expect(records.find((r) => r.item_short_name === 'ESBL')).toMatchObject({ item_value: '阳性', item_tip: '↑', item_category: 1 });

    const detail = await t.his.ok('/lis/bacteria/detail', { report_id: culture.id, report_detail_id: organism?.id ?? '', op_flag: 1 });
    expect(detail.records.length).toBeGreaterThanOrEqual(8);
    expect(detail.records.map((r) => r.order_no)).toEqual(detail.records.map((_, i) => i + 1));
    for (const r of detail.records) {
      expect(r.bacteria_name).toBe('大肠埃希菌');
      expect(['S', 'I', 'R', 'R*']).toContain(r.result_code);
      expect(r.result_value).not.toBe('');
      expect(r.result_range_kb).toMatch(/^R[≤=]\d+, S≥\d+$/);
    }
    const byName = Object.fromEntries(detail.records.map((r) => [r.antibacterials_name, r]));
    expect(byName['头孢曲松']).toMatchObject({ result_code: 'R', result_value: '≥64', result_range_kb: 'R≤19, S≥23' });
    expect(byName['亚胺培南']?.result_code).toBe('S');
    expect(detail.records.filter((r) => r.result_code === 'R').length).toBeGreaterThanOrEqual(3);
    expect(new Set(detail.records.map((r) => r.id)).size).toBe(detail.records.length);
  });

  test('refuses an ordinary item, an unknown detail, a wrong op_flag, an examination report', async () => {
    const wf = t.demo('wangfang');
    const culture = await reportNamed(wf, '尿培养及药敏');
    const { records } = await t.his.ok('/getLisReport', { report_id: culture.id, category: 'lis', op_flag: 1 });
    const esbl = records.find((r) => r.item_category === 1);
    const organism = records.find((r) => r.item_category === 2);
    const ct = await reportNamed(t.demo('zhangwei'), '胸部CT平扫');
    expect((await t.his.fail('/lis/bacteria/detail', { report_id: culture.id, report_detail_id: esbl?.id, op_flag: 1 })).msg).toBe('该明细不是细菌检验项目，无药敏结果');
    expect((await t.his.fail('/lis/bacteria/detail', { report_id: culture.id, report_detail_id: 'NOSUCHDETAIL0000', op_flag: 1 })).msg).toBe('未找到该细菌明细');
    expect((await t.his.fail('/lis/bacteria/detail', { report_id: culture.id, report_detail_id: '', op_flag: 1 })).msg).toBe('参数不能为空：report_detail_id');
    expect((await t.his.fail('/lis/bacteria/detail', { report_id: culture.id, report_detail_id: organism?.id, op_flag: 2 })).msg).toBe('该报告为门诊报告，门诊住院标志应为1');
    expect((await t.his.fail('/lis/bacteria/detail', { report_id: ct.id, report_detail_id: organism?.id, op_flag: 1 })).msg).toBe('该报告不是检验报告');
  });
});

describe('report PDFs', () => {
  test('origin_url and report_image serve real PDFs; unknown ids are 404', async () => {
    const zw = t.demo('zhangwei');
    const blood = await reportNamed(zw, '血常规（五分类）');
    const ct = await reportNamed(zw, '胸部CT平扫');
    const culture = await reportNamed(t.demo('wangfang'), '尿培养及药敏');
    for (const url of [blood.origin_url, ct.origin_url, culture.origin_url, `${t.sandbox.url}/files/pacs-image/${ct.id}.pdf`, `${t.sandbox.url}/files/pacs-film/${ct.id}.pdf`]) {
      expect(await getPdf(url ?? '')).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    }
    expect((await getPdf(`${t.sandbox.url}/files/lis/NOSUCHREPORT0000.pdf`)).status).toBe(404);
    expect((await getPdf(`${t.sandbox.url}/files/lis/${ct.id}.pdf`)).status).toBe(404);
  });
});

describe('reports follow payments and charges, and come out with time', () => {
  afterEach(() => t.sandbox.clock.reset());

  test('a lab test paid now is reported a few hours later, the same day', async () => {
    t.sandbox.clock.set(`${today()} 09:00:00`);
    const zw = t.demo('zhangwei');
    const visit = Object.values(t.sandbox.store.core.visits).find((v) => v.patientId === zw.id && v.feeGroups.some((g) => g.title.includes('血脂四项')));
    const group = visit?.feeGroups.find((g) => g.title.includes('血脂四项'));
    if (!group || group.paid) throw new Error('张伟 has no unpaid 血脂四项');
    // The payment itself belongs to the fee endpoints (another domain): mark the group paid as they do.
    group.paid = { hisOrderNo: 'TESTORDER0000001', businessNo: 'TESTBUSINESS0001', payMode: 'wePay', at: `${today()} 09:00:00`, receiptId: '' };

    expect((await outpatientList(zw)).map((r) => r.report_name)).not.toContain('血脂四项');
    const reportId = t.sandbox.store.state.reports.bySource[group.items[0]?.id ?? ''] ?? '';
    expect(reportId).not.toBe('');
    expect((await t.his.fail('/getLisReport', { report_id: reportId, category: 'lis', op_flag: 1 })).msg).toBe('报告尚未出具，请稍后查询');
    expect((await getPdf(`${t.sandbox.url}/files/lis/${reportId}.pdf`)).status).toBe(404);

    t.sandbox.clock.set(`${today()} 14:00:00`);
    const lipids = await reportNamed(zw, '血脂四项');
    expect(lipids).toMatchObject({ id: reportId, report_date: today(), send_time_full: today(), sample: '血清' });
    const { records } = await t.his.ok('/getLisReport', { report_id: reportId, category: 'lis', op_flag: 1 });
    expect(records.map((r) => [r.item_short_name, r.item_range])).toEqual([
      ['TC', '<5.18'],
      ['TG', '<1.70'],
      ['HDL-C', '>1.04'],
      ['LDL-C', '<3.37'],
    ]);
    for (const r of records) expect(r.item_tip).toBe(expectedTip(r.item_value, r.item_range));
  });

  test('an examination charged to a stay is reported one to two days later', async () => {
    const day = today();
    t.sandbox.clock.set(`${day} 09:00:00`);
    const lxy = t.demo('lixiuying');
    const stay = stayOf(lxy);
    const charge = makeChargeItem(t.sandbox.store, { itemId: 'E0405', quantity: 1, doctorName: stay.doctorName, date: day, time: '09:00:00' });
    stay.charges.push(charge);
    const list = async () =>
      (await t.his.ok('/getLisPacsList', { patient_id: lxy.id, card_no: '', visit_no: stay.visitNo, op_flag: 2, start_time: stay.admissionDate, end_time: dayjs(day).add(3, 'day').format('YYYY-MM-DD') })).records;
    expect((await list()).map((r) => r.report_name)).not.toContain('胸部DR正位片');
    t.sandbox.clock.set(`${dayjs(day).add(2, 'day').format('YYYY-MM-DD')} 18:00:00`);
    const dr = (await list()).find((r) => r.report_name === '胸部DR正位片');
    expect(dr).toMatchObject({ category: 'pacs', dept_name: '医学影像科', send_time_full: day });
    const { records } = await t.his.ok('/getPacsReport', { report_id: dr?.id ?? '', category: 'pacs', op_flag: 2 });
    expect(records[0]).toMatchObject({ scan_method: 'DR', dept_name: '胸部（正位）', send_user_name: stay.doctorName });
  });
});
