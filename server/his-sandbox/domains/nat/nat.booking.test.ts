/**
 * NAT booking over real HTTP: dictionaries, dates and slots, booking rules, capacity (also under concurrent
 * calls), payment order, confirmation, lapse, cancellation and refund.
 */
import { NAT_SLOTS } from './catalog';
import { book, bookPaid, confirmBody, day, newPaymentBody, person, preBody } from './testkit';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

let n = 0;
/** A person never used before in this file. */
const someone = () => person((n += 1));

beforeEach(() => {
  t.sandbox.clock.set(`${t.sandbox.store.state.anchorDate} 09:00:00`);
});

async function slotsOf(hospitalId: string, date: string): Promise<Record<string, number>> {
  const res = await t.his.ok('/type/list', { hospital_id: hospitalId, appt_date: date });
  return Object.fromEntries((res.data?.[0]?.time_slot ?? []).map((s) => [s.time_slot_name, s.remain_count]));
}

describe('dictionaries, dates and slots', () => {
  test('bookable campuses are 本院 and 东院区', async () => {
    const res = await t.his.ok('/hospital/area/list', {});
    expect(res.code).toBe(0);
    expect(res.data).toEqual([
      { hospital_id: '01', hospital_name: '本院' },
      { hospital_id: '02', hospital_name: '东院区' },
    ]);
  });

  test('report languages: a string code and four entries', async () => {
    const res = await t.his.ok('/appointment/language/get', {});
    expect(res.code).toBe('0');
    expect(res.data.map((l) => l.name)).toEqual(['中文', '中英文', '英文', '日文']);
    expect(new Set(res.data.map((l) => l.id)).size).toBe(4);
  });

  test('dates: the next 7 days with their weekday, today only while a slot has not ended', async () => {
    const morning = await t.his.ok('/date/list', { hospital_id: '01' });
    expect(morning.data?.map((d) => d.appt_date)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => day(t.sandbox, i)));
    const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
    expect(morning.data?.[1]?.weekday).toBe(weekdays[t.sandbox.clock.at(day(t.sandbox, 1)).day()]);

    t.sandbox.clock.set(`${t.sandbox.store.state.anchorDate} 17:30:00`);
    const evening = await t.his.ok('/date/list', { hospital_id: '01' });
    expect(evening.data?.map((d) => d.appt_date)).toEqual([1, 2, 3, 4, 5, 6].map((i) => day(t.sandbox, i)));
  });

  test('dates: unknown, closed or empty campus', async () => {
    expect((await t.his.fail('/date/list', { hospital_id: '99' })).msg).toBe('院区不存在');
    expect((await t.his.fail('/date/list', { hospital_id: '03' })).msg).toBe('妇女儿童院区暂未开放核酸检测预约');
    expect((await t.his.fail('/date/list', { hospital_id: ' ' })).msg).toBe('参数不能为空：hospital_id');
    expect((await t.his.fail('/type/list', { hospital_id: '03', appt_date: day(t.sandbox, 1) })).code).toBe(-1);
  });

  test('type list: one test type at 40.00 with the 15 half-hour slots of a future day', async () => {
    const res = await t.his.ok('/type/list', { hospital_id: '01', appt_date: day(t.sandbox, 1) });
    expect(res.data).toHaveLength(1);
    const entry = res.data?.[0];
    expect(entry?.total_fee).toBe(40);
    expect(entry?.time_slot?.map((s) => s.time_slot_name)).toEqual(NAT_SLOTS.map((s) => s.name));
    expect(entry?.time_slot?.[0]).toEqual({ time_slot_id: 'slot01', time_slot_name: '08:00-08:30', remain_count: 0 });
    expect(entry?.time_slot?.[1]).toEqual({ time_slot_id: 'slot02', time_slot_name: '08:30-09:00', remain_count: 1 });
    expect(entry?.time_slot?.[14]?.time_slot_name).toBe('17:00-17:30');
    expect(entry?.remain_count).toBe((entry?.time_slot ?? []).reduce((s, x) => s + x.remain_count, 0));
  });

  test('type list: the slots of today that have ended are not offered', async () => {
    const slots = await slotsOf('01', day(t.sandbox, 0));
    expect(Object.keys(slots)).toHaveLength(13);
    expect(Object.keys(slots)[0]).toBe('09:00-09:30');
  });

  test('type list: a day with every slot over has no places and no slots', async () => {
    t.sandbox.clock.set(`${t.sandbox.store.state.anchorDate} 17:30:00`);
    const res = await t.his.ok('/type/list', { hospital_id: '02', appt_date: day(t.sandbox, 0) });
    expect(res.data).toEqual([{ remain_count: 0, total_fee: 40 }]);
  });

  test('type list: dates outside the window or malformed', async () => {
    expect((await t.his.fail('/type/list', { hospital_id: '01', appt_date: day(t.sandbox, 7) })).msg).toBe('预约日期不在可预约范围内（可预约今天起7天内）');
    expect((await t.his.fail('/type/list', { hospital_id: '01', appt_date: day(t.sandbox, -1) })).msg).toBe('预约日期不在可预约范围内（可预约今天起7天内）');
    expect((await t.his.fail('/type/list', { hospital_id: '01', appt_date: '2026/12/01' })).msg).toBe('预约日期格式错误，应为YYYY-MM-DD');
  });
});

describe('booking', () => {
  test('books a place for someone new: patient created, status 0, one place fewer', async () => {
    const p = someone();
    const date = day(t.sandbox, 3);
    const before = await slotsOf('02', date);
    expect(t.sandbox.store.patientByIdNo(p.idNo)).toBeUndefined();

    const pre = await t.his.ok('/appointment/pre', preBody(t.sandbox, p, { appt_date: date, time_slot: '10:00-10:30', report_lanuage: '英文' }));
    expect(pre).toMatchObject({ code: 0, msg: '预约成功' });
    const apptId = pre.data?.appt_id ?? '';
    expect(apptId).toMatch(/^[0-9A-Z]{16}$/);

    const patient = t.sandbox.store.patientByIdNo(p.idNo);
    expect(patient).toMatchObject({ name: p.name, sex: p.sex, birthday: p.birthday, phone: p.phone });
    const info = await t.his.ok('/appointment/info/get', { appt_id: apptId });
    expect(info.msg).toBe('获取成功');
    expect(info.data).toMatchObject({
      appt_id: apptId,
      appt_date: date,
      time_slot_id: 'slot05',
      time_slot_name: '10:00-10:30',
      status: 0,
      status_desc: '未确认',
      business_no: '',
      receipt_id: '',
      his_order_no: '',
      patient: { id: patient?.id, name: p.name, sex: p.sex, birthday: p.birthday, id_no: p.idNo, phone_no: p.phone },
    });
    expect(info.data?.appt_no).toMatch(new RegExp(`^${t.sandbox.clock.today().slice(2).replace(/-/g, '')}\\d{5}$`));
    expect(info.data?.patient.visit_id).toMatch(/^[0-9A-Z]{16}$/);
    expect(t.sandbox.store.state.nat.bookings[apptId]?.reportLanguage).toBe('英文');

    const after = await slotsOf('02', date);
    expect(after['10:00-10:30']).toBe((before['10:00-10:30'] ?? 0) - 1);
  });

  test('a patient on file books under their own record', async () => {
    const zhang = t.sandbox.store.patients().find((p) => p.demo === 'zhangwei');
    const pre = await t.his.ok('/appointment/pre', preBody(t.sandbox, { name: '张伟', idNo: zhang?.idNo ?? '', phone: '13800138001', sex: '男', birthday: '1985-03-12' }, { appt_date: day(t.sandbox, 4), user_sex: '男', user_birthday: '1985-03-12' }));
    const info = await t.his.ok('/appointment/info/get', { appt_id: pre.data?.appt_id ?? '' });
    expect(info.data?.patient.id).toBe(zhang?.id);
    expect(t.sandbox.store.patients().filter((p) => p.idNo === zhang?.idNo)).toHaveLength(1);
  });

  test('identity checks: ID card number, sex, birthday, name of a patient on file', async () => {
    const p = someone();
    const bad = `${p.idNo.slice(0, 17)}${p.idNo.endsWith('0') ? '1' : '0'}`;
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_id_no: bad }))).msg).toBe('身份证号码校验位错误');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_id_no: '52260119901301123' }))).msg).toBe('身份证号码格式不正确');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_sex: p.sex === '男' ? '女' : '男' }))).msg).toBe('性别与身份证号码不符');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_birthday: '1999-01-01' }))).msg).toBe('出生日期与身份证号码不符');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_sex: 'M' }))).msg).toBe('性别取值错误（男、女）');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_birthday: '1990-02-30' }))).msg).toBe('出生日期格式错误，应为YYYY-MM-DD');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { id_type_code: '02' }))).msg).toBe('证件类型取值错误（01：身份证，03：护照）');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { nationality: '3' }))).msg).toBe('地区取值错误（1：大陆地区，2：非大陆地区）');
    const zhang = t.sandbox.store.patients().find((x) => x.demo === 'zhangwei');
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, { ...p, idNo: zhang?.idNo ?? '' }))).msg).toBe('预约人姓名与证件号码不符');
    expect(t.sandbox.store.patientByIdNo(p.idNo)).toBeUndefined();
  });

  test('a passport holder books with sex and birthday', async () => {
    const p = someone();
    const body = preBody(t.sandbox, p, { user_id_no: 'E12345678', id_type_code: '03', nationality: '2' });
    expect((await t.his.fail('/appointment/pre', body)).msg).toBe('护照预约须填写性别和出生日期');
    const b = await book(t.his, { ...body, user_sex: '女', user_birthday: '1990-06-01' });
    const info = await t.his.ok('/appointment/info/get', { appt_id: b.apptId });
    expect(info.data?.patient).toMatchObject({ id_no: 'E12345678', sex: '女', birthday: '1990-06-01' });
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { user_id_no: 'E1*', id_type_code: '03' }))).msg).toBe('护照号码格式不正确');
  });

  test('request values: phone, slot, dictionaries, pay status, create time, empty fields', async () => {
    const p = someone();
    const cases: Array<[Partial<Parameters<typeof preBody>[2]>, string]> = [
      [{ user_phone_no: '12800138000' }, '手机号码格式不正确'],
      [{ time_slot: 'slot03' }, '预约时段不存在'],
      [{ time_slot: '12:00-12:30' }, '预约时段不存在'],
      [{ pay_way: 'cash' }, '支付方式取值错误（wepay、alipay、mpay）'],
      [{ pay_status: 1 }, '预约时不能为已支付状态，请预约成功后再支付'],
      [{ pay_status: 2 }, '支付状态取值错误（0：未支付，1：已支付）'],
      [{ data_source: 'app' }, '数据来源取值错误（3：网站，w1：微信）'],
      [{ create_time: '2026-11-29T09:00:00' }, '创建时间格式错误，应为YYYY-MM-DD HH:mm:ss'],
      [{ report_lanuage: '法文' }, '报告语言类型不正确（中文、中英文、英文、日文）'],
      [{ hospital_id: '03' }, '妇女儿童院区暂未开放核酸检测预约'],
      [{ appt_date: day(t.sandbox, 7) }, '预约日期不在可预约范围内（可预约今天起7天内）'],
      [{ user_name: '' }, '参数不能为空：user_name'],
      [{ time_slot: ' ' }, '参数不能为空：time_slot'],
    ];
    for (const [override, msg] of cases) {
      const res = await t.his.fail('/appointment/pre', preBody(t.sandbox, p, override));
      expect([res.code, res.msg]).toEqual([-1, msg]);
    }
    expect((await t.his.fail('/appointment/pre', { ...preBody(t.sandbox, p), pay_status: '0' })).msg).toBe('参数类型错误：pay_status应为整数');
    expect(t.sandbox.store.patientByIdNo(p.idNo)).toBeUndefined();
  });

  test('a slot of today that has ended cannot be booked; one in progress can', async () => {
    const p = someone();
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { appt_date: day(t.sandbox, 0), time_slot: '08:30-09:00' }))).msg).toBe('该时段已结束，请选择其他时段');
    await book(t.his, preBody(t.sandbox, p, { appt_date: day(t.sandbox, 0), time_slot: '09:00-09:30' }));
  });

  test('one active booking per person and day; another day is fine; after cancelling the day is free again', async () => {
    const p = someone();
    const first = await book(t.his, preBody(t.sandbox, p, { appt_date: day(t.sandbox, 2), time_slot: '14:00-14:30' }));
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, p, { appt_date: day(t.sandbox, 2), time_slot: '15:00-15:30', hospital_id: '01' }))).msg).toBe('该预约人当日已有核酸检测预约，请勿重复预约');
    await book(t.his, preBody(t.sandbox, p, { appt_date: day(t.sandbox, 5) }));
    await t.his.ok('/appointment/cancel', { appt_id: first.apptId, receipt_id: '', his_order_no: '', data_source: 'w1' });
    await book(t.his, preBody(t.sandbox, p, { appt_date: day(t.sandbox, 2), time_slot: '15:00-15:30' }));
  });

  test('a full slot cannot be booked; the last place goes to one person only', async () => {
    const tomorrow = day(t.sandbox, 1);
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, someone(), { hospital_id: '01', appt_date: tomorrow, time_slot: '08:00-08:30' }))).msg).toBe('该时段已约满，请选择其他时段');
    await book(t.his, preBody(t.sandbox, someone(), { hospital_id: '01', appt_date: tomorrow, time_slot: '08:30-09:00' }));
    expect((await t.his.fail('/appointment/pre', preBody(t.sandbox, someone(), { hospital_id: '01', appt_date: tomorrow, time_slot: '08:30-09:00' }))).msg).toBe('该时段已约满，请选择其他时段');
    expect((await slotsOf('01', tomorrow))['08:30-09:00']).toBe(0);
  });

  test('concurrent bookings never oversell a slot', async () => {
    const date = day(t.sandbox, 4);
    const slots = await slotsOf('02', date);
    const [slotName, left] = Object.entries(slots).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    expect(left).toBeGreaterThanOrEqual(2);
    const people = Array.from({ length: left + 8 }, () => someone());
    const answers = await Promise.all(people.map((p) => t.his.raw('/appointment/pre', preBody(t.sandbox, p, { appt_date: date, time_slot: slotName }))));
    const codes = answers.map((a) => (a.json as { code: number }).code);
    expect(codes.filter((c) => c === 0)).toHaveLength(left);
    expect(answers.filter((a) => (a.json as { msg: string }).msg === '该时段已约满，请选择其他时段')).toHaveLength(8);
    expect((await slotsOf('02', date))[slotName]).toBe(0);
  });
});

describe('payment order and confirmation', () => {
  test('newPayment creates one HIS order per booking; payment/get reads it', async () => {
    const b = await book(t.his, preBody(t.sandbox, someone()));
    const first = await t.his.ok('/cpay/newPayment', newPaymentBody(b));
    expect(first.data.appt_id).toBe(b.apptId);
    const orderNo = first.data.his_order_no;
    expect(orderNo).toMatch(/^[0-9A-Z]{16}$/);
    const again = await t.his.ok('/cpay/newPayment', newPaymentBody(b, { pay_way: 'weypay' }));
    expect(again.data.his_order_no).toBe(orderNo);

    const order = t.sandbox.store.order(orderNo);
    expect(order).toMatchObject({ purpose: 'nat', ref: b.apptId, patientId: b.patientId, totalFen: 4000, opFlag: 1, applied: false, status: 0 });
    const got = await t.his.ok('/payment/get', { his_order_no: orderNo });
    expect(got.data).toEqual({ patient_id: b.patientId, visit_id: b.visitId, appt_id: b.apptId, his_order_no: orderNo, pay_way: 'wepay', total: '40.00', status: '0' });
    const info = await t.his.ok('/appointment/info/get', { appt_id: b.apptId });
    expect(info.data?.his_order_no).toBe(orderNo);
  });

  test('newPayment checks ids, visit type, pay way and amount', async () => {
    const b = await book(t.his, preBody(t.sandbox, someone()));
    const cases: Array<[Parameters<typeof newPaymentBody>[1], string]> = [
      [{ appt_id: 'NOSUCHAPPT000000' }, '预约记录不存在'],
      [{ appt_id: '' }, '参数不能为空：appt_id'],
      [{ patient_id: '20000001' }, '患者ID与预约记录不符'],
      [{ visit_id: 'X' }, '就诊记录ID与预约记录不符'],
      [{ op_flag: 2 }, '核酸检测预约为门诊业务，就诊类型应为1'],
      [{ op_flag: 3 }, '就诊类型取值错误（1：门诊，2：住院）'],
      [{ pay_way: 'paypal' }, '支付方式取值错误（wepay、alipay、mpay）'],
      [{ total: 39.99 }, '支付金额与检测费用不符（应为40.00元）'],
      [{ total: 40.001 }, '金额格式错误：total最多两位小数'],
    ];
    for (const [override, msg] of cases) expect((await t.his.fail('/cpay/newPayment', newPaymentBody(b, override))).msg).toBe(msg);
    expect((await t.his.fail('/payment/get', { his_order_no: 'NOSUCHORDER' })).msg).toBe('订单不存在');
  });

  test('confirm: the order is paid and applied, an invoice is issued, status 1', async () => {
    const b = await book(t.his, preBody(t.sandbox, someone()));
    const orderNo = (await t.his.ok('/cpay/newPayment', newPaymentBody(b))).data.his_order_no;
    const res = await t.his.ok('/appointment/confirm', confirmBody(t.sandbox, b, orderNo, { business_no: '4200001111202611290000000001' }));
    expect(res).toEqual({ code: 0, msg: '确认成功' });

    const info = await t.his.ok('/appointment/info/get', { appt_id: b.apptId });
    expect(info.data).toMatchObject({ status: 1, status_desc: '已确认', business_no: '4200001111202611290000000001', his_order_no: orderNo });
    const receipt = t.sandbox.store.core.receipts.find((r) => r.receiptNo === info.data?.receipt_id);
    expect(info.data?.receipt_id).toMatch(/^34\d{8}$/);
    expect(receipt).toMatchObject({ patientId: b.patientId, totalFen: 4000, cashPayFen: 4000, opFlag: 1 });
    expect(t.sandbox.store.order(orderNo)).toMatchObject({ status: 2, applied: true, appliedAt: t.sandbox.clock.now().format('YYYY-MM-DD HH:mm:ss'), businessNo: '4200001111202611290000000001' });
    expect((await t.his.ok('/payment/get', { his_order_no: orderNo })).data.status).toBe('1');

    expect((await t.his.fail('/appointment/confirm', confirmBody(t.sandbox, b, orderNo))).msg).toBe('预约已确认，请勿重复确认');
    expect((await t.his.fail('/cpay/newPayment', newPaymentBody(b))).msg).toBe('预约已支付确认，请勿重复支付');
  });

  test('confirm checks order, amount, pay way, time and the payment serial', async () => {
    const b = await book(t.his, preBody(t.sandbox, someone()));
    expect((await t.his.fail('/appointment/confirm', confirmBody(t.sandbox, b, 'X'))).msg).toBe('该预约尚未创建支付订单');
    const orderNo = (await t.his.ok('/cpay/newPayment', newPaymentBody(b))).data.his_order_no;
    const other = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, someone()));
    const usedSerial = t.sandbox.store.order(other.hisOrderNo)?.businessNo ?? '';
    const cases: Array<[Parameters<typeof confirmBody>[3], string]> = [
      [{ his_order_no: other.hisOrderNo }, '订单号与预约记录不符'],
      [{ pay_total: 4 }, '支付金额与检测费用不符（应为40.00元）'],
      [{ pay_way: 'alipay' }, '支付方式与订单不符'],
      [{ pay_time: '2026-11-29' }, '支付时间格式错误，应为YYYY-MM-DD HH:mm:ss'],
      [{ business_no: '' }, '参数不能为空：business_no'],
      [{ business_no: usedSerial }, '支付单据号已被其他订单使用'],
    ];
    for (const [override, msg] of cases) expect((await t.his.fail('/appointment/confirm', confirmBody(t.sandbox, b, orderNo, override))).msg).toBe(msg);
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data?.status).toBe(0);
  });
});

describe('lapse', () => {
  test('an unpaid booking lapses after natPayMinutes and frees its place', async () => {
    const date = day(t.sandbox, 3);
    const before = (await slotsOf('02', date))['11:00-11:30'] ?? 0;
    const b = await book(t.his, preBody(t.sandbox, someone(), { appt_date: date, time_slot: '11:00-11:30' }));
    const orderNo = (await t.his.ok('/cpay/newPayment', newPaymentBody(b))).data.his_order_no;
    t.sandbox.clock.advance(29 * 60_000);
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data?.status).toBe(0);
    t.sandbox.clock.advance(61_000);
    const info = await t.his.ok('/appointment/info/get', { appt_id: b.apptId });
    expect(info.data).toMatchObject({ status: -1, status_desc: '已撤销（超时未支付）' });
    expect((await slotsOf('02', date))['11:00-11:30']).toBe(before);

    expect((await t.his.fail('/appointment/confirm', confirmBody(t.sandbox, b, orderNo))).msg).toBe('预约已超时未支付，已自动撤销，请重新预约');
    expect((await t.his.fail('/cpay/newPayment', newPaymentBody(b))).msg).toBe('预约已超时未支付，已自动撤销，请重新预约');
    expect((await t.his.fail('/appointment/cancel', { appt_id: b.apptId, receipt_id: '', his_order_no: '', data_source: 'w1' })).msg).toBe('预约已超时自动撤销，无需再次撤销');
    expect((await t.his.ok('/payment/get', { his_order_no: orderNo })).data.status).toBe('0');
  });

  test('a booking of a slot in progress must be paid before the slot ends', async () => {
    t.sandbox.clock.set(`${t.sandbox.store.state.anchorDate} 09:10:00`);
    const b = await book(t.his, preBody(t.sandbox, someone(), { appt_date: day(t.sandbox, 0), time_slot: '09:00-09:30' }));
    t.sandbox.clock.advance(20 * 60_000);
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data?.status).toBe(-1);
  });

  test('a booking paid in time stays confirmed', async () => {
    const b = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, someone()));
    t.sandbox.clock.advance(60 * 60_000);
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data?.status).toBe(1);
  });
});

describe('cancellation and refund', () => {
  test('cancelling an unpaid booking frees the place; cancelling twice fails with code "1"', async () => {
    const date = day(t.sandbox, 5);
    const before = (await slotsOf('02', date))['16:00-16:30'] ?? 0;
    const b = await book(t.his, preBody(t.sandbox, someone(), { appt_date: date, time_slot: '16:00-16:30' }));
    const res = await t.his.ok('/appointment/cancel', { appt_id: b.apptId, receipt_id: '', his_order_no: '', data_source: 'w1' });
    expect(res).toEqual({ code: '0', msg: '撤销成功' });
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data).toMatchObject({ status: -1, status_desc: '已撤销' });
    expect((await slotsOf('02', date))['16:00-16:30']).toBe(before);
    const again = await t.his.fail('/appointment/cancel', { appt_id: b.apptId, receipt_id: '', his_order_no: '', data_source: 'w1' });
    expect([again.code, again.msg]).toEqual(['1', '预约已撤销，请勿重复操作']);
    expect((await t.his.fail('/appointment/cancel', { appt_id: 'NOSUCH', receipt_id: '', his_order_no: '', data_source: 'w1' })).msg).toBe('预约记录不存在');
  });

  test('a paid booking: cancel records the refund, the callback completes it once', async () => {
    const b = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, someone()));
    const cancel = (over: Record<string, string>) => ({ appt_id: b.apptId, receipt_id: b.receiptId, his_order_no: 'TK20261129000001', data_source: 'w1', ...over });
    expect((await t.his.fail('/appointment/cancel', cancel({ receipt_id: 'R1' }))).msg).toBe('发票ID与预约记录不符');
    expect((await t.his.fail('/appointment/cancel', cancel({ his_order_no: '' }))).msg).toBe('参数不能为空：his_order_no');
    expect((await t.his.fail('/appointment/cancel', cancel({ data_source: '9' }))).msg).toBe('数据来源取值错误（3：网站，w1：微信）');
    await t.his.ok('/appointment/cancel', cancel({}));
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data).toMatchObject({ status: -1, status_desc: '已撤销（退款中）' });
    expect(t.sandbox.store.state.nat.bookings[b.apptId]?.refund).toMatchObject({ orderNo: 'TK20261129000001', doneAt: '' });

    const callback = { his_order_no: 'TK20261129000001', business_no: '50300012345678901234567890', refund_time: '2026-11-29 09:03:00' };
    expect((await t.his.fail('/refund/callback', { ...callback, his_order_no: 'TK-UNKNOWN' })).msg).toBe('退款订单不存在');
    expect((await t.his.fail('/refund/callback', { ...callback, refund_time: '2026-11-29 9:03' })).msg).toBe('退款时间格式错误，应为YYYY-MM-DD HH:mm:ss');
    expect(await t.his.ok('/refund/callback', callback)).toEqual({ code: 0, msg: '回调成功' });
    expect((await t.his.ok('/appointment/info/get', { appt_id: b.apptId })).data?.status_desc).toBe('已撤销（已退款）');
    expect(t.sandbox.store.order(b.hisOrderNo)?.refundedAt).toBe('2026-11-29 09:03:00');

    // the same callback again is acknowledged; another refund serial for it is refused
    await t.his.ok('/refund/callback', callback);
    expect((await t.his.fail('/refund/callback', { ...callback, business_no: '503000999' })).msg).toBe('该退款订单已回调，三方流水号不一致');
  });

  test('a refund order number cannot serve two refunds', async () => {
    const a = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, someone()));
    const b = await bookPaid(t.sandbox, t.his, preBody(t.sandbox, someone()));
    await t.his.ok('/appointment/cancel', { appt_id: a.apptId, receipt_id: a.receiptId, his_order_no: 'TK-SHARED', data_source: 'w1' });
    expect((await t.his.fail('/appointment/cancel', { appt_id: b.apptId, receipt_id: b.receiptId, his_order_no: 'TK-SHARED', data_source: '3' })).msg).toBe('退款订单号已被使用');
    expect((await t.his.fail('/appointment/cancel', { appt_id: b.apptId, receipt_id: b.receiptId, his_order_no: a.hisOrderNo, data_source: '3' })).msg).toBe('退款订单号已被使用');
  });

  test('a cancelled booking cannot be paid or confirmed', async () => {
    const b = await book(t.his, preBody(t.sandbox, someone()));
    const orderNo = (await t.his.ok('/cpay/newPayment', newPaymentBody(b))).data.his_order_no;
    await t.his.ok('/appointment/cancel', { appt_id: b.apptId, receipt_id: '', his_order_no: '', data_source: 'w1' });
    expect((await t.his.fail('/appointment/confirm', confirmBody(t.sandbox, b, orderNo))).msg).toBe('预约已撤销');
    expect((await t.his.fail('/cpay/newPayment', newPaymentBody(b))).msg).toBe('预约已撤销');
  });
});
