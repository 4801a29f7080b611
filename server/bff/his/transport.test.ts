/**
 * The transport against the sandbox's faults: timeouts, HTTP 500, malformed bodies, refused connections, the
 * circuit breaker, the concurrency cap and its queue, retries of reads (never of writes), request ids, logs, close.
 */
import { createServer } from 'node:net';
import { DEFAULT_SIGN_KEY } from '../../his-sandbox/config';
import { HisBusyError, HisProtocolError, HisRejectedError, HisTimeoutError, HisUnavailableError } from './errors';
import { createHis } from './index';
import { ctx, hisFailure, useHisAdapter } from './testkit';

const a = useHisAdapter();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds since `start`. */
const since = (start: number) => performance.now() - start;

describe('transport failures become typed errors', () => {
  it('a HIS that does not answer → HisTimeoutError within the timeout', async () => {
    const his = a.his({ timeouts: { readMs: 300 }, retry: { retries: 0 } });
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'timeout', times: 1 });
    const start = performance.now();
    const err = await hisFailure(his.raw.getHospital({}, ctx), HisTimeoutError);
    expect(since(start)).toBeGreaterThanOrEqual(290);
    expect(since(start)).toBeLessThan(1_000);
    expect({ endpoint: err.endpoint, timeoutMs: err.timeoutMs, transient: err.transient, outcomeUnknown: err.outcomeUnknown }).toEqual({
      endpoint: '/getHospital',
      timeoutMs: 300,
      transient: true,
      outcomeUnknown: false, // a read: nothing to be unsure about
    });
  });

  it('a per-endpoint timeout overrides the default', async () => {
    const his = a.his({ timeouts: { readMs: 5_000, byPath: { '/getDepts': 200 } }, retry: { retries: 0 } });
    a.t.sandbox.faults.add({ path: '/getDepts', mode: 'timeout', times: 1 });
    const start = performance.now();
    expect((await hisFailure(his.raw.getDepts({}, ctx), HisTimeoutError)).timeoutMs).toBe(200);
    expect(since(start)).toBeLessThan(1_000);
  });

  it('HTTP 500 → HisUnavailableError with the status', async () => {
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'http500', times: 1 });
    const err = await hisFailure(a.his({ retry: { retries: 0 } }).raw.getHospital({}, ctx), HisUnavailableError);
    expect([err.reason, err.status, err.transient]).toEqual(['http_status', 500, true]);
    expect(String(err.raw)).toContain('500 Internal Server Error');
  });

  it('a body that is not JSON → HisProtocolError', async () => {
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'malformed', times: 1 });
    const err = await hisFailure(a.his({ retry: { retries: 0 } }).raw.getHospital({}, ctx), HisProtocolError);
    expect([err.reason, err.transient]).toEqual(['not_json', true]);
  });

  it('a refused connection → HisUnavailableError (refused)', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const his = createHis({ baseUrl: `http://127.0.0.1:${port}`, signKey: DEFAULT_SIGN_KEY, retry: { retries: 0 } });
    const err = await hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError);
    expect([err.reason, err.outcomeUnknown]).toEqual(['refused', false]);
    await his.close();
  });
});

describe('the circuit breaker', () => {
  it('opens after N transport failures, fails fast without calling the HIS, half-opens after a delay and recovers', async () => {
    const his = a.his({ retry: { retries: 0 }, breaker: { failureThreshold: 3, windowMs: 10_000, openMs: 300 } });
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'http500' });
    const before = a.calls('/getHospital');
    for (let i = 0; i < 3; i += 1) expect((await hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError)).reason).toBe('http_status');
    expect(his.stats().breaker.state).toBe('open');

    const start = performance.now();
    expect((await hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError)).reason).toBe('circuit_open');
    expect((await hisFailure(his.raw.getPatient({ op_flag: 1, patient_id: '20000001' }, ctx), HisUnavailableError)).reason).toBe('circuit_open');
    expect(since(start)).toBeLessThan(50);
    expect(a.calls('/getHospital') - before).toBe(3);

    a.t.sandbox.faults.clear();
    await sleep(350);
    expect(his.stats().breaker.state).toBe('half_open');
    expect((await his.raw.getHospital({}, ctx)).records).toHaveLength(3);
    expect(his.stats().breaker).toMatchObject({ state: 'closed', opened: 1 });
    expect(his.stats().calls).toMatchObject({ shortCircuited: 2, failed: 3, ok: 1 });
  });

  it('lets one trial through when half-open, and opens again when it fails', async () => {
    const his = a.his({ retry: { retries: 0 }, breaker: { failureThreshold: 2, openMs: 200 } });
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'http500' });
    await hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError);
    await hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError);
    await sleep(250);
    a.t.sandbox.faults.add({ path: '/getHospital', latencyMs: 100, mode: 'http500', times: 1 });
    const before = a.calls('/getHospital');
    const [trial, other] = await Promise.allSettled([his.raw.getHospital({}, ctx), his.raw.getHospital({}, ctx)]);
    expect(trial.status === 'rejected' && trial.reason instanceof HisUnavailableError && trial.reason.reason).toBe('http_status');
    expect(other.status === 'rejected' && other.reason instanceof HisUnavailableError && other.reason.reason).toBe('circuit_open');
    expect(a.calls('/getHospital') - before).toBe(1);
    expect(his.stats().breaker).toMatchObject({ state: 'open', opened: 2 });
  });

  it('does not count business rejections', async () => {
    const his = a.his({ breaker: { failureThreshold: 2 } });
    for (let i = 0; i < 4; i += 1) await hisFailure(his.raw.getPatient({ op_flag: 1, patient_id: '29999999' }, ctx), HisRejectedError);
    expect(his.stats().breaker).toEqual({ state: 'closed', recentFailures: 0, opened: 0 });
  });
});

describe('the concurrency cap', () => {
  it('never has more calls in flight toward the HIS than the cap, with 3× more callers', async () => {
    const his = a.his({ maxConcurrent: 4, maxQueue: 100 });
    a.t.sandbox.faults.add({ path: '*', latencyMs: 100 });
    a.t.sandbox.stats.reset();
    const answers = await Promise.all(Array.from({ length: 12 }, () => his.raw.getHospital({}, ctx)));
    expect(answers.every((r) => r.records.length === 3)).toBe(true);
    expect(a.t.sandbox.stats.peakInFlight).toBe(4);
    expect(his.stats()).toMatchObject({ inFlight: 0, peakInFlight: 4, queued: 0, peakQueued: 8 });
  });

  it('refuses at once beyond the queue (HisBusyError), and serves the others', async () => {
    const his = a.his({ maxConcurrent: 2, maxQueue: 3 });
    a.t.sandbox.faults.add({ path: '*', latencyMs: 200 });
    const start = performance.now();
    const settled = await Promise.all(
      Array.from({ length: 8 }, () =>
        his.raw.getHospital({}, ctx).then(
          () => ({ ok: true, ms: since(start), busy: undefined }),
          (err: unknown) => ({ ok: false, ms: since(start), busy: err instanceof HisBusyError ? err.reason : undefined }),
        ),
      ),
    );
    const refused = settled.filter((s) => !s.ok);
    expect(refused).toHaveLength(3);
    expect(refused.every((s) => s.busy === 'queue_full' && s.ms < 50)).toBe(true);
    expect(settled.filter((s) => s.ok)).toHaveLength(5);
    expect(his.stats().calls).toMatchObject({ total: 8, ok: 5, busy: 3 });
  });

  it('gives up waiting after queueTimeoutMs', async () => {
    const his = a.his({ maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 100 });
    a.t.sandbox.faults.add({ path: '*', latencyMs: 400 });
    const first = his.raw.getHospital({}, ctx);
    const err = await hisFailure(his.raw.getHospital({}, ctx), HisBusyError);
    expect(err.reason).toBe('queue_timeout');
    expect((await first).records).toHaveLength(3);
  });
});

describe('retries', () => {
  it('retries a read after a transport failure', async () => {
    const his = a.his({ retry: { retries: 1, baseDelayMs: 10 } });
    const before = a.calls('/getHospital');
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'http500', times: 1 });
    expect((await his.raw.getHospital({}, ctx)).records).toHaveLength(3);
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'timeout', times: 1 });
    expect((await his.raw.getHospital({}, { ...ctx, timeoutMs: 200 })).records).toHaveLength(3);
    expect(a.calls('/getHospital') - before).toBe(4);
    expect(his.stats().calls).toMatchObject({ total: 2, ok: 2, retries: 2 });
  });

  it('does not retry a business rejection', async () => {
    const his = a.his({ retry: { retries: 2, baseDelayMs: 10 } });
    const before = a.calls('/getPatient');
    await hisFailure(his.raw.getPatient({ op_flag: 1, patient_id: '29999999' }, ctx), HisRejectedError);
    expect(a.calls('/getPatient') - before).toBe(1);
  });

  it('never retries a write: a /recharge applied then timed out is called exactly once, and its outcome is unknown', async () => {
    const his = a.his({ timeouts: { writeMs: 300 }, retry: { retries: 3, baseDelayMs: 10 } });
    const zw = a.t.demo('zhangwei');
    const { order } = await his.raw.paymentNew(
      { patient_id: zw.id, card_no: zw.cardNo, op_flag: 1, total: 10, pay_mode: 'wePay', user_dept_id: 'hpalm', user_id: 'hpalm', data_source: 'w1', purpose: '1', remark: '微信公众号' },
      ctx,
    );
    a.t.sandbox.faults.add({ path: '/recharge', mode: 'applyThenTimeout', times: 1 });
    const before = a.calls('/recharge');
    const recharge = { patient_id: zw.id, card_no: zw.cardNo, his_order_no: order.order_no, business_no: 'WX4900000001', business_info: '{}', op_flag: 1, total: 10, pay_mode: 'wePay' };
    const err = await hisFailure(his.raw.recharge(recharge, ctx), HisTimeoutError);
    expect(err.outcomeUnknown).toBe(true);
    expect(a.calls('/recharge') - before).toBe(1);
    // What the caller does next: ask the HIS. It was applied.
    const asked = await his.raw.requestSucess({ bill_no: order.order_no, bill_id: 'WX4900000001', check_reason: '充值结果确认' }, ctx);
    expect(asked.head).toEqual({ code: 1, msg: '交互成功' });
  });

  it('never retries a write after HTTP 500 either', async () => {
    const his = a.his({ retry: { retries: 3, baseDelayMs: 10 } });
    a.t.sandbox.faults.add({ path: '/card/update', mode: 'http500', times: 1 });
    const before = a.calls('/card/update');
    const err = await hisFailure(his.raw.cardUpdate({ patient_id: '20000001', phone_no: '13800138001' }, ctx), HisUnavailableError);
    expect([err.status, err.outcomeUnknown]).toEqual([500, true]);
    expect(a.calls('/card/update') - before).toBe(1);
  });
});

describe('what goes on the wire and in the logs', () => {
  it('sends X-Request-Id, and logs endpoint, duration and outcome without bodies', async () => {
    const seen: Array<string | null> = [];
    const logs: Array<{ level: string; obj: object; msg: string }> = [];
    const his = a.his({
      retry: { retries: 0 },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('x-request-id'));
        return fetch(input, init);
      },
      logger: {
        info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
        warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
      },
    });
    await his.raw.getPatient({ op_flag: 1, card_no: '5000100001', name: '张伟' }, { requestId: 'req-abc' });
    await hisFailure(his.raw.getPatient({ op_flag: 1, card_no: '5000100099', name: '张伟' }, { requestId: 'req-def' }), HisRejectedError);
    a.t.sandbox.faults.add({ path: '/getPatient', mode: 'http500', times: 1 });
    await hisFailure(his.raw.getPatient({ op_flag: 1, card_no: '5000100001', name: '张伟' }, { requestId: 'req-ghi' }), HisUnavailableError);

    expect(seen).toEqual(['req-abc', 'req-def', 'req-ghi']);
    expect(logs.map((l) => [l.level, l.msg, l.obj])).toEqual([
      ['info', 'his call', { his: { endpoint: '/getPatient', requestId: 'req-abc', attempt: 1, durationMs: expect.any(Number), outcome: 'ok' } }],
      ['info', 'his call', { his: { endpoint: '/getPatient', requestId: 'req-def', attempt: 1, durationMs: expect.any(Number), outcome: 'rejected', code: -1 } }],
      ['warn', 'his call failed', { his: { endpoint: '/getPatient', requestId: 'req-ghi', attempt: 1, durationMs: expect.any(Number), outcome: 'unavailable', status: 500 } }],
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/张伟|5000100001|未找到/);
  });

  it('keeps the HIS answer out of a serialised error', async () => {
    const err = await hisFailure(a.his().raw.getPatient({ op_flag: 1, card_no: '5000100099', name: '张伟' }, ctx), HisRejectedError);
    expect(String(err.raw)).toContain('未找到该患者信息');
    expect(Object.keys(err)).not.toContain('raw');
    expect(JSON.stringify(err)).not.toContain('head');
  });
});

describe('close', () => {
  it('aborts the calls in flight, refuses new ones and resolves', async () => {
    const his = createHis({ baseUrl: a.t.sandbox.url, signKey: DEFAULT_SIGN_KEY });
    a.t.sandbox.faults.add({ path: '/getHospital', mode: 'timeout', times: 1 });
    const pending = hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError);
    await sleep(50);
    await his.close();
    expect((await pending).reason).toBe('closed');
    expect((await hisFailure(his.raw.getHospital({}, ctx), HisUnavailableError)).reason).toBe('closed');
    expect(his.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });
});
