/**
 * Top-ups and outpatient payments over real HTTP against the HIS and WeChat sandboxes: the happy paths, the reads
 * they need, idempotency and ownership. The failure paths of the order machine are in orders-faults.test.ts.
 */
import type { ApiErrorBody, BillsResponse, OrderDetail, OrdersResponse, RechargeHistoryResponse, RechargeOptions } from '../../../../contract/api';
import { ordersKit } from '../../orders/testkit';
import { useBff } from '../../test-harness';

const t = useBff({ config: (c) => ({ ...c, orders: { ...c.orders, paymentWindowMs: 2_000, retryBaseMs: 20, retryMaxMs: 200, maxAttempts: 4, leaseMs: 1_000, jobIntervalMs: 60_000 } }) });
const k = ordersKit(t);

jest.setTimeout(20_000);
afterEach(() => k.clearFaults());

const causes = (o: { events: Array<{ from: string | null; to: string; cause: string }> }) => o.events.map((e) => `${e.from ?? ''}>${e.to}:${e.cause}`);

describe('top-up of an outpatient card', () => {
  it('takes the amount, pays through WeChat, applies it in HIS once on the notification, and tells HIS', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const options = await t.api<RechargeOptions>('GET', `/api/v1/cards/${card.id}/recharge`, { token });
    expect(options.body).toMatchObject({ canRecharge: true, balanceFen: k.his.balanceFen('zhangwei'), presetsFen: [5_000, 10_000, 20_000, 50_000], minFen: 100, maxFen: 500_000 });

    const before = k.his.balanceFen('zhangwei');
    const created = await k.recharge(token, card.id, 5_000);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'recharge', title: '门诊充值', amountFen: 5_000, state: 'paying', payMethod: 'wechat', canPay: true, canCancel: true, card: { id: card.id, holderName: '张*', cardNo: card.cardNo } });
    expect(created.body.payment?.appId).toBe(t.config.wechat.appid);
    expect(created.body.payment?.requestPayment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) as unknown });

    await k.payAtWechat(created.body);
    const done = await k.settle(created.body.id);
    expect(done.state).toBe('fulfilled');
    expect(causes(done)).toEqual([
      '>created:order.created',
      'created>paying:prepay',
      'paying>paid:notification',
      'paid>fulfilling:fulfil.start',
      'fulfilling>fulfilled:his.applied',
    ]);
    expect(k.his.balanceFen('zhangwei')).toBe(before + 5_000);
    const hisOrder = k.his.order(done.hisOrderNo ?? '');
    expect(hisOrder).toMatchObject({ totalFen: 5_000, applied: true, businessNo: done.transactionId });
    expect(k.his.rechargesOf(done.hisOrderNo ?? '')).toHaveLength(1);
    await k.settle(created.body.id, ['fulfilled']).then(async () => expect((await k.staffOrder(created.body.id)).hisStatusSynced).toBe(true));
    expect(k.his.order(done.hisOrderNo ?? '')?.status).toBe(2);

    const detail = await k.order(token, created.body.id);
    expect(detail).toMatchObject({ state: 'fulfilled', canPay: false, canCancel: false });
    expect(detail.payment).toBeUndefined();
    expect(detail.timeline.map((e) => e.label)).toEqual(['已下单', '待支付', '已支付', '医院已入账']);

    const history = await t.api<RechargeHistoryResponse>('GET', `/api/v1/cards/${card.id}/recharges`, { token });
    expect(history.body.records[0]).toMatchObject({ amountFen: 5_000, channel: expect.stringContaining('微信') as unknown });
    const list = await t.api<OrdersResponse>('GET', '/api/v1/orders', { token });
    expect(list.body.orders.map((o) => [o.id, o.state])).toEqual([[created.body.id, 'fulfilled']]);
  });

  it('tops up the deposit of a current stay (住院预交金)', async () => {
    const token = await k.user();
    const stay = await k.bind(token, 'lixiuying', { inpatient: true });
    const options = await t.api<RechargeOptions>('GET', `/api/v1/cards/${stay.id}/recharge`, { token });
    expect(options.body).toMatchObject({ canRecharge: true, presetsFen: [100_000, 200_000, 500_000], maxFen: 5_000_000 });
    const before = k.his.depositBalanceFen('lixiuying');
    const created = await k.recharge(token, stay.id, 100_000);
    expect(created.body).toMatchObject({ title: '住院预交金', amountFen: 100_000, card: { kind: 'inpatient' } });
    await k.payAtWechat(created.body);
    expect((await k.settle(created.body.id)).state).toBe('fulfilled');
    expect(k.his.depositBalanceFen('lixiuying')).toBe(before + 100_000);
  });

  it('refuses up front a card HIS will not top up, with HIS’s reason, and asks HIS for no order', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'chenjing');
    const reason = '就诊卡已挂失，暂不能充值，请到门诊收费窗口补办';
    expect((await t.api<RechargeOptions>('GET', `/api/v1/cards/${card.id}/recharge`, { token })).body).toMatchObject({ canRecharge: false, reason });
    const orders = t.his.stats.calls['/paymentNew'] ?? 0;
    const res = await k.recharge(token, card.id, 5_000);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'HIS_REJECTED', message: reason });
    expect(t.his.stats.calls['/paymentNew'] ?? 0).toBe(orders);
  });

  it('refuses a deposit for a stay already discharged, with HIS’s reason', async () => {
    const token = await k.user();
    const stay = await k.bind(token, 'zhaoguoqiang', { inpatient: true });
    expect((await t.api<RechargeOptions>('GET', `/api/v1/cards/${stay.id}/recharge`, { token })).body).toMatchObject({ canRecharge: false, reason: '患者已出院结算，不能缴纳住院预交金' });
    expect((await k.recharge(token, stay.id, 100_000)).body).toMatchObject({ code: 'HIS_REJECTED', message: '患者已出院结算，不能缴纳住院预交金' });
  });

  it('answers amounts outside the limits at the field', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    for (const amountFen of [0, 99, 500_001]) {
      const res = await k.recharge(token, card.id, amountFen);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION', fields: { amountFen: '充值金额应在1元至5000元之间' } });
    }
    expect((await t.api<ApiErrorBody>('POST', '/api/v1/orders/recharge', { token, body: { cardId: card.id, amountFen: 12.5 }, headers: { 'idempotency-key': 'amount-not-integer' } })).body.code).toBe('VALIDATION');
  });

  it('makes one order per idempotency key: a retry gets the same order, another request with the key a conflict', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const [a, b] = await Promise.all([k.recharge(token, card.id, 2_000, 'same-key-0001'), k.recharge(token, card.id, 2_000, 'same-key-0001')]);
    expect(a.body.id).toBe(b.body.id);
    expect((await k.recharge(token, card.id, 2_000, 'same-key-0001')).body.id).toBe(a.body.id);
    expect((await k.recharge(token, card.id, 3_000, 'same-key-0001')).body).toMatchObject({ code: 'CONFLICT' });
    const missing = await t.api<ApiErrorBody>('POST', '/api/v1/orders/recharge', { token, body: { cardId: card.id, amountFen: 2_000 } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual({ 'Idempotency-Key': '缺少有效的幂等键' });
    expect((await t.api<OrdersResponse>('GET', '/api/v1/orders', { token })).body.orders).toHaveLength(1);
  });

  it('refuses an eleventh unpaid order of one user until one is paid or cancelled', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'wangfang');
    const open: OrderDetail[] = [];
    for (let i = 0; i < 10; i += 1) open.push((await k.recharge(token, card.id, 100 + i)).body);
    const refused = await k.recharge(token, card.id, 200);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', message: '待支付的订单过多，请先支付或取消后再下单' });
    await t.api('POST', `/api/v1/orders/${open[0]?.id ?? ''}/cancel`, { token });
    expect((await k.recharge(token, card.id, 200)).status).toBe(201);
  });

  it('lets only the owner see, pay or cancel an order, and only order for their own cards', async () => {
    const alice = await k.user();
    const bob = await k.user();
    const aliceCard = await k.bind(alice, 'wangfang');
    const order = (await k.recharge(alice, aliceCard.id, 1_000)).body;
    for (const [method, path] of [
      ['GET', `/api/v1/orders/${order.id}`],
      ['POST', `/api/v1/orders/${order.id}/pay`],
      ['POST', `/api/v1/orders/${order.id}/cancel`],
      ['GET', `/api/v1/cards/${aliceCard.id}/recharge`],
      ['GET', `/api/v1/cards/${aliceCard.id}/bills`],
    ] as const) {
      expect((await t.api(method, path, { token: bob })).status).toBe(404);
    }
    expect((await k.recharge(bob, aliceCard.id, 1_000)).status).toBe(404);
    expect((await t.api<OrdersResponse>('GET', '/api/v1/orders', { token: bob })).body.orders).toEqual([]);
    expect((await t.api('GET', `/api/v1/orders/${order.id}`)).status).toBe(401);
  });

  it('finds a payment whose notification never came when the result page asks (a WeChat order query)', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const before = k.his.balanceFen('zhangwei');
    const order = (await k.recharge(token, card.id, 1_500)).body;
    const outTradeNo = await k.outTradeNoOf(order);
    await k.wechatFault('notifications', { outTradeNo, mode: 'none' });
    await k.payAtWechat(order);
    const polled = await k.order(token, order.id);
    expect(polled.state).toBe('fulfilled');
    expect(causes(await k.staffOrder(order.id))).toContain('paying>paid:query');
    expect(k.his.balanceFen('zhangwei')).toBe(before + 1_500);
  });

  it('cancels an unpaid order: closed at WeChat first, so it can no longer be paid, and HIS is told', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const order = (await k.recharge(token, card.id, 1_000)).body;
    const cancelled = await t.api<OrderDetail>('POST', `/api/v1/orders/${order.id}/cancel`, { token });
    expect(cancelled.body).toMatchObject({ state: 'closed', canPay: false, canCancel: false, failureReason: '已取消' });
    const outTradeNo = await k.outTradeNoOf(order);
    expect((await k.wechatTransaction(outTradeNo)).trade_state).toBe('CLOSED');
    await expect(k.payAtWechat(order)).rejects.toThrow(/409/);
    expect((await t.api<ApiErrorBody>('POST', `/api/v1/orders/${order.id}/cancel`, { token })).body.code).toBe('CONFLICT');
    expect((await t.api<ApiErrorBody>('POST', `/api/v1/orders/${order.id}/pay`, { token })).body.code).toBe('CONFLICT');
    const synced = await k.redriveUntil(order.id, ['closed']);
    await k.redriveUntil(order.id, ['closed']).then(async () => expect((await k.staffOrder(order.id)).hisStatusSynced).toBe(true));
    expect(k.his.order(synced.hisOrderNo ?? '')?.status).toBe(-1);
  });

  it('closes an order nobody paid in time, at WeChat too; before that, paying again gets freshly signed parameters', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const order = (await k.recharge(token, card.id, 1_000)).body;
    const again = await t.api<OrderDetail>('POST', `/api/v1/orders/${order.id}/pay`, { token });
    expect(again.status).toBe(200);
    expect(again.body.payment?.requestPayment.package).toBe(order.payment?.requestPayment.package);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const closed = await k.redriveUntil(order.id, ['closed']);
    expect(closed.failureReason).toBe('超时未支付，订单已关闭');
    expect((await k.wechatTransaction(closed.outTradeNo)).trade_state).toBe('CLOSED');
    expect((await t.api<ApiErrorBody>('POST', `/api/v1/orders/${order.id}/pay`, { token })).body.code).toBe('CONFLICT');
  });
});

describe('outpatient payment', () => {
  it('lists visits with fees to pay, shows a bill grouped with items, and pays chosen groups by WeChat', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'zhangwei');
    const added = await k.pendingFees('zhangwei');
    const visits = await t.api<BillsResponse>('GET', `/api/v1/cards/${card.id}/bills`, { token });
    expect(visits.body.visits.map((v) => v.visitId)).toContain(added.visitId);
    const bill = await k.bill(token, card.id, added.visitId);
    expect(bill.groups.map((g) => [g.id, g.totalFen])).toEqual(added.groups.map((g) => [g.orderId, g.totalFen]));
    expect(bill.totalFen).toBe(added.groups.reduce((s, g) => s + g.totalFen, 0));
    for (const g of bill.groups) expect(g.items.reduce((s, i) => s + i.totalFen, 0)).toBe(g.totalFen);

    const chosen = bill.groups[0];
    if (!chosen) throw new Error('no group');
    const created = await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [chosen.id], payMethod: 'wechat' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'outpatient', amountFen: chosen.totalFen, state: 'paying', title: expect.stringMatching(/^门诊缴费/) as unknown });
    await k.payAtWechat(created.body);
    const done = await k.settle(created.body.id);
    expect(done.state).toBe('fulfilled');
    const groups = k.his.groups(added.visitId);
    expect(groups.find((g) => g.orderId === chosen.id)?.paid).toMatchObject({ hisOrderNo: done.hisOrderNo, businessNo: done.transactionId, payMode: 'wePay' });
    expect(groups.filter((g) => g.paid)).toHaveLength(1);

    const paidBill = await t.api<{ groups: Array<{ id: string; chargedAt?: string }> }>('GET', `/api/v1/cards/${card.id}/bills/${added.visitId}?paid=true`, { token });
    expect(paidBill.body.groups.map((g) => g.id)).toEqual([chosen.id]);
    expect(paidBill.body.groups[0]?.chargedAt).toBeTruthy();
    const again = await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [chosen.id], payMethod: 'wechat' });
    expect(again.status).toBe(409);
  });

  it('pays from the card balance when it covers the total — no WeChat at all — and says so when it does not', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'liuzixuan');
    const added = await k.pendingFees('liuzixuan');
    const [first, second] = added.groups;
    if (!first || !second) throw new Error('two groups expected');
    const before = k.his.balanceFen('liuzixuan');
    const total = first.totalFen + second.totalFen;
    if (before < total) {
      const tooMuch = await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [first.orderId, second.orderId], payMethod: 'balance' });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.fields).toEqual({ payMethod: '卡内余额不足，请选择微信支付' });
    }
    const paid = await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [first.orderId], payMethod: 'balance' });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ state: 'fulfilled', payMethod: 'balance', amountFen: first.totalFen });
    expect(paid.body.payment).toBeUndefined();
    expect(k.his.balanceFen('liuzixuan')).toBe(before - first.totalFen);
    expect(k.his.groups(added.visitId).find((g) => g.orderId === first.orderId)?.paid?.payMode).toBe('balancePay');
    expect((await k.staffOrder(paid.body.id)).transactionId).toBeNull();
  });

  it('refuses groups that are not pending, an empty choice, and an inpatient number', async () => {
    const token = await k.user();
    const card = await k.bind(token, 'wangfang');
    const added = await k.pendingFees('wangfang');
    expect((await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: ['no-such-group'], payMethod: 'wechat' })).body).toMatchObject({ code: 'CONFLICT', message: '所选费用已缴或已变更，请刷新后重试' });
    expect((await k.outpatient(token, { cardId: card.id, visitId: added.visitId, groupIds: [], payMethod: 'wechat' })).body).toMatchObject({ code: 'VALIDATION', fields: { groupIds: '请选择要缴费的项目' } });
    const stay = await k.bind(token, 'lixiuying', { inpatient: true });
    expect((await k.outpatient(token, { cardId: stay.id, visitId: added.visitId, groupIds: [added.groups[0]?.orderId ?? ''], payMethod: 'wechat' })).body).toMatchObject({ code: 'VALIDATION', fields: { cardId: '住院号不能缴纳门诊费用，请选择就诊卡' } });
  });
});
