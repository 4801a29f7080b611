/**
 * Chaos: a few hundred orders of every kind (card top-ups, stay deposits, outpatient payments by WeChat and by
 * balance) under a random schedule of faults — HIS refusing, failing after applying, timing out after applying,
 * answering garbage; WeChat notifications lost, duplicated, delayed; WeChat APIs failing — with the BFF restarted in
 * the middle of it all. Clients retry what failed with the same idempotency key, as the app does.
 *
 * Afterwards the books must balance:
 * - every order is final (or in review, which staff then retry once the storm is over);
 * - no HIS order is applied twice, every fulfilled order is applied in HIS, no refunded one is;
 * - every order WeChat took money for and HIS did not apply is refunded exactly once;
 * - money taken by WeChat − money refunded = money applied in HIS; each card's balance moved by exactly what the
 *   orders applied.
 * The seed is printed (CHAOS_SEED=<n> replays a run) with the counts.
 */
import { randomUUID } from 'node:crypto';
import type { OrderDetail } from '../../../contract/api';
import type { FaultSpec } from '../../his-sandbox/faults';
import type { ApiFaultSpec } from '../../wechat-sandbox/faults';
import { STAFF_TOKEN, useBff } from '../test-harness';
import { FINAL, ordersKit, type DemoKey } from './testkit';

const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 240);
const CONCURRENCY = 12;

const t = useBff({
  config: (c) => ({
    ...c,
    orders: { ...c.orders, paymentWindowMs: 4_000, retryBaseMs: 20, retryMaxMs: 300, maxAttempts: 6, leaseMs: 1_500, payingCheckMs: 300, jobIntervalMs: 250 },
  }),
  build: { his: { retry: { retries: 0 }, timeouts: { readMs: 400, writeMs: 700 } }, wechat: { timeoutMs: 700 } },
});
/** The app's HTTP client retries when the BFF is unreachable (restarting): every call here does too. */
const k = ordersKit({
  logs: t.logs,
  loginCode: (deviceId) => t.loginCode(deviceId),
  login: (deviceId) => t.login(deviceId),
  restart: () => t.restart(),
  get bff() {
    return t.bff;
  },
  get his() {
    return t.his;
  },
  get wechat() {
    return t.wechat;
  },
  get config() {
    return t.config;
  },
  get url() {
    return t.url;
  },
  async api<T>(method: string, path: string, options?: Parameters<typeof t.api>[2]) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const res = await t.api<T>(method, path, options);
        // Fastify's own answer while the server closes (not one of ours, which carry a code)
        const closing = res.status === 503 && (res.body as { error?: string } | undefined)?.error === 'Service Unavailable';
        if (!closing || attempt >= 50) return res;
        await sleep(100);
      } catch (err) {
        if (attempt >= 50) throw err;
        await sleep(100);
      }
    }
  },
});

jest.setTimeout(240_000);

/** mulberry32: a small seeded generator, so that a failing run can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, chance: (p: number) => next() < p, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Plan = { kind: 'topup'; patient: DemoKey } | { kind: 'deposit' } | { kind: 'fees'; patient: DemoKey; payMethod: 'wechat' | 'balance' };

const HIS_FAULTS: Array<Omit<FaultSpec, 'times'>> = [
  { path: '/recharge', mode: 'fail', msg: '账户状态异常，充值失败' },
  { path: '/recharge', mode: 'applyThenFail' },
  { path: '/recharge', mode: 'applyThenTimeout' },
  { path: '/recharge', mode: 'http500' },
  { path: '/recharge', mode: 'timeout' },
  { path: '/recipeCharge', mode: 'fail', msg: '处方已作废，请到窗口处理' },
  { path: '/recipeCharge', mode: 'applyThenTimeout' },
  { path: '/recipeCharge', mode: 'malformed' },
  { path: '/requestSucess', mode: 'http500' },
  { path: '/requestSucess', mode: 'timeout' },
  { path: '/paymentNew', mode: 'http500' },
  { path: '/paymentUpdateStatus', mode: 'fail' },
  { path: '/getRecipe', mode: 'http500' },
];
const WECHAT_FAULTS: Array<Omit<ApiFaultSpec, 'times'>> = [
  { api: 'prepay', mode: 'http500' },
  { api: 'query', mode: 'http500' },
  { api: 'refund', mode: 'http500' },
  { api: 'refund', mode: 'applyThenError' },
  { api: 'close', mode: 'http500' },
];

it(`keeps every fen accounted for through ${ORDERS} orders under random faults and a restart (seed ${SEED})`, async () => {
  const r = rng(SEED);
  const patients: DemoKey[] = ['zhangwei', 'wangfang', 'zhaoguoqiang', 'liuzixuan'];
  const initialBalance = new Map(patients.map((p) => [p, k.his.balanceFen(p)] as const));
  const initialDeposit = k.his.depositBalanceFen('lixiuying');

  // 16 families: each user binds the four cards and the stay
  const users: Array<{ token: string; cards: Map<DemoKey, string>; stay: string }> = [];
  for (let i = 0; i < 16; i += 1) {
    const token = await k.user();
    const cards = new Map<DemoKey, string>();
    for (const p of patients) cards.set(p, (await k.bind(token, p)).id);
    const stay = (await k.bind(token, 'lixiuying', { inpatient: true })).id;
    users.push({ token, cards, stay });
  }

  const plans: Plan[] = Array.from({ length: ORDERS }, () => {
    const x = r.next();
    if (x < 0.45) return { kind: 'topup', patient: r.pick(patients) };
    if (x < 0.55) return { kind: 'deposit' };
    return { kind: 'fees', patient: r.pick(patients), payMethod: x < 0.85 ? 'wechat' : 'balance' };
  });

  const created: OrderDetail[] = [];
  const counts = { notCreated: 0, clientRetries: 0, paid: 0, payFailed: 0, unpaid: 0, lostNotifications: 0, duplicated: 0, delayed: 0, hisFaults: 0, wechatFaults: 0, restarts: 0, reviewed: 0 };

  /** A client call that retries (same idempotency key) while the BFF is down or busy, like the app. */
  async function withRetry<T>(call: () => Promise<{ status: number; body: T }>): Promise<{ status: number; body: T }> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const res = await call();
        if ((res.status === 503 || res.status === 502 || res.status === 504) && attempt < 20) {
          counts.clientRetries += 1;
          await sleep(100);
          continue;
        }
        return res;
      } catch (err) {
        if (attempt >= 20) throw err;
        counts.clientRetries += 1;
        await sleep(100);
      }
    }
  }

  async function runOne(plan: Plan): Promise<void> {
    const user = r.pick(users);
    const key = randomUUID();
    let res: { status: number; body: OrderDetail };
    if (plan.kind === 'topup' || plan.kind === 'deposit') {
      const cardId = plan.kind === 'deposit' ? user.stay : (user.cards.get(plan.patient) ?? '');
      const amountFen = plan.kind === 'deposit' ? r.int(10, 200) * 1_000 : r.int(1, 300) * 100;
      res = await withRetry(() => k.recharge(user.token, cardId, amountFen, key));
    } else {
      const fees = await k.pendingFees(plan.patient);
      const groups = r.chance(0.5) ? fees.groups : fees.groups.slice(0, 1);
      const cardId = user.cards.get(plan.patient) ?? '';
      const payMethod = plan.payMethod === 'balance' && k.his.balanceFen(plan.patient) < groups.reduce((s, g) => s + g.totalFen, 0) ? 'wechat' : plan.payMethod;
      res = await withRetry(() => k.outpatient(user.token, { cardId, visitId: fees.visitId, groupIds: groups.map((g) => g.orderId), payMethod }, key));
    }
    if (res.status !== 201) {
      counts.notCreated += 1; // refused up front (HIS down at creation, balance changed meanwhile…): nothing was paid
      return;
    }
    created.push(res.body);
    if (res.body.payMethod !== 'wechat' || res.body.state !== 'paying') return;

    const outTradeNo = await k.outTradeNoOf(res.body);
    const n = r.next();
    if (n < 0.15) {
      counts.lostNotifications += 1;
      await k.wechatFault('notifications', { outTradeNo, mode: 'none' });
    } else if (n < 0.3) {
      counts.duplicated += 1;
      await k.wechatFault('notifications', { outTradeNo, mode: 'duplicate', count: r.int(2, 4) });
    } else if (n < 0.45) {
      counts.delayed += 1;
      await k.wechatFault('notifications', { outTradeNo, mode: 'delay', delayMs: r.int(50, 1_500) });
    }
    const p = r.next();
    if (p < 0.85) {
      await k.payAtWechat(res.body).then(
        () => (counts.paid += 1),
        () => undefined, // closed meanwhile (cancelled by a fault path or expired): nothing taken
      );
    } else if (p < 0.9) {
      counts.payFailed += 1;
      await k.payAtWechat(res.body, 'fail').catch(() => undefined);
    } else counts.unpaid += 1; // left to expire
  }

  // the storm: faults keep coming while orders are made and paid
  let storming = true;
  const storm = (async () => {
    while (storming) {
      if (r.chance(0.6)) {
        counts.hisFaults += 1;
        await k.hisFault({ ...r.pick(HIS_FAULTS), times: r.int(1, 3) }).catch(() => undefined);
      } else {
        counts.wechatFaults += 1;
        await k.wechatFault('api', { ...r.pick(WECHAT_FAULTS), times: 1 }).catch(() => undefined);
      }
      await sleep(r.int(20, 120));
    }
  })();

  let next = 0;
  const restartAt = Math.floor(ORDERS / 2);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < plans.length) {
        const i = next;
        next += 1;
        if (i === restartAt) {
          counts.restarts += 1;
          await t.restart();
        }
        const plan = plans[i];
        if (plan) await runOne(plan);
      }
    }),
  );
  storming = false;
  await storm;
  await k.clearFaults();

  // the storm is over: wait for the machine to settle everything (the BFF's own job runs every 250 ms)
  const settle = async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const states = await Promise.all(created.map((o) => k.staffOrder(o.id)));
      const open = states.filter((o) => !FINAL.includes(o.state) || (o.hisOrderNo !== null && !o.hisStatusSynced && o.state !== 'needs_review'));
      if (open.length === 0) return states;
      if (Date.now() > deadline) throw new Error(`orders still open: ${open.map((o) => `${o.id} ${o.state}`).join(', ')}`);
      await sleep(300);
    }
  };
  let final = await settle();

  // staff retry what went to review during the storm
  const staff = { authorization: `Bearer ${STAFF_TOKEN}` };
  for (const o of final.filter((x) => x.state === 'needs_review')) {
    counts.reviewed += 1;
    const decided = await t.api<{ state: string }>('POST', `/api/v1/staff/orders/${o.id}/decision`, { headers: staff, body: { action: 'retry', staff: 'CHAOS' } });
    expect(decided.status).toBe(200);
  }
  if (counts.reviewed) final = await settle();

  // — the books —
  const byState = new Map<string, number>();
  for (const o of final) byState.set(o.state, (byState.get(o.state) ?? 0) + 1);
  expect(final.every((o) => ['fulfilled', 'refunded', 'closed'].includes(o.state))).toBe(true);

  const hisOrders = new Set(final.map((o) => o.hisOrderNo).filter((x): x is string => x !== null));
  const recharges = t.his.store.core.recharges.filter((rec) => hisOrders.has(rec.hisOrderNo));
  const rechargesPerOrder = new Map<string, number>();
  for (const rec of recharges) rechargesPerOrder.set(rec.hisOrderNo, (rechargesPerOrder.get(rec.hisOrderNo) ?? 0) + 1);
  const appliedTwice = [...rechargesPerOrder.values()].filter((n) => n > 1).length;
  expect(appliedTwice).toBe(0);

  const wechatTx = new Map((await k.wechatTransactionsAll()).map((tx) => [tx.out_trade_no, tx] as const));
  const refunds = await k.wechatRefunds();
  let takenFen = 0;
  let refundedFen = 0;
  let appliedFen = 0;
  let balanceAppliedFen = 0;
  let refundedOnce = 0;
  const problems: string[] = [];
  for (const o of final) {
    const tx = wechatTx.get(o.outTradeNo);
    const taken = tx !== undefined && (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND');
    if (taken) takenFen += tx.amount.total;
    const theirRefunds = refunds.filter((x) => x.out_trade_no === o.outTradeNo && x.status === 'SUCCESS');
    refundedFen += theirRefunds.reduce((s, x) => s + x.amount.refund, 0);

    // applied in HIS?
    let applied: boolean;
    if (o.kind === 'recharge') applied = (rechargesPerOrder.get(o.hisOrderNo ?? '') ?? 0) === 1;
    else {
      const { visitId, groupIds } = JSON.parse(o.details) as { visitId: string; groupIds: string[] };
      const groups = (t.his.store.core.visits[visitId]?.feeGroups ?? []).filter((g) => groupIds.includes(g.orderId));
      const paidByThis = groups.filter((g) => g.paid && (o.payMethod === 'balance' ? g.paid.payMode === 'balancePay' : g.paid.hisOrderNo === o.hisOrderNo));
      if (paidByThis.length !== 0 && paidByThis.length !== groupIds.length) problems.push(`${o.id} applied to only some of its groups`);
      applied = paidByThis.length === groupIds.length;
    }
    if (applied) {
      if (o.payMethod === 'balance') balanceAppliedFen += o.amountFen;
      else appliedFen += o.amountFen;
    }
    if (o.state === 'fulfilled' && !applied) problems.push(`${o.id} fulfilled but not applied in HIS`);
    if (o.state !== 'fulfilled' && applied) problems.push(`${o.id} ${o.state} but applied in HIS`);
    if (taken && !applied) {
      if (theirRefunds.length !== 1 || o.state !== 'refunded') problems.push(`${o.id} paid, not applied, refunds ${theirRefunds.length}, state ${o.state}`);
      else refundedOnce += 1;
    }
    if (applied && theirRefunds.length > 0) problems.push(`${o.id} applied and refunded`);
    if (o.payMethod === 'wechat' && o.state === 'fulfilled' && !taken) problems.push(`${o.id} fulfilled without payment`);
  }

  // each card's balance moved by exactly what the applied orders say
  for (const p of patients) {
    const card = k.demo(p).cardNo;
    const ups = final.filter((o) => o.kind === 'recharge' && o.state === 'fulfilled' && o.account.endsWith(card)).reduce((s, o) => s + o.amountFen, 0);
    const downs = final.filter((o) => o.kind === 'outpatient' && o.payMethod === 'balance' && o.state === 'fulfilled' && o.account.endsWith(card)).reduce((s, o) => s + o.amountFen, 0);
    if (k.his.balanceFen(p) !== (initialBalance.get(p) ?? 0) + ups - downs) problems.push(`${p}: balance ${k.his.balanceFen(p)} ≠ ${(initialBalance.get(p) ?? 0) + ups - downs}`);
  }
  const deposits = final.filter((o) => o.kind === 'recharge' && o.state === 'fulfilled' && o.account.startsWith('住院号')).reduce((s, o) => s + o.amountFen, 0);
  if (k.his.depositBalanceFen('lixiuying') !== initialDeposit + deposits) problems.push('stay deposit does not add up');

  const report = [
    `chaos seed ${SEED}: ${plans.length} planned, ${final.length} orders created, ${counts.notCreated} refused up front, ${counts.clientRetries} client retries, ${counts.restarts} BFF restart`,
    `  faults injected: HIS ${counts.hisFaults}, WeChat API ${counts.wechatFaults}; notifications lost ${counts.lostNotifications}, duplicated ${counts.duplicated}, delayed ${counts.delayed}`,
    `  payer: paid ${counts.paid}, failed ${counts.payFailed}, never paid ${counts.unpaid}; orders through staff review: ${counts.reviewed}`,
    `  final states: ${[...byState.entries()].map(([s, n]) => `${s} ${n}`).join(', ')}`,
    `  HIS orders applied twice: ${appliedTwice}; paid-and-not-applied refunded exactly once: ${refundedOnce}`,
    `  money (fen): taken ${takenFen} − refunded ${refundedFen} = ${takenFen - refundedFen}; applied in HIS ${appliedFen} (+ ${balanceAppliedFen} paid from card balances)`,
    ...problems.map((p) => `  PROBLEM ${p}`),
  ].join('\n');
  process.stdout.write(`\n${report}\n`);

  expect(problems).toEqual([]);
  expect(takenFen - refundedFen).toBe(appliedFen);
  expect(final.length).toBeGreaterThanOrEqual(200);
});
