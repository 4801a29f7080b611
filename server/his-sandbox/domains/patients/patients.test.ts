import { hisSign } from '../../../his-catalogue/sign';
import type { HisRequests } from '../../../his-catalogue/types.generated';
import { DEFAULT_SIGN_KEY } from '../../config';
import { sandboxAdmin } from '../../testing';
import { makeIdCard } from '../../../../common/id-card';
import { useHisSandbox } from '../../test-harness';

const t = useHisSandbox();

function signed<T extends object>(body: T): T & { sign: string } {
  return { ...body, sign: hisSign(body, DEFAULT_SIGN_KEY) };
}

async function balanceOf(patientId: string, opFlag: 1 | 2 = 1): Promise<number> {
  const { patient } = await t.his.ok('/getPatient', { patient_id: patientId, op_flag: opFlag });
  return patient.balance;
}

async function newOrder(patientId: string, cardNo: string, total: number, purpose: '1' | '2', opFlag: 1 | 2 = 1): Promise<string> {
  const { order } = await t.his.ok('/paymentNew', {
    patient_id: patientId,
    card_no: cardNo,
    op_flag: opFlag,
    total,
    pay_mode: 'wePay',
    user_dept_id: 'hpalm',
    user_id: 'hpalm',
    data_source: 'w1',
    purpose,
    remark: '微信公众号',
  });
  return order.order_no;
}

function rechargeBody(patientId: string, cardNo: string, orderNo: string, total: number, businessNo: string, opFlag: 1 | 2 = 1): HisRequests['/recharge'] {
  return signed({
    patient_id: patientId,
    card_no: cardNo,
    his_order_no: orderNo,
    business_no: businessNo,
    business_info: JSON.stringify({ transaction_id: businessNo, bank_type: 'CMB_DEBIT' }),
    op_flag: opFlag,
    total,
    pay_mode: 'wePay',
  });
}

describe('/getPatient', () => {
  it('finds a card by patient id, and by name with card number, ID number, phone or health card', async () => {
    const zw = t.demo('zhangwei');
    const byId = await t.his.ok('/getPatient', { patient_id: zw.id, op_flag: 1 });
    expect(byId.patient).toMatchObject({ id: zw.id, name: '张伟', sex: '男', birthday: '1985-03-12', op_flag: '1', card_no: '5000100001', balance: 200, status: 1, status_name: '正常', recharge_flag: 1 });
    expect(byId.patient.age).toBeGreaterThanOrEqual(40);
    for (const key of [{ card_no: zw.cardNo }, { id_no: zw.idNo }, { phone_no: zw.phone }]) {
      const { patient } = await t.his.ok('/getPatient', { op_flag: 1, name: '张伟', ...key });
      expect(patient.id).toBe(zw.id);
    }
    const wf = t.demo('wangfang');
    const byHealthCard = await t.his.ok('/getPatient', { op_flag: 1, name: '王芳', health_card_id: wf.healthCardId });
    expect(byHealthCard.patient).toMatchObject({ id: wf.id, health_card_id: 'EHC52010000000003' });
  });

  it('answers a wrong name, an unknown card or nothing to search by with the failure envelope', async () => {
    const zw = t.demo('zhangwei');
    expect((await t.his.fail('/getPatient', { op_flag: 1, name: '张为', card_no: zw.cardNo })).msg).toBe('未找到该患者信息');
    expect((await t.his.fail('/getPatient', { op_flag: 1, name: '张伟', card_no: '5000999999' })).msg).toBe('未找到该患者信息');
    expect((await t.his.fail('/getPatient', { op_flag: 1, name: '张伟' })).code).toBe(-1);
    expect((await t.his.fail('/getPatient', { op_flag: 3, patient_id: zw.id })).msg).toContain('op_flag');
    expect((await t.his.fail('/getPatient', { op_flag: 1, patient_id: 'NOPE' })).msg).toBe('未找到该患者信息');
  });

  it('shows an inpatient identity by 住院号, with deposit balance, and refuses one without a stay', async () => {
    const lxy = t.demo('lixiuying');
    const stay = t.sandbox.store.latestStay(lxy.id);
    if (!stay) throw new Error('no stay');
    const { patient } = await t.his.ok('/getPatient', { op_flag: 2, name: '李秀英', card_no: stay.visitNo });
    expect(patient).toMatchObject({ id: lxy.id, op_flag: '2', visit_no: stay.visitNo, dept_name: '心血管内科', recharge_flag: 1 });
    expect(patient.leave_hospital_time).toBeUndefined();
    expect(patient.hospital_days).toBe(4);
    expect(patient.balance).toBeCloseTo(8000 - patient.total, 2);
    expect((await t.his.fail('/getPatient', { op_flag: 2, patient_id: t.demo('zhangwei').id })).msg).toBe('该患者无住院记录');
  });

  it('tells why a lost card cannot be topped up', async () => {
    const { patient } = await t.his.ok('/getPatient', { op_flag: 1, patient_id: t.demo('chenjing').id });
    expect(patient).toMatchObject({ status: 2, status_name: '挂失', recharge_flag: -1 });
    expect(patient.no_recharge_reason).toContain('挂失');
  });
});

describe('/getPatientList', () => {
  it('returns outpatient and inpatient identities, skipping unknown ids', async () => {
    const lxy = t.demo('lixiuying');
    const { patients } = await t.his.ok('/getPatientList', [
      { patient_id: t.demo('zhangwei').id, op_flag: 1 },
      { patient_id: lxy.id, op_flag: 2 },
      { patient_id: 'UNKNOWN', op_flag: 1 },
    ]);
    expect(patients.map((p) => [p.name, p.op_flag])).toEqual([
      ['张伟', 1],
      ['李秀英', 2],
    ]);
    expect(patients[1]?.visit_no).toBe(t.sandbox.store.latestStay(lxy.id)?.visitNo);
  });

  it('fails on an empty list and on a list of unknown patients', async () => {
    expect((await t.his.fail('/getPatientList', [])).code).toBe(-1);
    expect((await t.his.fail('/getPatientList', [{ patient_id: 'X', op_flag: 1 }])).msg).toBe('未找到该患者信息');
    expect((await t.his.fail('/getPatientList', [{ patient_id: 'X' }])).msg).toBe('缺少必填参数：[0].op_flag');
  });
});

describe('/createCard and /card/update', () => {
  const idNo = makeIdCard('520103', '1996-04-08', 224);
  const base = { name: '孙晓梅', sex: '女', id_no: idNo, phone_no: '13912345678', birthday: '1996-04-08', unit_name: '贵州大学', post_addr: '贵州省贵阳市花溪区花溪大道南段2708号' };

  it('issues a card, then refuses the same ID number again', async () => {
    const { card } = await t.his.ok('/createCard', base);
    expect(card).toMatchObject({ name: '孙晓梅', sex: '女', birthday: '1996-04-08', id_no: idNo, balance: 0, status: 1, status_name: '正常' });
    expect(card.card_no).toMatch(/^\d{10}$/);
    const found = await t.his.ok('/getPatient', { op_flag: 1, name: '孙晓梅', id_no: idNo });
    expect(found.patient.id).toBe(card.id);
    expect((await t.his.fail('/createCard', base)).msg).toBe('该身份证号已建档，请勿重复办卡');
  });

  it('refuses an ID number with a wrong check digit, a sex or birthday that disagrees with it, a bad phone', async () => {
    const other = makeIdCard('520102', '1990-01-15', 31);
    const wrongCheck = other.slice(0, 17) + (other[17] === '0' ? '1' : '0');
    expect((await t.his.fail('/createCard', { ...base, id_no: wrongCheck, sex: '男', birthday: '1990-01-15' })).msg).toBe('身份证号码校验位错误');
    expect((await t.his.fail('/createCard', { ...base, id_no: other, sex: '女', birthday: '1990-01-15' })).msg).toBe('性别与身份证号码不符');
    expect((await t.his.fail('/createCard', { ...base, id_no: other, sex: '男', birthday: '1990-01-16' })).msg).toBe('出生日期与身份证号码不符');
    expect((await t.his.fail('/createCard', { ...base, id_no: other, sex: '男', birthday: '1990-01-15', phone_no: '1391234567' })).msg).toBe('手机号码格式错误');
    expect((await t.his.fail('/createCard', { ...base, id_no: 12345 })).msg).toBe('参数类型错误：id_no应为字符串');
  });

  it('updates contact details with the flat code/msg envelope (1 = success, 0 = failure)', async () => {
    const p = t.demo('liuzixuan');
    const ok = await t.his.raw('/card/update', { patient_id: p.id, phone_no: '13700001111', nation_name: '苗族' });
    expect(ok.json).toEqual({ code: 1, msg: '更新成功' });
    expect(t.sandbox.store.patient(p.id)).toMatchObject({ phone: '13700001111', nation: '苗族' });
    expect((await t.his.fail('/card/update', { patient_id: p.id, birthday: '2017-05-18' })).code).toBe(0);
    expect((await t.his.fail('/card/update', { patient_id: p.id, sex: '女' })).msg).toBe('性别或出生日期与身份证号码不符');
    expect((await t.his.fail('/card/update', { patient_id: 'NOPE' })).code).toBe(0);
  });
});

describe('top-ups', () => {
  it('raises the balance exactly once per HIS order, and reports it through /getPatient and /getRecharge', async () => {
    const zw = t.demo('zhangwei');
    const before = await balanceOf(zw.id);
    const orderNo = await newOrder(zw.id, zw.cardNo, 100.5, '1');
    const body = rechargeBody(zw.id, zw.cardNo, orderNo, 100.5, 'WX4200000001');
    const { patient } = await t.his.ok('/recharge', body);
    expect(patient.balance).toBeCloseTo(before + 100.5, 2);
    expect(patient.op_flag).toBe(1);
    expect(await balanceOf(zw.id)).toBeCloseTo(before + 100.5, 2);

    expect((await t.his.fail('/recharge', body)).msg).toBe('该订单已充值，请勿重复提交');
    expect(await balanceOf(zw.id)).toBeCloseTo(before + 100.5, 2);

    const { fees } = await t.his.ok('/getRecharge', { patient_id: zw.id, card_no: zw.cardNo, visit_no: '', op_flag: 1 });
    expect(fees[0]).toMatchObject({ recharge_method: '微信', bank_type: 'CMB_DEBIT', total: 100.5, actual: 100.5, discount: 0 });
    const done = await t.his.raw('/requestSucess', { bill_no: orderNo, bill_id: 'WX4200000001', check_reason: '充值结果确认' });
    expect(done.json).toEqual({ head: { code: 1, msg: '交互成功' } });
  });

  it('refuses a wrong sign, a changed amount, another card, and a replayed platform number', async () => {
    const zw = t.demo('zhangwei');
    const orderNo = await newOrder(zw.id, zw.cardNo, 50, '1');
    const good = rechargeBody(zw.id, zw.cardNo, orderNo, 50, 'WX4200000002');
    expect((await t.his.fail('/recharge', { ...good, sign: good.sign.replace(/^./, good.sign[0] === 'A' ? 'B' : 'A') })).msg).toBe('签名校验失败');
    expect((await t.his.fail('/recharge', rechargeBody(zw.id, zw.cardNo, orderNo, 60, 'WX4200000002'))).msg).toBe('充值金额与订单金额不符');
    const wf = t.demo('wangfang');
    expect((await t.his.fail('/recharge', rechargeBody(wf.id, wf.cardNo, orderNo, 50, 'WX4200000002'))).msg).toBe('HIS订单不存在');
    expect((await t.his.fail('/recharge', rechargeBody(zw.id, zw.cardNo, orderNo, 50, 'WX4200000001'))).msg).toBe('支付平台流水号重复');
    const notApplied = await t.his.fail('/requestSucess', { bill_no: orderNo, bill_id: 'WX4200000002', check_reason: '充值结果确认' });
    expect(notApplied).toMatchObject({ code: -1, msg: '交互失败：HIS未处理该订单' });
  });

  it('refuses top-ups of a lost card and deposits for a discharged stay, with the reason', async () => {
    const cj = t.demo('chenjing');
    expect((await t.his.fail('/paymentNew', { patient_id: cj.id, card_no: cj.cardNo, op_flag: 1, total: 50, pay_mode: 'wePay', user_dept_id: 'hpalm', user_id: 'hpalm', data_source: 'w1', purpose: '1', remark: '微信公众号' })).msg).toContain('挂失');
    const zgq = t.demo('zhaoguoqiang');
    const stay = t.sandbox.store.latestStay(zgq.id);
    if (!stay) throw new Error('no stay');
    expect((await t.his.fail('/paymentNew', { patient_id: zgq.id, card_no: stay.visitNo, op_flag: 2, total: 500, pay_mode: 'wePay', user_dept_id: 'hpalm', user_id: 'hpalm', data_source: 'w1', purpose: '1', remark: '微信公众号' })).msg).toBe('患者已出院结算，不能缴纳住院预交金');
  });

  it('adds an inpatient deposit to the current stay', async () => {
    const lxy = t.demo('lixiuying');
    const stay = t.sandbox.store.latestStay(lxy.id);
    if (!stay) throw new Error('no stay');
    const before = await balanceOf(lxy.id, 2);
    const orderNo = await newOrder(lxy.id, stay.visitNo, 2000, '1', 2);
    const { patient } = await t.his.ok('/recharge', rechargeBody(lxy.id, stay.visitNo, orderNo, 2000, 'WX4200000003', 2));
    expect(patient).toMatchObject({ op_flag: 2, visit_no: stay.visitNo });
    expect(await balanceOf(lxy.id, 2)).toBeCloseTo(before + 2000, 2);
    const { fees } = await t.his.ok('/getRecharge', { patient_id: lxy.id, card_no: '', visit_no: stay.visitNo, op_flag: 2 });
    expect(fees.map((f) => f.total)).toEqual([2000, 3000, 5000]);
  });

  it('moves order states only forward, and needs a reason for failures', async () => {
    const zw = t.demo('zhangwei');
    const orderNo = await newOrder(zw.id, zw.cardNo, 20, '1');
    const update = (status: number, extra: object = {}) => ({ his_order_no: orderNo, business_no: 'WX4200000009', business_info: '{}', status, ...extra });
    expect((await t.his.fail('/paymentUpdateStatus', update(-1))).msg).toBe('状态为-1或-2时必须填写失败原因');
    await t.his.ok('/paymentUpdateStatus', update(1));
    await t.his.ok('/paymentUpdateStatus', update(1));
    expect((await t.his.fail('/paymentUpdateStatus', update(2))).msg).toBe('HIS未处理该订单，不能置为成功');
    await t.his.ok('/paymentUpdateStatus', update(-2, { fail_reason: '充值接口超时' }));
    expect((await t.his.fail('/paymentUpdateStatus', update(1))).msg).toContain('不能改为');
    expect((await t.his.fail('/paymentUpdateStatus', update(3))).msg).toContain('status');
    expect((await t.his.fail('/recharge', rechargeBody(zw.id, zw.cardNo, orderNo, 20, 'WX4200000009'))).msg).toBe('订单已失败关闭，不能继续处理');
  });
});

describe('outpatient fees', () => {
  it('lists visits with pending fees and the bill of a visit, grouped with group and total sums', async () => {
    const zw = t.demo('zhangwei');
    const today = t.sandbox.clock.today();
    const { records } = await t.his.ok('/getRegisterList', { patient_id: zw.id, begin_date: '2000-01-01', end_date: today, flag: 0 });
    expect(records.map((r) => r.dept_name)).toEqual(['心血管内科', '消化内科']);
    const { fees } = await t.his.ok('/getRecipe', { patient_id: zw.id, visit_id: records[0]?.visit_id ?? '', flag: 0 });
    // 氨氯地平 32.60 × 2 + 阿托伐他汀 21.90 = 87.10 (西药处方); 血脂四项 48.00
    expect(fees.map((f) => [f.item_name.split(' ')[0], f.total, f.order_summary, f.summary])).toEqual([
      ['苯磺酸氨氯地平片', 65.2, 87.1, 135.1],
      ['阿托伐他汀钙片', 21.9, 87.1, 135.1],
      ['血脂四项', 48, 48, 135.1],
    ]);
    expect(fees[0]?.charge_date).toBe('');
    expect((await t.his.fail('/getRegisterList', { patient_id: zw.id, begin_date: '2026/01/01', end_date: today, flag: 0 })).msg).toBe('日期格式应为yyyy-mm-dd');
    expect((await t.his.fail('/getRecipe', { patient_id: t.demo('wangfang').id, visit_id: records[0]?.visit_id ?? '', flag: 0 })).msg).toBe('就诊记录不存在');
  });

  it('gives a patient a new visit with pending fees through the admin API (QA and tests never run out of bills)', async () => {
    const wf = t.demo('wangfang');
    const today = t.sandbox.clock.today();
    const add = (id: string, body: unknown) =>
      fetch(`${t.sandbox.origin}/__sandbox/patients/${id}/pending-fees`, { method: 'POST', headers: { 'x-sandbox-token': t.sandbox.config.adminToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await add(wf.id, { deptId: '3001' });
    expect(res.status).toBe(200);
    const added = (await res.json()) as { visitId: string; groups: Array<{ orderId: string; totalFen: number }> };
    expect(added.groups).toHaveLength(2);
    const { records } = await t.his.ok('/getRegisterList', { patient_id: wf.id, begin_date: today, end_date: today, flag: 0 });
    expect(records.map((r) => r.visit_id)).toContain(added.visitId);
    const { fees } = await t.his.ok('/getRecipe', { patient_id: wf.id, visit_id: added.visitId, flag: 0 });
    expect(Math.round((fees[0]?.summary ?? 0) * 100)).toBe(added.groups.reduce((s, g) => s + g.totalFen, 0));
    expect((await add('no-such-patient', {})).status).toBe(404);
    expect((await add(wf.id, { deptId: 'nope' })).status).toBe(400);
  });

  it('pays chosen groups by WeChat exactly once, then shows them as paid', async () => {
    const zw = t.demo('zhangwei');
    const visit = Object.values(t.sandbox.store.core.visits).find((v) => v.patientId === zw.id && v.deptId === '1001' && v.feeGroups.some((g) => !g.paid));
    if (!visit) throw new Error('no pending visit');
    const drugs = visit.feeGroups[0];
    if (!drugs) throw new Error('no group');
    const orders = [{ order_id: drugs.orderId }];
    expect((await t.his.fail('/cpayCheck', { patient_id: zw.id, card_no: zw.cardNo, op_flag: 1, total: 80, orders })).msg).toBe('缴费金额与待缴费用不符，应缴87.10元');
    await t.his.ok('/cpayCheck', { patient_id: zw.id, card_no: zw.cardNo, op_flag: 1, total: 87.1, orders });
    const orderNo = await newOrder(zw.id, zw.cardNo, 87.1, '2');
    const charge = signed({ patient_id: zw.id, visit_id: visit.id, his_order_no: orderNo, business_no: 'WX4300000001', business_info: '{}', op_flag: 1, balance_pay: 1, total: 87.1, pay_mode: 'wePay', orders });
    const { info } = await t.his.ok('/recipeCharge', charge);
    expect(info).toEqual({ patient_id: zw.id, op_flag: 1, patient_name: '张伟' });
    expect((await t.his.fail('/recipeCharge', charge)).msg).toBe(`组别${drugs.orderId}已缴费，请勿重复缴费`);
    expect((await t.his.fail('/cpayCheck', { patient_id: zw.id, card_no: zw.cardNo, op_flag: 1, total: 87.1, orders })).msg).toContain('已缴费');

    const pending = await t.his.ok('/getRecipe', { patient_id: zw.id, visit_id: visit.id, flag: 0 });
    expect(pending.fees.map((f) => f.item_name)).toEqual(['血脂四项']);
    const paid = await t.his.ok('/getChargeDetail', { patient_id: zw.id, visit_id: visit.id });
    expect(paid.fees.map((f) => f.total)).toEqual([65.2, 21.9]);
    expect(paid.fees[0]?.charge_date).toBe(t.sandbox.clock.today());
    const applied = await t.his.raw('/requestSucess', { bill_no: orderNo, bill_id: 'WX4300000001', check_reason: '缴费结果确认' });
    expect(applied.json).toEqual({ head: { code: 1, msg: '交互成功' } });
  });

  it('pays from the card balance when it covers the total, and refuses when it does not', async () => {
    const lzx = t.demo('liuzixuan');
    const visit = Object.values(t.sandbox.store.core.visits).find((v) => v.patientId === lzx.id && v.feeGroups.some((g) => !g.paid));
    if (!visit) throw new Error('no pending visit');
    const [drugs, nebuliser, lab] = visit.feeGroups;
    if (!drugs || !nebuliser || !lab) throw new Error('groups');
    const body = (orders: Array<{ order_id: string }>, total: number) =>
      signed({ patient_id: lzx.id, visit_id: visit.id, his_order_no: '', business_no: '', business_info: '', op_flag: 1, balance_pay: 0, total, pay_mode: 'balancePay', orders });
    // balance 88.00; drugs 9.80 + 28.60 = 38.40; nebuliser 3 × 15.00 = 45.00; blood count 25.00
    expect((await t.his.fail('/recipeCharge', body([{ order_id: drugs.orderId }, { order_id: nebuliser.orderId }, { order_id: lab.orderId }], 108.4))).msg).toBe('卡内余额不足，当前余额88.00元');
    await t.his.ok('/recipeCharge', body([{ order_id: drugs.orderId }, { order_id: nebuliser.orderId }], 83.4));
    expect(await balanceOf(lzx.id)).toBeCloseTo(4.6, 2);
  });

  it('lists invoices with a PDF that is really served', async () => {
    const zgq = t.demo('zhaoguoqiang');
    const stay = t.sandbox.store.latestStay(zgq.id);
    if (!stay) throw new Error('no stay');
    const { fees } = await t.his.ok('/getReceipt', { patient_id: zgq.id, visit_no: stay.visitNo, op_flag: 2 });
    expect(fees).toHaveLength(1);
    expect(fees[0]?.si_pay).toBeGreaterThan(0);
    const res = await fetch(fees[0]?.origin_url ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(`${t.sandbox.url}/files/receipt/NOPE.pdf`)).status).toBe(404);
  });
});

describe('medical record copies', () => {
  it('counts pages, bills, takes payment and cancels with a refund exactly once', async () => {
    const zgq = t.demo('zhaoguoqiang');
    const stay = t.sandbox.store.latestStay(zgq.id);
    if (!stay) throw new Error('no stay');
    const { data } = await t.his.ok('/getEmrPageCount', { visit_id: stay.visitNo, dept_id: stay.deptId, user_id: 'sa', type: 2 });
    expect(data.pageCount).toBe(12 + 12 * 4);
    expect((await t.his.fail('/getEmrPageCount', { visit_id: stay.visitNo, dept_id: '1001', user_id: 'sa', type: 2 })).msg).toBe('科室与就诊记录不符');

    const bill = { patient_id: zgq.id, card_no: stay.visitNo, pay_mode: 'wePay', user_dept_id: 'hpalm', user_id: 'hpalm', data_source: 'w1', purpose: '2', remark: '微信公众号', bill_type: 1, quantity: data.pageCount };
    expect((await t.his.fail('/specialType/newBill', { ...bill, total: 1 })).msg).toBe('开单金额与收费标准不符（0.50元/页，应为30.00元）');
    const { order } = await t.his.ok('/specialType/newBill', { ...bill, total: 30 });
    expect(order).toMatchObject({ item_type: '病历复印', price: 0.5, quantity: 60, total: 30, bill_dept_name: '病案管理科' });

    const orderNo = await newOrder(zgq.id, zgq.cardNo, 30, '2');
    await t.his.ok('/recipeCharge', signed({ patient_id: zgq.id, visit_id: order.visit_id, his_order_no: orderNo, business_no: 'WX4400000001', business_info: '{}', op_flag: 1, balance_pay: 1, total: 30, pay_mode: 'wePay', orders: [{ order_id: order.order_id }] }));
    const cancel = { patient_id: zgq.id, his_order_no: orderNo, bill_no: 'WX4400000001', purpose: '-2', bill_type: 1, user_dept_id: 'hpalm', user_id: 'hpalm', remark: '微信公众号', pay_mode: 'wePay', total: 30 };
    expect((await t.his.fail('/case/cancel', { ...cancel, bill_no: 'WX0000' })).msg).toBe('支付流水号与订单不符');
    await t.his.ok('/case/cancel', cancel);
    expect((await t.his.fail('/case/cancel', cancel)).msg).toBe('该订单已撤销退费，请勿重复提交');
    expect(t.sandbox.store.order(orderNo)?.refundedAt).not.toBe('');
  });
});

describe('/template/hisSendMessage', () => {
  it('keeps the message for the admin API and refuses unknown categories', async () => {
    const zw = t.demo('zhangwei');
    const answer = await t.his.raw('/template/hisSendMessage', { category: 'report', patient_id: zw.id, first_data: '您的检验报告已出', data1: '血常规', remark_data: '请及时查看' });
    expect(answer.json).toEqual({ head: { code: 1, msg: '发送成功' } });
    const admin = sandboxAdmin(t.sandbox.origin, t.sandbox.config.adminToken);
    expect(await admin.messages()).toEqual([expect.objectContaining({ category: 'report', patientId: zw.id, data: { first_data: '您的检验报告已出', data1: '血常规', remark_data: '请及时查看' } })]);
    expect((await t.his.fail('/template/hisSendMessage', { category: 'appointment', patient_id: zw.id, first_data: 'x' })).msg).toBe('预约挂号模板消息必须传预约ID');
    expect((await t.his.fail('/template/hisSendMessage', { category: 'spam', patient_id: zw.id, first_data: 'x' })).msg).toContain('未知');
  });
});
