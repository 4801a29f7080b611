/**
 * The order machine under load (issue #5): top-up orders created and paid over HTTP from this process, against the
 * `orders` role of bench/servers.ts (a BFF configured for production on SQLite, a HIS sandbox and a WeChat sandbox,
 * in one process of their own).
 *   setup     `users` users log in (a WeChat sandbox login code, POST /auth/login) and bind 张伟's card — untimed;
 *   warm-up   the first `warmup` orders of each closed loop below, untimed: the loop's ramp-in (JIT, SQLite pages,
 *             sockets, every client starting at once) — timing starts with the loop full;
 *   creation  `orders` top-ups, POST /orders/recharge with a fresh Idempotency-Key each, `concurrency` at a time
 *             (closed loop), amounts from 1.00 to 5000.00 yuan in odd fen: orders/s and p50/p99/max as this process
 *             sees them; every answer must be 201, state paying, with the wx.requestPayment parameters;
 *   payment   the orders paid at the WeChat sandbox (its admin pay), which sends the genuine signed, encrypted
 *             notification to the BFF's notify_url; at most `concurrency` orders paid and not yet applied in HIS at a
 *             time (a closed loop over pay → notification → fulfilment). Measured: notifications answered per second
 *             (first pay → last answer) with delivery → paid per notification (the sandbox starting the delivery →
 *             the order's `paid` event in the BFF's event log: waiting for the BFF's event loop included), the BFF's
 *             own handling time per delivery (timed on its HTTP server, servers.ts: request in → 204 written), and
 *             orders fulfilled per second (first pay → last `fulfilled` event) with pay → fulfilled per order;
 *   money     read back afterwards from the BFF (staff API), WeChat (admin) and HIS (admin): every order paid and
 *             fulfilled, HIS balance grown by exactly the orders' sum, each HIS top-up applied once, no refund, every
 *             notification acknowledged at the first delivery. Any of these off fails the bench.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { OrderDetail } from '../contract/api';
import type { StaffOrderDetail } from '../server/bff/routes/staff/schemas';
import { percentile } from './load';
import type { OrdersRoleUrls, ProbeReport } from './servers';

export interface OrdersSpec {
  users: number;
  /** Timed orders. */
  orders: number;
  /** Untimed orders first (created, paid, fulfilled). */
  warmup: number;
  concurrency: number;
}

export type Line = (label: string, value: string, verdict?: string) => void;

interface Answer {
  status: number;
  text: string;
  ms: number;
}

function call(agent: http.Agent, method: string, url: string, o: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const headers = { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...o.headers };
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: elapsed() }));
      res.on('error', (err) => resolve({ status: 0, text: err.message, ms: elapsed() }));
    });
    req.on('error', (err) => resolve({ status: 0, text: err.message, ms: elapsed() }));
    req.end(body);
  });
}

/** A call that must succeed (setup, reads of the truth): its parsed JSON answer. */
async function json<T>(agent: http.Agent, method: string, url: string, o: { headers?: Record<string, string>; body?: unknown } = {}): Promise<T> {
  const a = await call(agent, method, url, o);
  if (a.status < 200 || a.status >= 300) throw new Error(`${method} ${url}: HTTP ${a.status} ${a.text.slice(0, 300)}`);
  return (a.text ? JSON.parse(a.text) : undefined) as T;
}

/** Runs task(0 … count−1), `concurrency` at a time. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

interface Summary {
  p50: number;
  p99: number;
  max: number;
}

function summary(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** How long HIS may apply no top-up before the payment phase gives up waiting. */
const STALL_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (v: number) => (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);
const fmt = (s: Summary) => `p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`;
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'WRONG');

/** Amounts from 1.00 to 5000.00 yuan (the per-top-up limit), odd fen included. */
const amountOf = (i: number) => 100 + ((i * 7919) % 499_901);

interface DemoPatient {
  key: string;
  patientId: string;
  name: string;
  cardNo: string;
  idNo: string;
}

interface HisState {
  core: {
    patients: Record<string, { balanceFen: number }>;
    recharges: Array<{ patientId: string; hisOrderNo: string; totalFen: number }>;
  };
}

interface HisStats {
  calls: Record<string, number>;
  failures: Record<string, number>;
}

interface WechatTx {
  out_trade_no: string;
  prepay_id: string;
  trade_state: string;
  amount: { total: number };
}

interface WechatNotification {
  outTradeNo: string;
  event: string;
  state: string;
  attempts: Array<{ at: string; status?: number; error?: string; acked: boolean; forged?: string; duplicate?: boolean }>;
}

interface Created {
  index: number;
  id: string;
  amountFen: number;
  prepayId: string;
}

export async function ordersBench(urls: OrdersRoleUrls, spec: OrdersSpec, line: Line): Promise<boolean> {
  for (const [name, value] of Object.entries(spec)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`orders bench: ${name} must be a positive integer (got ${String(value)})`);
  }
  const run = randomBytes(4).toString('hex');
  const bffAgent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const adminAgent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  // HIS's stats, polled while the pays hold the admin sockets
  const pollAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const his = { headers: { 'x-sandbox-token': urls.hisToken } };
  const wx = { headers: { 'x-sandbox-token': urls.wechatToken } };
  const staff = { headers: { authorization: `Bearer ${urls.staffToken}` } };
  const hisState = () => json<HisState>(adminAgent, 'GET', `${urls.his}/__sandbox/state`, his);
  const rechargesOk = async () => {
    const s = await json<HisStats>(pollAgent, 'GET', `${urls.his}/__sandbox/stats`, his);
    return (s.calls['/recharge'] ?? 0) - (s.failures['/recharge'] ?? 0);
  };
  const probe = () => json<ProbeReport>(adminAgent, 'GET', `${urls.probe}/report`);

  try {
    // ---- setup (untimed) ----
    const demo = (await json<DemoPatient[]>(adminAgent, 'GET', `${urls.his}/__sandbox/demo-patients`)).find((p) => p.key === 'zhangwei');
    if (!demo) throw new Error('the HIS sandbox has no demo patient zhangwei');
    const before = await hisState();
    const balanceBefore = before.core.patients[demo.patientId]?.balanceFen ?? Number.NaN;
    const rechargesBefore = await rechargesOk();
    const phases: Array<[string, number]> = [];
    let phaseFrom = Date.now();
    const phase = (name: string) => {
      phases.push([name, (Date.now() - phaseFrom) / 1000]);
      phaseFrom = Date.now();
    };
    const users = await pool(spec.users, 20, async (i) => {
      const { code } = await json<{ code: string }>(adminAgent, 'POST', `${urls.wechat}/sandbox/login-code`, { body: { deviceId: `bench-${run}-${i}` } });
      const { token } = await json<{ token: string }>(bffAgent, 'POST', `${urls.bff}/api/v1/auth/login`, { body: { code } });
      const card = await json<{ id: string }>(bffAgent, 'POST', `${urls.bff}/api/v1/cards/bind`, {
        headers: { authorization: `Bearer ${token}` },
        body: { method: 'card', name: demo.name, cardNo: demo.cardNo, idNo: demo.idNo, relation: 'other' },
      });
      return { token, cardId: card.id };
    });

    const creationProblems: string[] = [];
    const create = async (index: number): Promise<{ ms: number; order?: Created }> => {
      const user = users[index % users.length];
      if (!user) throw new Error('no users');
      const amountFen = amountOf(index);
      const a = await call(bffAgent, 'POST', `${urls.bff}/api/v1/orders/recharge`, {
        headers: { authorization: `Bearer ${user.token}`, 'idempotency-key': `bench-${run}-${index}` },
        body: { cardId: user.cardId, amountFen },
      });
      if (a.status !== 201) {
        creationProblems.push(`HTTP ${a.status} ${a.text.slice(0, 200)}`);
        return { ms: a.ms };
      }
      const o = JSON.parse(a.text) as OrderDetail;
      const pkg = o.payment?.requestPayment.package ?? '';
      if (o.state !== 'paying' || !pkg.startsWith('prepay_id=') || !o.payment?.requestPayment.paySign || o.amountFen !== amountFen) {
        creationProblems.push(`order ${o.id}: state ${o.state}, ${o.amountFen} fen, payment ${o.payment ? 'present' : 'missing'}`);
        return { ms: a.ms };
      }
      return { ms: a.ms, order: { index, id: o.id, amountFen, prepayId: pkg.slice('prepay_id='.length) } };
    };

    const outTradeNos = new Map<string, string>();
    const payProblems: string[] = [];
    /**
     * Pays the orders at WeChat with at most `concurrency` of them paid but not yet applied in HIS (HIS's stats
     * polled every 20 ms): a closed loop over the whole path, pay → notification → fulfilment, as order creation is
     * one over its request. (Paying thousands at once would only measure WeChat's retries: deliveries not answered
     * within its 5 s.) When HIS applies nothing for STALL_MS (orders refused, stuck), the rest is paid without the
     * window and the run ends. Returns when each pay call left this process (epoch ms) by order id, and whether HIS
     * applied them all.
     */
    const payAll = async (orders: Created[]): Promise<{ payAt: Map<string, number>; complete: boolean }> => {
      for (const tx of await json<WechatTx[]>(adminAgent, 'GET', `${urls.wechat}/__sandbox/transactions`, wx)) outTradeNos.set(tx.prepay_id, tx.out_trade_no);
      const payAt = new Map<string, number>();
      const base = await rechargesOk();
      let applied = 0;
      let paid = 0;
      let stalled = false;
      const poller = (async () => {
        let progressAt = Date.now();
        while (applied < orders.length) {
          await sleep(20);
          const now = (await rechargesOk()) - base;
          if (now > applied) progressAt = Date.now();
          applied = now;
          if (Date.now() - progressAt > STALL_MS) {
            stalled = true;
            return;
          }
        }
      })();
      await pool(orders.length, spec.concurrency, async (i) => {
        const o = orders[i];
        if (!o) return;
        while (paid - applied >= spec.concurrency && !stalled) await sleep(2);
        paid += 1;
        const outTradeNo = outTradeNos.get(o.prepayId);
        if (!outTradeNo) {
          payProblems.push(`order ${o.id}: no WeChat transaction for its prepay id`);
          return;
        }
        payAt.set(o.id, Date.now());
        const a = await call(adminAgent, 'POST', `${urls.wechat}/__sandbox/transactions/${encodeURIComponent(outTradeNo)}/pay`, { ...wx, body: { outcome: 'success' } });
        if (a.status !== 200) payProblems.push(`pay ${outTradeNo}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
      });
      await poller;
      return { payAt, complete: applied >= orders.length };
    };

    /** The orders as staff see them, read again (a few times) while any is not final yet. */
    const readOrders = async (orders: Created[]): Promise<Map<string, StaffOrderDetail>> => {
      const seen = new Map<string, StaffOrderDetail>();
      const final = new Set(['fulfilled', 'refunded', 'closed', 'needs_review']);
      for (let round = 0; round < 20; round += 1) {
        const todo = orders.filter((o) => !final.has(seen.get(o.id)?.state ?? ''));
        if (todo.length === 0) break;
        if (round > 0) await sleep(250);
        await pool(todo.length, 20, async (i) => {
          const o = todo[i];
          if (o) seen.set(o.id, await json<StaffOrderDetail>(adminAgent, 'GET', `${urls.bff}/api/v1/staff/orders/${o.id}`, staff));
        });
      }
      return seen;
    };

    phase('setup');

    // ---- creation: one closed loop over the warm-up orders, then the timed ones ----
    // The warm-up is the loop's ramp-in (JIT, SQLite pages, sockets, all `concurrency` clients starting at once):
    // timing starts when the first timed order is sent, with the loop already full.
    let createdFrom = 0;
    const results = await pool(spec.warmup + spec.orders, spec.concurrency, async (i) => {
      if (i === spec.warmup) createdFrom = Date.now();
      return { ...(await create(i)), endAt: Date.now() };
    });
    const createSeconds = (Date.now() - createdFrom) / 1000;
    // answers within the timed span (a few late warm-up ones among them: the same work)
    const createdInSpan = results.filter((r) => r.endAt >= createdFrom).length;
    const warm = results.slice(0, spec.warmup).flatMap((r) => (r.order ? [r.order] : []));
    const timedResults = results.slice(spec.warmup);
    const timed = timedResults.flatMap((r) => (r.order ? [r.order] : []));
    const creationErrors = timedResults.length - timed.length;
    const warmupErrors = spec.warmup - warm.length;
    phase('creation');

    // ---- payment and notifications: the same, the warm-up orders paid first ----
    const { payAt, complete } = await payAll([...warm, ...timed]);
    const allApplied = complete;
    const timedPays = timed.flatMap((o) => payAt.get(o.id) ?? []);
    const payFrom = timedPays.length ? Math.min(...timedPays) : Date.now();
    // the BFF's answers from the first timed pay on (a few late warm-up ones among them: same work)
    const deliveries = (await probe()).notifications.filter((d) => d.endAt >= payFrom);
    phase('payment');

    // ---- the truth, read back ----
    const all = [...warm, ...timed];
    const staffViews = await readOrders(all);
    const after = await hisState();
    const txs = new Map((await json<WechatTx[]>(adminAgent, 'GET', `${urls.wechat}/__sandbox/transactions`, wx)).map((tx) => [tx.out_trade_no, tx]));
    const refunds = await json<unknown[]>(adminAgent, 'GET', `${urls.wechat}/__sandbox/refunds`, wx);
    const notifications = await json<WechatNotification[]>(adminAgent, 'GET', `${urls.wechat}/__sandbox/notifications`, wx);
    const report = await probe();
    phase('read-back');

    const eventAt = (o: StaffOrderDetail | undefined, to: string) => {
      const e = o?.events.find((x) => x.to === to);
      return e ? Date.parse(e.at) : undefined;
    };
    const payToFulfilled: number[] = [];
    for (const o of timed) {
      const fulfilledAt = eventAt(staffViews.get(o.id), 'fulfilled');
      const paidAt = payAt.get(o.id);
      if (fulfilledAt !== undefined && paidAt !== undefined) payToFulfilled.push(fulfilledAt - paidAt);
    }
    const fulfilledTimes = all.flatMap((o) => eventAt(staffViews.get(o.id), 'fulfilled') ?? []).filter((at) => at >= payFrom);
    const lastFulfilled = Math.max(payFrom, ...fulfilledTimes);
    const lastAnswer = Math.max(0, ...deliveries.map((d) => d.endAt));
    // the sandbox's delivery start (after its signing) → the BFF's `paid` event: waiting for the BFF included
    const deliveredAt = new Map(notifications.flatMap((x) => (x.event === 'transaction' && x.attempts[0] ? [[x.outTradeNo, Date.parse(x.attempts[0].at)] as const] : [])));
    const deliveryToPaid: number[] = [];
    for (const o of timed) {
      const v = staffViews.get(o.id);
      const from = v ? deliveredAt.get(v.outTradeNo) : undefined;
      const to = eventAt(v, 'paid');
      if (from !== undefined && to !== undefined) deliveryToPaid.push(to - from);
    }
    const timedTradeNos = new Set(timed.flatMap((o) => outTradeNos.get(o.prepayId) ?? []));
    const timedUnacked = notifications.filter((x) => timedTradeNos.has(x.outTradeNo)).reduce((sum, x) => sum + x.attempts.filter((a) => !a.acked).length, 0);
    const notifyErrors = deliveries.filter((d) => d.status !== 200 && d.status !== 204).length + timedUnacked;

    const states: Record<string, number> = {};
    let paidAtWechat = 0;
    let takenFen = 0;
    let appliedTwice = 0;
    let synced = 0;
    for (const o of all) {
      const v = staffViews.get(o.id);
      states[v?.state ?? 'unread'] = (states[v?.state ?? 'unread'] ?? 0) + 1;
      if (v && v.events.filter((e) => e.to === 'fulfilled').length > 1) appliedTwice += 1;
      if (v?.hisStatusSynced) synced += 1;
      const tx = v ? txs.get(v.outTradeNo) : undefined;
      if (tx?.trade_state === 'SUCCESS') {
        paidAtWechat += 1;
        takenFen += tx.amount.total;
      }
    }
    const fulfilled = states.fulfilled ?? 0;
    const sumFen = all.reduce((s, o) => s + o.amountFen, 0);
    const balanceAfter = after.core.patients[demo.patientId]?.balanceFen ?? Number.NaN;
    const ourHisOrders = new Map([...staffViews.values()].flatMap((v) => (v.hisOrderNo ? [[v.hisOrderNo, v.amountFen] as const] : [])));
    const perHisOrder = new Map<string, number>();
    let hisOurs = 0;
    for (const r of after.core.recharges.slice(before.core.recharges.length)) {
      perHisOrder.set(r.hisOrderNo, (perHisOrder.get(r.hisOrderNo) ?? 0) + 1);
      if (r.patientId === demo.patientId && ourHisOrders.get(r.hisOrderNo) === r.totalFen) hisOurs += 1;
    }
    const hisTwice = [...perHisOrder.values()].filter((n) => n > 1).length;
    const hisApplied = (await rechargesOk()) - rechargesBefore;
    const ourNotifications = notifications.filter((n) => n.event === 'transaction');
    const refundNotifications = notifications.length - ourNotifications.length;
    const acked = ourNotifications.filter((n) => n.state === 'acked').length;
    const attempts = ourNotifications.reduce((s, n) => s + n.attempts.length, 0);
    const failedAttempts: Record<string, number> = {};
    for (const a of ourNotifications.flatMap((x) => x.attempts.filter((t) => !t.acked))) {
      const why = a.error ?? `HTTP ${String(a.status)}`;
      failedAttempts[why] = (failedAttempts[why] ?? 0) + 1;
    }
    const unacked = Object.values(failedAttempts).reduce((sum, c) => sum + c, 0);
    const refundingOrRefunded = (states.refunding ?? 0) + (states.refunded ?? 0);

    // ---- report ----
    const n = timed.length;
    process.stdout.write(
      `\nOrders: ${spec.orders} top-ups of one card by ${spec.users} users, ${spec.concurrency} at a time, after ${spec.warmup} untimed in each loop (one BFF on SQLite and both sandboxes in one process, HIS answering at once; load from this process)\n`,
    );
    line('order creation, POST /orders/recharge', `${Math.round(createdInSpan / createSeconds)} orders/s`, `${fmt(summary(timedResults.map((r) => r.ms)))}  ${creationErrors} errors${warmupErrors ? ` (+${warmupErrors} in the warm-up)` : ''}`);
    line('notifications answered (delivery → paid)', `${Math.round(deliveries.length / Math.max(0.001, (lastAnswer - payFrom) / 1000))} notif/s`, `${fmt(summary(deliveryToPaid))}  ${notifyErrors} errors`);
    line('  BFF handling only (request → 204 written)', '', `${fmt(summary(deliveries.map((d) => d.ms)))}  (without the wait for its event loop)`);
    line('orders fulfilled (pay → fulfilled)', `${Math.round(fulfilledTimes.length / Math.max(0.001, (lastFulfilled - payFrom) / 1000))} orders/s`, `${fmt(summary(payToFulfilled))}  ${n - payToFulfilled.length} not fulfilled`);
    process.stdout.write(`\nMoney, all ${all.length} orders (read back from the BFF's staff API and both sandboxes' admin APIs)\n`);
    const checks: Array<[string, string, boolean]> = [
      ['orders paid at WeChat / fulfilled', `${paidAtWechat} / ${fulfilled}`, paidAtWechat === all.length && fulfilled === all.length && allApplied],
      ['WeChat took / orders sum', `${yuan(takenFen)} / ${yuan(sumFen)}`, takenFen === sumFen],
      ['HIS balance of 张伟 grew by / orders sum', `${yuan(balanceAfter - balanceBefore)} / ${yuan(sumFen)}`, balanceAfter - balanceBefore === sumFen],
      ['HIS /recharge ok / records of our amounts', `${hisApplied} / ${hisOurs}`, hisApplied === all.length && hisOurs === all.length],
      ['applied twice (HIS records / BFF events)', `${hisTwice} / ${appliedTwice}`, hisTwice === 0 && appliedTwice === 0],
      ['refunds at WeChat / orders refunding+ed', `${refunds.length} / ${refundingOrRefunded}`, refunds.length === 0 && refundingOrRefunded === 0 && refundNotifications === 0],
      ['notifications acked / deliveries', `${acked} / ${attempts}`, acked === all.length && attempts === all.length && unacked === 0],
    ];
    for (const [label, value, ok] of checks) line(label, value, verdict(ok));
    if (unacked) line('  deliveries WeChat saw fail, by cause', String(unacked), Object.entries(failedAttempts).map(([why, c]) => `${c}× ${why}`).join('; '));
    const others = Object.entries(states).filter(([s]) => s !== 'fulfilled');
    if (others.length) line('orders not fulfilled, by state', others.map(([s, c]) => `${s} ${c}`).join(', '), 'WRONG');
    line('HIS told the outcome (paymentUpdateStatus)', `${synced} / ${all.length}`, '(informational)');
    const logLines = Object.entries(report.bffLog);
    line('BFF log lines at warn or above', String(logLines.reduce((s, [, c]) => s + c, 0)), logLines.map(([m, c]) => `${c}× ${m}`).join('; '));
    const selfCheckOk = report.wechatInternalErrors.length === 0 && report.hisSelfCheck.violations.length === 0 && report.hisSelfCheck.internalErrors.length === 0;
    line('sandbox self-checks', selfCheckOk ? 'clean' : 'PROBLEMS', selfCheckOk ? '' : JSON.stringify({ wechat: report.wechatInternalErrors.slice(0, 3), his: report.hisSelfCheck }).slice(0, 500));
    for (const p of [...creationProblems, ...payProblems].slice(0, 5)) process.stdout.write(`    ${p}\n`);
    if (!allApplied) process.stdout.write(`    HIS stopped applying top-ups (nothing for ${STALL_MS / 1000} s) before it had them all\n`);
    process.stdout.write(`  (${phases.map(([name, sec]) => `${name} ${sec.toFixed(1)} s`).join(', ')})\n`);

    return creationErrors === 0 && warmupErrors === 0 && payProblems.length === 0 && notifyErrors === 0 && payToFulfilled.length === n && checks.every(([, , ok]) => ok) && selfCheckOk;
  } finally {
    bffAgent.destroy();
    adminAgent.destroy();
    pollAgent.destroy();
  }
}
