/**
 * The money module against the HIS sandbox, over HTTP: HIS orders, top-ups of a card and of a stay deposit (signed,
 * applied once), order statuses, "was it applied?" (true / false / unknown throws), top-up history and invoices,
 * and the conversion between fen and the HIS's yuan.
 */
import { hisSign } from '../../his-catalogue/sign';
import { DEFAULT_SIGN_KEY } from '../../his-sandbox/config';
import { fen } from './patients';
import { HisRejectedError, HisTimeoutError, HisUnavailableError } from './errors';
import type { HisOptions } from './index';
import { toYuan } from './money';
import { ctx, hisFailure, useHisAdapter } from './testkit';
import type { MoneyAccount } from './types';

const a = useHisAdapter();

beforeAll(() => {
  // Away from midnight, so that "today" cannot change during the file.
  a.t.sandbox.clock.set(`${a.t.sandbox.clock.today()} 09:00:00`);
});

/** An adapter that records the body of every request it sends, by path. */
function recording(options: Partial<HisOptions> = {}) {
  const sent: Array<{ path: string; body: unknown }> = [];
  const his = a.his({
    ...options,
    fetch: (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      sent.push({ path: new URL(url).pathname, body: JSON.parse(String(init?.body)) as unknown });
      return fetch(input, init);
    },
  });
  const bodies = (path: string) => sent.filter((s) => s.path === path).map((s) => s.body);
  return { his, bodies };
}

const card = (key: string): MoneyAccount => ({ kind: 'outpatient', cardNo: a.t.demo(key).cardNo });
const stay = (inpatientNo: string): MoneyAccount => ({ kind: 'inpatient', inpatientNo });

async function cardBalanceFen(patientId: string): Promise<number> {
  const p = await a.his().patients.find({ by: 'patientId', kind: 'outpatient', patientId }, ctx);
  if (!p) throw new Error(`no patient ${patientId}`);
  return p.balanceFen;
}

let transactions = 0;
/** A WeChat transaction id never used before in this file. */
function transactionId(): string {
  transactions += 1;
  return `4200002${String(transactions).padStart(21, '0')}`;
}

describe('fen ↔ yuan', () => {
  it('is exact both ways for every amount up to 10,000.00', () => {
    for (let n = 1; n <= 1_000_000; n += 1) if (fen(toYuan(n)) !== n) throw new Error(`${n} fen does not survive the round trip`);
    expect([toYuan(1), toYuan(10), toYuan(8710), toYuan(13510), toYuan(123456789)]).toEqual([0.01, 0.1, 87.1, 135.1, 1234567.89]);
  });

  it('refuses an amount that is not a positive whole number of fen, before calling HIS', async () => {
    const his = a.his();
    const zw = a.t.demo('zhangwei');
    const before = a.calls('/paymentNew');
    for (const amountFen of [0, -100, 12.5, Number.NaN]) {
      await expect(his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen, purpose: 'recharge', payMode: 'wechat' }, ctx)).rejects.toThrow(RangeError);
    }
    expect(a.calls('/paymentNew')).toBe(before);
  });
});

describe('createOrder (/paymentNew)', () => {
  it('creates a top-up order for a card with the documented fixed values', async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 5050, purpose: 'recharge', payMode: 'wechat' }, ctx);
    expect(bodies('/paymentNew')).toEqual([
      {
        patient_id: zw.id,
        card_no: '5000100001',
        op_flag: 1,
        total: 50.5,
        pay_mode: 'wePay',
        user_dept_id: 'hpalm',
        user_id: 'hpalm',
        data_source: 'w1',
        purpose: '1',
        remark: '微信公众号',
      },
    ]);
    expect(hisOrderNo).toMatch(/^[0-9A-Z]{16}$/);
    expect(a.t.sandbox.store.order(hisOrderNo)).toMatchObject({ purpose: 'recharge', patientId: zw.id, cardNo: '5000100001', opFlag: 1, totalFen: 5050, payMode: 'wePay', status: 0, applied: false });
  });

  it('creates a payment order, and an inpatient deposit order on the 住院号; the fixed values are options', async () => {
    const { his, bodies } = recording({ money: { userId: 'palm01', dataSource: 'w2' } });
    const zw = a.t.demo('zhangwei');
    const lxy = a.t.demo('lixiuying');
    const payment = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 13510, purpose: 'payment', payMode: 'wechat' }, ctx);
    const deposit = await his.money.createOrder({ patientId: lxy.id, account: stay('30010001'), amountFen: 100000, purpose: 'recharge', payMode: 'wechat' }, ctx);
    expect(bodies('/paymentNew')).toEqual([
      expect.objectContaining({ card_no: '5000100001', op_flag: 1, total: 135.1, purpose: '2', user_dept_id: 'hpalm', user_id: 'palm01', data_source: 'w2', remark: '微信公众号' }),
      expect.objectContaining({ patient_id: lxy.id, card_no: '30010001', op_flag: 2, total: 1000, purpose: '1' }),
    ]);
    expect(a.t.sandbox.store.order(payment.hisOrderNo)).toMatchObject({ purpose: 'recipe', totalFen: 13510 });
    expect(a.t.sandbox.store.order(deposit.hisOrderNo)).toMatchObject({ purpose: 'recharge', cardNo: '30010001', opFlag: 2, totalFen: 100000 });
  });

  it('passes the HIS refusal through: a lost card, a discharged stay, a top-up over the limit', async () => {
    const his = a.his();
    const order = (key: string, account: MoneyAccount, amountFen: number) =>
      hisFailure(his.money.createOrder({ patientId: a.t.demo(key).id, account, amountFen, purpose: 'recharge', payMode: 'wechat' }, ctx), HisRejectedError);
    const lost = await order('chenjing', card('chenjing'), 10000);
    expect([lost.endpoint, lost.code, lost.hisMessage]).toEqual(['/paymentNew', -1, '就诊卡已挂失，暂不能充值，请到门诊收费窗口补办']);
    expect((await order('zhaoguoqiang', stay('30010002'), 10000)).hisMessage).toBe('患者已出院结算，不能缴纳住院预交金');
    expect((await order('zhangwei', card('zhangwei'), 500001)).hisMessage).toBe('单笔充值金额不能超过5000元');
  });
});

describe('recharge (/recharge, signed)', () => {
  it('tops up a card once: the new balance, and a replay refused with the HIS message', async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const before = await cardBalanceFen(zw.id);
    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 5050, purpose: 'recharge', payMode: 'wechat' }, ctx);
    const businessNo = transactionId();
    const input = { patientId: zw.id, account: card('zhangwei'), hisOrderNo, businessNo, businessInfo: JSON.stringify({ transaction_id: businessNo, bank_type: 'CMB_DEBIT' }), amountFen: 5050 };
    expect(await his.money.recharge(input, ctx)).toEqual({ balanceFen: before + 5050 });

    const unsigned = { patient_id: zw.id, card_no: '5000100001', his_order_no: hisOrderNo, business_no: businessNo, business_info: input.businessInfo, op_flag: 1, total: 50.5, pay_mode: 'wePay' };
    expect(bodies('/recharge')).toEqual([{ ...unsigned, sign: hisSign(unsigned, DEFAULT_SIGN_KEY) }]);

    const replay = await hisFailure(his.money.recharge(input, ctx), HisRejectedError);
    expect([replay.endpoint, replay.hisMessage, replay.outcomeUnknown]).toEqual(['/recharge', '该订单已充值，请勿重复提交', false]);
    expect(await cardBalanceFen(zw.id)).toBe(before + 5050);

    const [latest] = await his.money.rechargeHistory({ patientId: zw.id, account: card('zhangwei') }, ctx);
    const stored = a.t.sandbox.store.core.recharges.find((r) => r.hisOrderNo === hisOrderNo);
    expect(latest).toEqual({ id: stored?.id, channel: '微信', bank: 'CMB_DEBIT', amountFen: 5050, discountFen: 0, actualFen: 5050, at: stored?.at });
    expect(latest?.at).toMatch(new RegExp(`^${a.t.sandbox.clock.today()} \\d{2}:\\d{2}:\\d{2}$`));
  });

  it("tops up an inpatient's deposit on the 住院号 (op_flag 2): the stay's balance after it", async () => {
    const { his, bodies } = recording();
    const lxy = a.t.demo('lixiuying');
    const inpatient = await his.patients.find({ by: 'patientId', kind: 'inpatient', patientId: lxy.id }, ctx);
    const { hisOrderNo } = await his.money.createOrder({ patientId: lxy.id, account: stay('30010001'), amountFen: 200000, purpose: 'recharge', payMode: 'wechat' }, ctx);
    const businessNo = transactionId();
    const { balanceFen } = await his.money.recharge({ patientId: lxy.id, account: stay('30010001'), hisOrderNo, businessNo, businessInfo: '{}', amountFen: 200000 }, ctx);
    expect(balanceFen).toBe((inpatient?.balanceFen ?? Number.NaN) + 200000);
    expect(bodies('/recharge')).toEqual([expect.objectContaining({ card_no: '30010001', op_flag: 2, total: 2000, pay_mode: 'wePay' })]);
    expect(a.t.sandbox.store.stay('30010001')?.depositFen).toBe(800000 + 200000);
  });

  it('a wrong amount is refused by HIS and changes nothing', async () => {
    const his = a.his();
    const zw = a.t.demo('zhangwei');
    const before = await cardBalanceFen(zw.id);
    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 3000, purpose: 'recharge', payMode: 'wechat' }, ctx);
    const err = await hisFailure(
      his.money.recharge({ patientId: zw.id, account: card('zhangwei'), hisOrderNo, businessNo: transactionId(), businessInfo: '{}', amountFen: 30000 }, ctx),
      HisRejectedError,
    );
    expect(err.hisMessage).toBe('充值金额与订单金额不符');
    expect(await cardBalanceFen(zw.id)).toBe(before);
  });
});

describe('updateOrderStatus (/paymentUpdateStatus)', () => {
  async function toppedUp(his: ReturnType<typeof a.his>, amountFen: number) {
    const zw = a.t.demo('zhangwei');
    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen, purpose: 'recharge', payMode: 'wechat' }, ctx);
    const businessNo = transactionId();
    return { zw, hisOrderNo, businessNo };
  }

  it('paid (1) then applied (2), without a fail_reason', async () => {
    const { his, bodies } = recording();
    const { zw, hisOrderNo, businessNo } = await toppedUp(his, 1000);
    await his.money.updateOrderStatus({ hisOrderNo, businessNo, businessInfo: '{}', status: 'paid' }, ctx);
    await his.money.recharge({ patientId: zw.id, account: card('zhangwei'), hisOrderNo, businessNo, businessInfo: '{}', amountFen: 1000 }, ctx);
    await his.money.updateOrderStatus({ hisOrderNo, businessNo, businessInfo: '{}', status: 'applied' }, ctx);
    expect(bodies('/paymentUpdateStatus')).toEqual([
      { his_order_no: hisOrderNo, business_no: businessNo, business_info: '{}', status: 1 },
      { his_order_no: hisOrderNo, business_no: businessNo, business_info: '{}', status: 2 },
    ]);
    const order = a.t.sandbox.store.order(hisOrderNo);
    expect(order?.status).toBe(2);
    expect(order?.statusHistory.map((h) => h.status)).toEqual([0, 1, 2]);
  });

  it('payFailed (-1) and applyFailed (-2) carry their reason', async () => {
    const { his, bodies } = recording();
    const unpaid = await toppedUp(his, 1000);
    await his.money.updateOrderStatus({ hisOrderNo: unpaid.hisOrderNo, businessNo: '', businessInfo: '', status: 'payFailed', failReason: '用户取消支付' }, ctx);
    const refused = await toppedUp(his, 1000);
    await his.money.updateOrderStatus({ hisOrderNo: refused.hisOrderNo, businessNo: refused.businessNo, businessInfo: '{}', status: 'paid' }, ctx);
    await his.money.updateOrderStatus({ hisOrderNo: refused.hisOrderNo, businessNo: refused.businessNo, businessInfo: '{}', status: 'applyFailed', failReason: 'HIS拒绝充值，已原路退款' }, ctx);
    expect(bodies('/paymentUpdateStatus')).toEqual([
      { his_order_no: unpaid.hisOrderNo, business_no: '', business_info: '', status: -1, fail_reason: '用户取消支付' },
      { his_order_no: refused.hisOrderNo, business_no: refused.businessNo, business_info: '{}', status: 1 },
      { his_order_no: refused.hisOrderNo, business_no: refused.businessNo, business_info: '{}', status: -2, fail_reason: 'HIS拒绝充值，已原路退款' },
    ]);
    expect(a.t.sandbox.store.order(unpaid.hisOrderNo)?.statusHistory.at(-1)).toMatchObject({ status: -1, reason: '用户取消支付' });
    expect(a.t.sandbox.store.order(refused.hisOrderNo)?.status).toBe(-2);
  });

  it('an illegal move is the HIS refusal; a failure without a reason never reaches HIS', async () => {
    const his = a.his();
    const { hisOrderNo, businessNo } = await toppedUp(his, 1000);
    const err = await hisFailure(his.money.updateOrderStatus({ hisOrderNo, businessNo, businessInfo: '{}', status: 'applied' }, ctx), HisRejectedError);
    expect([err.endpoint, err.hisMessage]).toEqual(['/paymentUpdateStatus', 'HIS未处理该订单，不能置为成功']);
    const before = a.calls('/paymentUpdateStatus');
    await expect(his.money.updateOrderStatus({ hisOrderNo, businessNo, businessInfo: '{}', status: 'applyFailed', failReason: '  ' }, ctx)).rejects.toThrow(
      'failReason is required for the status applyFailed',
    );
    expect(a.calls('/paymentUpdateStatus')).toBe(before);
  });
});

describe('wasApplied (/requestSucess)', () => {
  const reason = '充值结果未知';

  it('true for an applied order, false for one HIS never applied', async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const applied = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 1200, purpose: 'recharge', payMode: 'wechat' }, ctx);
    const businessNo = transactionId();
    await his.money.recharge({ patientId: zw.id, account: card('zhangwei'), hisOrderNo: applied.hisOrderNo, businessNo, businessInfo: '{}', amountFen: 1200 }, ctx);
    const pending = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 1200, purpose: 'recharge', payMode: 'wechat' }, ctx);

    expect(await his.money.wasApplied({ hisOrderNo: applied.hisOrderNo, businessNo, reason }, ctx)).toBe(true);
    expect(await his.money.wasApplied({ hisOrderNo: pending.hisOrderNo, businessNo: '', reason }, ctx)).toBe(false);
    expect(bodies('/requestSucess')).toEqual([
      { bill_no: applied.hisOrderNo, bill_id: businessNo, check_reason: reason },
      { bill_no: pending.hisOrderNo, bill_id: '', check_reason: reason },
    ]);
  });

  it('tells the truth after a top-up whose answer was lost (applyThenTimeout) or false (applyThenFail): applied, once', async () => {
    const his = a.his({ timeouts: { byPath: { '/recharge': 300 } } });
    const zw = a.t.demo('zhangwei');
    const before = await cardBalanceFen(zw.id);
    for (const mode of ['applyThenTimeout', 'applyThenFail'] as const) {
      const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 2000, purpose: 'recharge', payMode: 'wechat' }, ctx);
      const businessNo = transactionId();
      a.t.sandbox.faults.add({ path: '/recharge', mode, msg: '系统繁忙', times: 1 });
      const lost = his.money.recharge({ patientId: zw.id, account: card('zhangwei'), hisOrderNo, businessNo, businessInfo: '{}', amountFen: 2000 }, ctx);
      if (mode === 'applyThenTimeout') expect((await hisFailure(lost, HisTimeoutError)).outcomeUnknown).toBe(true);
      else expect((await hisFailure(lost, HisRejectedError)).hisMessage).toBe('系统繁忙');
      expect(await his.money.wasApplied({ hisOrderNo, businessNo, reason }, ctx)).toBe(true);
    }
    expect(await cardBalanceFen(zw.id)).toBe(before + 4000);
  });

  it('throws when HIS does not say: a timeout, an HTTP 500, an undocumented failure code', async () => {
    const his = a.his({ timeouts: { byPath: { '/requestSucess': 200 } }, retry: { retries: 0 } });
    const zw = a.t.demo('zhangwei');
    const { hisOrderNo } = await his.money.createOrder({ patientId: zw.id, account: card('zhangwei'), amountFen: 1200, purpose: 'recharge', payMode: 'wechat' }, ctx);
    const query = { hisOrderNo, businessNo: '', reason };

    a.t.sandbox.faults.add({ path: '/requestSucess', mode: 'timeout', times: 1 });
    expect((await hisFailure(his.money.wasApplied(query, ctx), HisTimeoutError)).endpoint).toBe('/requestSucess');
    a.t.sandbox.faults.add({ path: '/requestSucess', mode: 'http500', times: 1 });
    expect((await hisFailure(his.money.wasApplied(query, ctx), HisUnavailableError)).status).toBe(500);
    a.t.sandbox.faults.add({ path: '/requestSucess', mode: 'fail', code: 0, msg: '系统维护中', times: 1 });
    expect((await hisFailure(his.money.wasApplied(query, ctx), HisRejectedError)).code).toBe(0);
    expect(await his.money.wasApplied(query, ctx)).toBe(false); // faults gone: the documented answer again
  });

  it('refuses a question HIS would reject as malformed (which would read as "not applied"), before calling HIS', async () => {
    const his = a.his();
    const before = a.calls('/requestSucess');
    await expect(his.money.wasApplied({ hisOrderNo: '', businessNo: ' ', reason }, ctx)).rejects.toThrow(TypeError);
    await expect(his.money.wasApplied({ hisOrderNo: '0G1ABCDEFGHIJKLM', businessNo: '', reason: '' }, ctx)).rejects.toThrow(TypeError);
    expect(a.calls('/requestSucess')).toBe(before);
  });
});

describe('rechargeHistory (/getRecharge) and receipts (/getReceipt)', () => {
  it("lists a card's top-ups (card_no for op_flag 1) and a stay's (visit_no for op_flag 2)", async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const lxy = a.t.demo('lixiuying');
    const cardHistory = await his.money.rechargeHistory({ patientId: zw.id, account: card('zhangwei') }, ctx);
    const stayHistory = await his.money.rechargeHistory({ patientId: lxy.id, account: stay('30010001') }, ctx);
    expect(bodies('/getRecharge')).toEqual([
      { patient_id: zw.id, card_no: '5000100001', visit_no: '', op_flag: 1 },
      { patient_id: lxy.id, card_no: '', visit_no: '30010001', op_flag: 2 },
    ]);
    const expected = (patientId: string, opFlag: 1 | 2) =>
      a.t.sandbox.store.core.recharges
        .filter((r) => r.patientId === patientId && r.opFlag === opFlag)
        .sort((x, y) => y.at.localeCompare(x.at))
        .map((r) => ({ id: r.id, channel: r.method, bank: r.bankType, amountFen: r.totalFen, discountFen: r.discountFen, actualFen: r.actualFen, at: r.at }));
    expect(cardHistory).toEqual(expected(zw.id, 1));
    expect(stayHistory).toEqual(expected(lxy.id, 2));
    // The seeded ones, as the README tells QA: a 200.00 bank-card top-up of 张伟, deposits 3,000 + 5,000 of 李秀英.
    expect(cardHistory).toContainEqual(expect.objectContaining({ channel: '银行卡', bank: '中国农业银行', amountFen: 20000, discountFen: 0, actualFen: 20000 }));
    expect(stayHistory.slice(-2).map((r) => [r.channel, r.amountFen])).toEqual([
      ['微信', 300000],
      ['银行卡', 500000],
    ]);
  });

  it("lists a card's invoices, and a stay's with the insurance split", async () => {
    const { his, bodies } = recording();
    const zw = a.t.demo('zhangwei');
    const zgq = a.t.demo('zhaoguoqiang');
    const cardReceipts = await his.money.receipts({ patientId: zw.id, account: card('zhangwei') }, ctx);
    const [stayReceipt, ...more] = await his.money.receipts({ patientId: zgq.id, account: stay('30010002') }, ctx);
    expect(bodies('/getReceipt')).toEqual([
      { patient_id: zw.id, visit_no: '5000100001', op_flag: 1 },
      { patient_id: zgq.id, visit_no: '30010002', op_flag: 2 },
    ]);
    const stored = a.t.sandbox.store.core.receipts.filter((r) => r.patientId === zw.id && r.opFlag === 1);
    expect(cardReceipts.map((r) => [r.id, r.receiptNo, r.totalFen, r.cashFen, r.date]).sort()).toEqual(
      stored.map((r) => [r.id, r.receiptNo, r.totalFen, r.cashPayFen, r.date]).sort(),
    );
    expect(more).toEqual([]);
    expect(stayReceipt).toEqual({
      id: expect.stringMatching(/^[0-9A-Z]{16}$/),
      receiptNo: '3400000140',
      totalFen: 143540,
      discountFen: 0,
      actualFen: 143540,
      insuranceFen: 100478,
      personalAccountFen: 8612,
      cashFen: 34450,
      date: a.t.sandbox.store.core.receipts.find((r) => r.receiptNo === '3400000140')?.date,
      url: `${a.t.sandbox.url}/files/receipt/${stayReceipt?.id ?? ''}.pdf`,
    });
    expect(stayReceipt && stayReceipt.insuranceFen + stayReceipt.personalAccountFen + stayReceipt.cashFen).toBe(143540);
  });
});
