/**
 * NAT bookings over time and their results, over real HTTP: the seeded history of the demo patients, the
 * confirmed → 已取号 → 已完成 progression driven by the clock, results, result lists and their PDF reports,
 * and the bookings of a person by ID number and phone.
 */
import { ageOn } from '../../../../common/id-card';
import { bookPaid, day, person, preBody } from './testkit';
import { addDays } from './time';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

beforeEach(() => {
  t.sandbox.reset();
  t.sandbox.clock.set(`${t.sandbox.store.state.anchorDate} 09:00:00`);
});

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('seeded history', () => {
  test('张伟 has three completed negative tests, newest check first, each with a PDF', async () => {
    const zhang = t.demo('zhangwei');
    const res = await t.his.ok('/appointmentNAT/getNATResultList', { id_no: zhang.idNo });
    expect(res.head).toEqual({ code: 1, msg: '成功' });
    expect(res.data).toHaveLength(3);
    const checks = res.data.map((r) => r.check_datetime);
    expect(checks).toEqual([...checks].sort().reverse());
    expect(res.data.map((r) => r.sample_datetime.slice(0, 10))).toEqual([18, 67, 126].map((d) => addDays(t.sandbox.clock.today(), -d)));
    for (const row of res.data) {
      expect(row).toMatchObject({
        patient_name: '张伟',
        id_no: zhang.idNo,
        phone_no: '13800138001',
        item_name: '新型冠状病毒核酸检测',
        item_short_name: '2019-nCoV RNA',
        item_value: '阴性',
        item_range: '阴性',
        doctor_code: '黔中市第一人民医院医学检验科',
      });
      expect(['口咽拭子', '鼻咽拭子']).toContain(row.sample);
      expect(row.patient_age).toBe(`${ageOn('1985-03-12', row.sample_datetime.slice(0, 10))}岁`);
      expect(row.report_no).toMatch(/^\d{10}$/);
      expect(row.sample_datetime).toMatch(DATETIME);
      expect(row.check_datetime > row.sample_datetime).toBe(true);
      expect(row.sample_user_name).not.toBe('');
      expect(row.check_user_name).not.toBe('');
      const pdf = await fetch(row.origin_url);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  test('王芳: two completed tests and a confirmed booking the day after tomorrow at 10:00-10:30', async () => {
    const wang = t.demo('wangfang');
    const res = await t.his.ok('/appointment/info/get2', { user_id_no: wang.idNo, user_phone_no: '13800138003' });
    expect(res.code).toBe('0');
    expect(res.data?.patient).toEqual({ id: wang.id, name: '王芳', id_no: wang.idNo, phone_no: '13800138003', sex: '女', age: ageOn('1992-11-03', t.sandbox.clock.today()), birthday: '1992-11-03' });
    const appts = res.data?.appt ?? [];
    expect(appts.map((a) => [a.status, a.status_desc])).toEqual([
      ['1', '已确认'],
      ['9', '已完成'],
      ['9', '已完成'],
    ]);
    expect(appts[0]).toMatchObject({ appt_date: day(t.sandbox, 2), time_slot_id: 'slot05', time_slot_name: '10:00-10:30', total: '40.00', report_time: '' });
    expect(appts[1]?.report_time).toMatch(DATETIME);
    const info = await t.his.ok('/appointment/info/get', { appt_id: appts[0]?.appt_id ?? '' });
    expect(info.data).toMatchObject({ status: 1, patient: { id: wang.id, name: '王芳' } });
    expect(info.data?.receipt_id).not.toBe('');
    expect(t.sandbox.store.order(info.data?.his_order_no ?? '')).toMatchObject({ purpose: 'nat', applied: true, status: 2 });
    expect((await t.his.ok('/appointmentNAT/getNATResultList', { id_no: wang.idNo })).data).toHaveLength(2);
  });

  test('seeded QA fixtures: a full slot and a last place at 本院 tomorrow', async () => {
    const res = await t.his.ok('/type/list', { hospital_id: '01', appt_date: day(t.sandbox, 1) });
    expect(res.data?.[0]?.time_slot?.slice(0, 2).map((s) => s.remain_count)).toEqual([0, 1]);
  });

  test('the seed is deterministic', () => {
    const first = JSON.stringify(t.sandbox.store.state.nat);
    t.sandbox.reset();
    expect(JSON.stringify(t.sandbox.store.state.nat)).toBe(first);
  });

  test('background history: a lapsed and a refunded booking', () => {
    const bookings = Object.values(t.sandbox.store.state.nat.bookings);
    expect(bookings.filter((b) => b.statusDesc === '已撤销（超时未支付）')).toHaveLength(1);
    const refunded = bookings.filter((b) => b.statusDesc === '已撤销（已退款）');
    expect(refunded).toHaveLength(1);
    expect(t.sandbox.store.order(refunded[0]?.hisOrderNo ?? '')?.refundedAt).toMatch(DATETIME);
    expect(bookings.filter((b) => b.status === 9).length).toBeGreaterThanOrEqual(17);
  });
});

describe('results', () => {
  test('result/get: the two gene targets of a completed test', async () => {
    const zhang = t.demo('zhangwei');
    const list = await t.his.ok('/appointment/info/get2', { user_id_no: zhang.idNo, user_phone_no: zhang.phone });
    const res = await t.his.ok('/appointment/result/get', { appt_id: list.data?.appt[0]?.appt_id ?? '' });
    expect(res).toEqual({
      code: '0',
      msg: '获取成功',
      data: [
        { item_name: '新型冠状病毒核酸检测ORF1ab基因', item_short_name: 'ORF1ab', item_value: '阴性', item_tip: '', item_range: '阴性' },
        { item_name: '新型冠状病毒核酸检测N基因', item_short_name: 'N', item_value: '阴性', item_tip: '', item_range: '阴性' },
      ],
    });
  });

  test('result/get fails with code "1" without an id, for unknown, pending and cancelled bookings', async () => {
    const failing = async (body: object) => {
      const r = await t.his.fail('/appointment/result/get', body);
      return [r.code, r.msg];
    };
    expect(await failing({})).toEqual(['1', '请传入预约记录ID']);
    expect(await failing({ appt_id: 'NOSUCH' })).toEqual(['1', '预约记录不存在']);
    const b = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, person(501)));
    expect(await failing({ appt_id: b.apptId })).toEqual(['1', '检测结果尚未出具，请耐心等待']);
    await t.his.ok('/appointment/cancel', { appt_id: b.apptId, receipt_id: b.receiptId, his_order_no: 'TK-R1', data_source: 'w1' });
    expect(await failing({ appt_id: b.apptId })).toEqual(['1', '预约已撤销，无检测结果']);
  });

  test('result list: nothing for a person without tests; a malformed number fails', async () => {
    const res = await t.his.ok('/appointmentNAT/getNATResultList', { id_no: person(502).idNo });
    expect(res.data).toEqual([]);
    const bad = await t.his.fail('/appointmentNAT/getNATResultList', { id_no: '52010319850312035X9' });
    expect(bad.code).toBe(-1);
    expect(bad.msg).toBe('证件号码格式不正确');
  });

  test('a PDF exists only for completed tests', async () => {
    const b = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, person(503)));
    expect((await fetch(`${t.sandbox.url}/files/nat/${b.apptId}.pdf`)).status).toBe(404);
  });
});

describe('progression with the clock', () => {
  test('confirmed → 已取号 when the slot starts → 已完成 with a report within 5 hours', async () => {
    const p = person(504);
    const tomorrow = day(t.sandbox, 1);
    const b = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, p, { hospital_id: '01', appt_date: tomorrow, time_slot: '09:30-10:00', report_lanuage: '中英文' }));

    t.sandbox.clock.set(`${tomorrow} 09:29:59`);
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data?.status).toBe(1);
    t.sandbox.clock.set(`${tomorrow} 09:30:00`);
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data).toMatchObject({ status: 2, status_desc: '已取号' });
    const cancel = await t.his.fail('/appointment/cancel', { appt_id: b.apptId, receipt_id: b.receiptId, his_order_no: 'TK-P1', data_source: 'w1' });
    expect([cancel.code, cancel.msg]).toEqual(['1', '已取号采样，不能撤销预约']);
    expect((await t.his.fail('/appointment/result/get', { appt_id: b.apptId })).msg).toBe('检测结果尚未出具，请耐心等待');
    expect((await t.his.ok('/appointment/info/get2', { user_id_no: p.idNo, user_phone_no: p.phone })).data?.appt[0]).toMatchObject({ status: '2', report_time: '' });

    t.sandbox.clock.set(`${tomorrow} 14:30:00`);
    const info = await t.his.ok('/appointment/info/get', { appt_id: b.apptId });
    expect(info.data).toMatchObject({ status: 9, status_desc: '已完成' });
    const rows = (await t.his.ok('/appointmentNAT/getNATResultList', { id_no: p.idNo })).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sample_datetime.slice(0, 13)).toBe(`${tomorrow} 09`);
    const listed = (await t.his.ok('/appointment/info/get2', { user_id_no: p.idNo, user_phone_no: p.phone })).data?.appt[0];
    expect(listed?.status).toBe('9');
    expect((listed?.report_time ?? '') > (rows[0]?.check_datetime ?? '')).toBe(true);
    expect((await t.his.ok('/appointment/result/get', { appt_id: b.apptId })).data).toHaveLength(2);
    const pdf = await fetch(rows[0]?.origin_url ?? '');
    expect(pdf.status).toBe(200);
    expect((await t.his.fail('/appointment/cancel', { appt_id: b.apptId, receipt_id: b.receiptId, his_order_no: 'TK-P2', data_source: 'w1' })).msg).toBe('检测已完成，不能撤销预约');
  });
});

describe('bookings by ID number and phone', () => {
  test('both must belong to the same person', async () => {
    const zhang = t.demo('zhangwei');
    const res = await t.his.ok('/appointment/info/get2', { user_id_no: zhang.idNo.toLowerCase(), user_phone_no: '13800138001' });
    expect(res.data?.appt.map((a) => a.status)).toEqual(['9', '9', '9']);
    expect(res.data?.patient.age).toBe(ageOn('1985-03-12', t.sandbox.clock.today()));
    const wrong = await t.his.fail('/appointment/info/get2', { user_id_no: zhang.idNo, user_phone_no: '13800138003' });
    expect([wrong.code, wrong.msg]).toEqual(['-1', '未查询到该身份证号和手机号对应的预约人']);
    expect((await t.his.fail('/appointment/info/get2', { user_id_no: person(505).idNo, user_phone_no: '13800138001' })).msg).toBe('未查询到该身份证号和手机号对应的预约人');
    expect((await t.his.fail('/appointment/info/get2', { user_id_no: zhang.idNo, user_phone_no: '1380013800' })).msg).toBe('手机号码格式不正确');
  });

  test('a booking made with another phone finds the person by that phone too', async () => {
    const zhang = t.demo('zhangwei');
    await t.his.ok('/appointment/pre', preBody(t.sandbox, { name: '张伟', idNo: zhang.idNo, phone: '13912345678', sex: '男', birthday: zhang.birthday }));
    const res = await t.his.ok('/appointment/info/get2', { user_id_no: zhang.idNo, user_phone_no: '13912345678' });
    expect(res.data?.patient.phone_no).toBe('13800138001');
    expect(res.data?.appt).toHaveLength(4);
    expect(res.data?.appt[0]).toMatchObject({ status: '0', status_desc: '未确认', report_time: '' });
  });

  test('a person on file without NAT bookings gets an empty list', async () => {
    const li = t.demo('lixiuying');
    const res = await t.his.ok('/appointment/info/get2', { user_id_no: li.idNo, user_phone_no: li.phone });
    expect(res.data?.appt).toEqual([]);
    expect(res.data?.patient.name).toBe('李秀英');
  });
});
