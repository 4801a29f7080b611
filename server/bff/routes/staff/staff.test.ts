/**
 * The staff API over HTTP: the token, the review list, a decision, and the daily reconciliation of our orders against
 * WeChat Pay and HIS — with a mismatch of each kind we can provoke listed against the right order.
 */
import { ordersKit } from '../../orders/testkit';
import { STAFF_TOKEN, useBff } from '../../test-harness';
import type { ReconciliationReport } from './schemas';
import { dayRange } from './service';

const t = useBff({ config: (c) => ({ ...c, orders: { ...c.orders, retryBaseMs: 20, retryMaxMs: 100, maxAttempts: 3, leaseMs: 2_500, jobIntervalMs: 600_000 } }) });
const k = ordersKit(t);
const staff = { authorization: `Bearer ${STAFF_TOKEN}` };

jest.setTimeout(30_000);
afterEach(() => k.clearFaults());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

it('knows where a hospital day starts and ends', () => {
  expect(dayRange('2026-11-29', 'Asia/Shanghai')).toEqual({ from: '2026-11-28T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' });
  expect(dayRange('2026-07-01', 'UTC')).toEqual({ from: '2026-07-01T00:00:00.000Z', to: '2026-07-02T00:00:00.000Z' });
});

it('needs the staff token', async () => {
  expect((await t.api('GET', '/api/v1/staff/orders/review')).status).toBe(401);
  expect((await t.api('GET', '/api/v1/staff/orders/review', { headers: { authorization: 'Bearer wrong-token-0000000000' } })).status).toBe(401);
  const { token } = await t.login('staff-patient');
  expect((await t.api('GET', '/api/v1/staff/orders/review', { token })).status).toBe(401); // a patient's session is not a staff token
  expect((await t.api('GET', '/api/v1/staff/orders/review', { headers: staff })).status).toBe(200);
  expect((await t.api('GET', `/api/v1/staff/reconciliation?date=yesterday`, { headers: staff })).status).toBe(400);
});

it('reconciles a day: every fen of WeChat and HIS against our orders, each mismatch named', async () => {
  const before = (await t.api<ReconciliationReport>('GET', `/api/v1/staff/reconciliation?date=${today()}`, { headers: staff })).body;
  expect(before).toMatchObject({ orders: 0, takenFen: 0, mismatches: [] });

  const token = await k.user();
  const card = await k.bind(token, 'zhangwei');
  const make = async (amountFen: number) => (await k.recharge(token, card.id, amountFen)).body;

  // fulfilled, as it should be
  const good = await make(1_000);
  await k.payAtWechat(good);
  await k.settle(good.id, ['fulfilled']);
  // refunded: HIS refused
  const refused = await make(2_000);
  await k.hisFault({ path: '/recharge', mode: 'fail', times: 1 });
  await k.payAtWechat(refused);
  await k.settle(refused.id, ['refunded']);
  // paid at WeChat, but we have not heard yet (no notification, nobody polled, the job has not run)
  const unheard = await make(3_000);
  await k.wechatFault('notifications', { outTradeNo: await k.outTradeNoOf(unheard), mode: 'none' });
  await k.payAtWechat(unheard);
  // in review: HIS unreachable
  const stuck = await make(4_000);
  await k.hisFault([
    { path: '/recharge', mode: 'http500' },
    { path: '/requestSucess', mode: 'http500' },
  ]);
  await k.payAtWechat(stuck);
  await k.redriveUntil(stuck.id, ['needs_review']);
  await k.clearFaults();
  // fulfilled here, but the cashier reversed it in HIS afterwards
  const reversed = await make(5_000);
  await k.payAtWechat(reversed);
  const reversedOrder = await k.settle(reversed.id, ['fulfilled']);
  const hisOrder = k.his.order(reversedOrder.hisOrderNo ?? '');
  if (!hisOrder) throw new Error('no HIS order');
  hisOrder.applied = false;
  // never paid
  await make(6_000);

  const res = await t.api<ReconciliationReport>('GET', `/api/v1/staff/reconciliation?date=${today()}`, { headers: staff });
  expect(res.status).toBe(200);
  const report = res.body;
  expect(report.orders).toBe(6);
  expect(report.byState).toEqual({ fulfilled: 2, refunded: 1, paying: 2, needs_review: 1 });
  expect(report.takenFen).toBe(1_000 + 2_000 + 3_000 + 4_000 + 5_000);
  expect(report.refundedFen).toBe(2_000);
  expect(report.appliedFen).toBe(1_000); // the reversed one is no longer applied in HIS
  expect(report.unaccountedFen).toBe(3_000 + 4_000 + 5_000);
  const kinds = report.mismatches.map((m) => [m.orderId, m.kind]);
  expect(kinds).toEqual(
    expect.arrayContaining([
      [unheard.id, 'paid_not_recorded'],
      [stuck.id, 'needs_review'],
      [reversed.id, 'fulfilled_not_applied'],
    ]),
  );
  expect(kinds).toHaveLength(3);
  expect(report.mismatches.find((m) => m.orderId === reversed.id)).toMatchObject({ ours: 'fulfilled', wechat: 'SUCCESS', his: '未入账', note: '本系统记为已入账，医院系统未入账' });

  // staff decide the one in review: HIS is back, and did not apply it → refund
  const decided = await t.api<{ state: string; events: Array<{ cause: string; detail: string }> }>('POST', `/api/v1/staff/orders/${stuck.id}/decision`, { headers: staff, body: { action: 'refund', staff: 'F0012' } });
  expect(decided.status).toBe(200);
  expect(['refunding', 'refunded']).toContain(decided.body.state);
  expect(decided.body.events.find((e) => e.cause === 'staff.refund')?.detail).toContain('F0012');
  // a second decision on the same order is a conflict
  expect((await t.api('POST', `/api/v1/staff/orders/${stuck.id}/decision`, { headers: staff, body: { action: 'retry', staff: 'F0012' } })).status).toBe(409);
  // an order HIS applied cannot be refunded by a decision
  expect((await t.api('POST', `/api/v1/staff/orders/${good.id}/decision`, { headers: staff, body: { action: 'refund', staff: 'F0012' } })).status).toBe(409);
});

describe('without STAFF_TOKEN', () => {
  const plain = useBff({ config: (c) => ({ ...c, staffToken: undefined }) });
  it('has no staff API at all', async () => {
    expect((await plain.api('GET', '/api/v1/staff/orders/review', { headers: staff })).status).toBe(404);
  });
});
