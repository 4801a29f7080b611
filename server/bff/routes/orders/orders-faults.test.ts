/**
 * The order machine when things go wrong (issue #5, item 5), each over real HTTP with the sandboxes' fault injection,
 * each asserting the order's final state, the money in HIS (balance, applied orders, fee groups) and at WeChat
 * (transaction, refunds):
 * - HIS refuses the business call → refund with a stable out_refund_no → refunded, and the patient sees why;
 * - HIS does not answer / answers 500 → HIS is asked (/requestSucess, the bill) before anything else, retries back
 *   off, needs_review after the bound;
 * - duplicate, late, out-of-order and forged notifications change nothing;
 * - a BFF crash at any step is repaired by the re-drive job;
 * - a refund that fails is retried with the same out_refund_no.
 */
import { FORGE_KINDS } from '../../../wechat-sandbox/faults';
import { eventually } from '../../../wechat-sandbox/testing';
import type { OrderDetail } from '../../../../contract/api';
import { ordersKit } from '../../orders/testkit';
import { STAFF_TOKEN, useBff } from '../../test-harness';

const MAX_ATTEMPTS = 4;
const t = useBff({
  config: (c) => ({ ...c, orders: { ...c.orders, retryBaseMs: 20, retryMaxMs: 100, maxAttempts: MAX_ATTEMPTS, leaseMs: 2_500, payingCheckMs: 200, jobIntervalMs: 60_000 } }),
});
const k = ordersKit(t);

jest.setTimeout(30_000);
afterEach(() => k.clearFaults());

const causes = (o: { events: Array<{ from: string | null; to: string; cause: string }> }) => o.events.map((e) => `${e.from ?? ''}>${e.to}:${e.cause}`);
const paidEvents = (o: { events: Array<{ to: string; from: string | null }> }) => o.events.filter((e) => e.to === 'paid' && e.from !== 'paid').length;

async function topUp(key: 'zhangwei' | 'wangfang' | 'zhaoguoqiang', amountFen: number) {
  const token = await k.user();
  const card = await k.bind(token, key);
  const res = await k.recharge(token, card.id, amountFen);
  if (res.status !== 201) throw new Error(`recharge: ${res.status} ${JSON.stringify(res.body)}`);
  const outTradeNo = await k.outTradeNoOf(res.body);
  return { token, card, order: res.body, outTradeNo };
}

/** WeChat's refunds of one order. */
async function refundsOf(outTradeNo: string) {
  return (await k.wechatRefunds()).filter((r) => r.out_trade_no === outTradeNo);
}

describe('HIS refuses the business call', () => {
  it('refunds a top-up HIS refused, with out_refund_no R+out_trade_no, and shows the patient why', async () => {
    const before = k.his.balanceFen('zhangwei');
    const { token, order, outTradeNo } = await topUp('zhangwei', 3_000);
    await k.hisFault({ path: '/recharge', mode: 'fail', msg: '账户状态异常，充值失败', times: 1 });
    await k.payAtWechat(order);
    const done = await k.settle(order.id, ['refunded']);
    expect(causes(done).slice(0, 5)).toEqual(['>created:order.created', 'created>paying:prepay', 'paying>paid:notification', 'paid>fulfilling:fulfil.start', 'fulfilling>refunding:his.refused']);
    expect(causes(done).at(-1)).toMatch(/^refunding>refunded:refund\.(success|notification)$/);
    expect(done.outRefundNo).toBe(`R${outTradeNo}`);
    expect(k.his.balanceFen('zhangwei')).toBe(before);
    expect(k.his.rechargesOf(done.hisOrderNo ?? '')).toEqual([]);
    expect(await refundsOf(outTradeNo)).toEqual([expect.objectContaining({ out_refund_no: `R${outTradeNo}`, status: 'SUCCESS', amount: expect.objectContaining({ refund: 3_000 }) as unknown })]);
    expect((await k.wechatTransaction(outTradeNo)).trade_state).toBe('REFUND');

    const seen = await k.order(token, order.id);
    expect(seen).toMatchObject({ state: 'refunded', failureReason: '账户状态异常，充值失败' });
    expect(seen.timeline.map((e) => e.label)).toEqual(['已下单', '待支付', '已支付', '退款中', '已退款']);
    expect(seen.timeline.find((e) => e.label === '退款中')?.note).toBe('账户状态异常，充值失败');
    expect(seen.timeline.find((e) => e.label === '已退款')?.note).toBe('款项将原路退回');
    // HIS is told the top-up failed
    await k.redriveUntil(order.id, ['refunded']);
    await eventually(async () => (await k.staffOrder(order.id)).hisStatusSynced, 5_000, 'HIS told');
    expect(k.his.order(done.hisOrderNo ?? '')?.status).toBe(-2);
  });

  it('refunds an outpatient payment HIS refused; the fee groups stay to be paid', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'wangfang');
    const added = await k.pendingFees('wangfang');
    const group = added.groups[0];
    if (!group) throw new Error('no group');
    const created = await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [group.orderId], payMethod: 'wechat' });
    await k.hisFault({ path: '/recipeCharge', mode: 'fail', msg: '处方已作废，请到窗口处理', times: 1 });
    const outTradeNo = await k.payAtWechat(created.body);
    const done = await k.settle(created.body.id, ['refunded']);
    expect(done.failureReason).toBe('处方已作废，请到窗口处理');
    expect(k.his.groups(added.visitId).every((g) => !g.paid)).toBe(true);
    expect(await refundsOf(outTradeNo)).toEqual([expect.objectContaining({ out_refund_no: `R${outTradeNo}`, status: 'SUCCESS' })]);
  });

  it('never refunds what HIS applied: a refusal after an earlier call applied late is checked with /requestSucess', async () => {
    const before = k.his.balanceFen('zhaoguoqiang');
    const { order, outTradeNo } = await topUp('zhaoguoqiang', 2_000);
    // the first call is applied but its answer says failure (a HIS that fails after committing)
    await k.hisFault({ path: '/recharge', mode: 'applyThenFail', times: 1 });
    await k.payAtWechat(order);
    const done = await k.settle(order.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toContain('fulfilling>fulfilled:his.confirmed');
    expect(k.his.balanceFen('zhaoguoqiang')).toBe(before + 2_000);
    expect(await refundsOf(outTradeNo)).toEqual([]);
  });
});

describe('HIS does not answer', () => {
  it('asks HIS after a timeout: a top-up HIS applied is fulfilled without applying it again', async () => {
    const before = k.his.balanceFen('zhangwei');
    const { order, outTradeNo } = await topUp('zhangwei', 2_500);
    await k.hisFault({ path: '/recharge', mode: 'applyThenTimeout', times: 1 });
    await k.payAtWechat(order);
    const done = await k.redriveUntil(order.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toEqual(expect.arrayContaining(['fulfilling>fulfilling:his.unknown', 'fulfilling>fulfilled:his.confirmed']));
    expect(k.his.balanceFen('zhangwei')).toBe(before + 2_500);
    expect(k.his.rechargesOf(done.hisOrderNo ?? '')).toHaveLength(1);
    expect(await refundsOf(outTradeNo)).toEqual([]);
  });

  it('asks HIS after a 500: a top-up HIS did not apply is applied on the retry, once', async () => {
    const before = k.his.balanceFen('wangfang');
    const { order } = await topUp('wangfang', 1_200);
    await k.hisFault({ path: '/recharge', mode: 'http500', times: 1 });
    await k.payAtWechat(order);
    const done = await k.redriveUntil(order.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toEqual(expect.arrayContaining(['fulfilling>fulfilling:his.unknown', 'fulfilling>fulfilled:his.applied']));
    expect(k.his.balanceFen('wangfang')).toBe(before + 1_200);
    expect(k.his.rechargesOf(done.hisOrderNo ?? '')).toHaveLength(1);
  });

  it('a balance payment whose answer was lost is checked against the bill, not charged twice', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const added = await k.pendingFees('zhangwei');
    const group = added.groups[1] ?? added.groups[0];
    if (!group) throw new Error('no group');
    const before = k.his.balanceFen('zhangwei');
    await k.hisFault({ path: '/recipeCharge', mode: 'applyThenTimeout', times: 1 });
    const created = await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [group.orderId], payMethod: 'balance' });
    expect(created.status).toBe(201);
    const done = await k.redriveUntil(created.body.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toContain('fulfilling>fulfilled:his.confirmed');
    expect(k.his.balanceFen('zhangwei')).toBe(before - group.totalFen);
  });

  it('retries with back-off, then hands the order to staff (needs_review) — no refund while HIS cannot say', async () => {
    const before = k.his.balanceFen('zhangwei');
    const { token, order, outTradeNo } = await topUp('zhangwei', 1_800);
    await k.hisFault([
      { path: '/recharge', mode: 'http500' },
      { path: '/requestSucess', mode: 'http500' },
    ]);
    await k.payAtWechat(order);
    const stuck = await k.redriveUntil(order.id, ['needs_review']);
    expect(stuck.attempts).toBe(MAX_ATTEMPTS);
    expect(causes(stuck).filter((c) => c.startsWith('fulfilling>fulfilling:'))).toHaveLength(MAX_ATTEMPTS - 1);
    expect(causes(stuck).at(-1)).toBe('fulfilling>needs_review:his.check_failed.exhausted');
    expect(await refundsOf(outTradeNo)).toEqual([]);
    const seen = await k.order(token, order.id);
    expect(seen.timeline.at(-1)).toMatchObject({ label: '医院核对中', note: '如已扣款，结果确认前请勿重复支付' });

    // staff see it, and once HIS is back, retry it: applied once
    const review = await t.api<{ orders: Array<{ id: string }> }>('GET', '/api/v1/staff/orders/review', { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(review.body.orders.map((o) => o.id)).toContain(order.id);
    await k.clearFaults();
    const decided = await t.api<{ state: string }>('POST', `/api/v1/staff/orders/${order.id}/decision`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` }, body: { action: 'retry', staff: 'C0001' } });
    expect(decided.body.state).toBe('fulfilled');
    expect(k.his.balanceFen('zhangwei')).toBe(before + 1_800);
  });
});

describe('notifications', () => {
  it('duplicates change nothing: paid once, applied once', async () => {
    const before = k.his.balanceFen('wangfang');
    const { order, outTradeNo } = await topUp('wangfang', 900);
    await k.wechatFault('notifications', { outTradeNo, event: 'transaction', mode: 'duplicate', count: 4 });
    await k.payAtWechat(order);
    await k.settle(order.id, ['fulfilled']);
    const record = await eventually(async () => (await k.notifications()).find((n) => n.outTradeNo === outTradeNo && n.event === 'transaction' && n.attempts.length >= 4), 5_000, 'four deliveries');
    expect(record.attempts.every((a) => a.acked)).toBe(true);
    const done = await k.staffOrder(order.id);
    expect(paidEvents(done)).toBe(1);
    expect(k.his.balanceFen('wangfang')).toBe(before + 900);
  });

  it('a late notification (redelivered long after) and an out-of-order one (after the poll settled it) change nothing', async () => {
    const before = k.his.balanceFen('wangfang');
    const { token, order, outTradeNo } = await topUp('wangfang', 700);
    await k.wechatFault('notifications', { outTradeNo, event: 'transaction', mode: 'delay', delayMs: 400 });
    await k.payAtWechat(order);
    expect((await k.order(token, order.id)).state).toBe('fulfilled'); // the poll got there first
    const record = await eventually(async () => (await k.notifications()).find((n) => n.outTradeNo === outTradeNo && n.event === 'transaction' && n.attempts.length >= 1), 5_000, 'the delayed delivery');
    expect(record.attempts[0]?.acked).toBe(true);
    await k.redeliver(record.id);
    const done = await k.staffOrder(order.id);
    expect(done.state).toBe('fulfilled');
    expect(paidEvents(done)).toBe(1);
    expect(k.his.balanceFen('wangfang')).toBe(before + 700);
  });

  it.each(FORGE_KINDS)('a forged notification (%s) is refused and changes nothing', async (kind) => {
    const before = k.his.balanceFen('zhaoguoqiang');
    const { order, outTradeNo } = await topUp('zhaoguoqiang', 300);
    // the forged delivery comes first, the genuine one after it on WeChat's schedule
    await k.wechatFault('notifications', { outTradeNo, event: 'transaction', mode: 'forged', kind });
    await k.payAtWechat(order);
    const record = await eventually(async () => (await k.notifications()).find((n) => n.outTradeNo === outTradeNo && n.attempts.some((a) => a.forged) && n.attempts.some((a) => a.acked)), 5_000, 'both deliveries');
    expect(record.attempts.filter((a) => a.forged)).toEqual([expect.objectContaining({ forged: kind, acked: false, status: 401 })]);
    expect(t.logs.some((l) => l.msg === 'WeChat Pay notification refused')).toBe(true);
    const done = await k.settle(order.id, ['fulfilled']);
    expect(paidEvents(done)).toBe(1);
    expect(k.his.balanceFen('zhaoguoqiang')).toBe(before + 300);
  });
});

describe('refunds that fail', () => {
  it('retries a refund with the same out_refund_no until WeChat takes it — one refund', async () => {
    const { order, outTradeNo } = await topUp('zhangwei', 1_100);
    await k.hisFault({ path: '/recharge', mode: 'fail', times: 1 });
    await k.wechatFault('api', { api: 'refund', mode: 'http500', times: 2 });
    await k.payAtWechat(order);
    const done = await k.redriveUntil(order.id, ['refunded']);
    expect(causes(done).filter((c) => c === 'refunding>refunding:refund.failed')).toHaveLength(2);
    expect(await refundsOf(outTradeNo)).toEqual([expect.objectContaining({ out_refund_no: `R${outTradeNo}`, status: 'SUCCESS' })]);
  });

  it('a refund WeChat accepted but did not answer is asked again with the same number — still one refund', async () => {
    const { order, outTradeNo } = await topUp('zhangwei', 1_300);
    await k.hisFault({ path: '/recharge', mode: 'fail', times: 1 });
    await k.wechatFault('api', { api: 'refund', mode: 'applyThenError', times: 1 });
    await k.payAtWechat(order);
    const done = await k.redriveUntil(order.id, ['refunded']);
    expect(done.outRefundNo).toBe(`R${outTradeNo}`);
    expect(await refundsOf(outTradeNo)).toHaveLength(1);
  });

  it('a refund WeChat cannot complete (ABNORMAL) goes to staff', async () => {
    const { order, outTradeNo } = await topUp('zhangwei', 1_400);
    await k.hisFault({ path: '/recharge', mode: 'fail', times: 1 });
    await k.wechatFault('refunds', { outTradeNo, outcome: 'abnormal' });
    await k.payAtWechat(order);
    const done = await k.redriveUntil(order.id, ['needs_review']);
    expect(causes(done).at(-1)).toMatch(/^refunding>needs_review:refund\.abnormal$/);
    expect(await refundsOf(outTradeNo)).toEqual([expect.objectContaining({ status: 'ABNORMAL' })]);
  });
});

describe('a BFF crash', () => {
  async function crashDuringHisCall(mode: 'timeout' | 'applyThenTimeout'): Promise<{ order: OrderDetail; before: number; hisOrderNo: string }> {
    const before = k.his.balanceFen('zhangwei');
    const { order } = await topUp('zhangwei', 600);
    await k.hisFault({ path: '/recharge', mode });
    const calls = t.his.stats.calls['/recharge'] ?? 0;
    await k.payAtWechat(order);
    // the notification started the HIS call; the process dies while it is in flight (HIS holds it unanswered)
    await eventually(() => ((t.his.stats.calls['/recharge'] ?? 0) > calls ? true : undefined), 5_000, 'the HIS call in flight');
    await t.restart();
    await k.clearFaults();
    const o = await k.staffOrder(order.id);
    expect(o).toMatchObject({ state: 'fulfilling', outcomeUnknown: true });
    return { order, before, hisOrderNo: o.hisOrderNo ?? '' };
  }

  it('during a HIS call that did not apply: the job asks HIS, then applies it once', async () => {
    const { order, before, hisOrderNo } = await crashDuringHisCall('timeout');
    const done = await k.redriveUntil(order.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toContain('fulfilling>fulfilled:his.applied');
    expect(k.his.balanceFen('zhangwei')).toBe(before + 600);
    expect(k.his.rechargesOf(hisOrderNo)).toHaveLength(1);
  });

  it('during a HIS call that applied: the job finds it applied and does not apply it again', async () => {
    const { order, before, hisOrderNo } = await crashDuringHisCall('applyThenTimeout');
    const done = await k.redriveUntil(order.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toContain('fulfilling>fulfilled:his.confirmed');
    expect(k.his.balanceFen('zhangwei')).toBe(before + 600);
    expect(k.his.rechargesOf(hisOrderNo)).toHaveLength(1);
  });

  it('after the payment, before the BFF heard of it: the job finds it paid at WeChat and applies it', async () => {
    const before = k.his.balanceFen('wangfang');
    const { order, outTradeNo } = await topUp('wangfang', 800);
    await k.wechatFault('notifications', { outTradeNo, mode: 'none' });
    await t.restart();
    await k.payAtWechat(order);
    const done = await k.redriveUntil(order.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toContain('paying>paid:query');
    expect(k.his.balanceFen('wangfang')).toBe(before + 800);
  });
});
