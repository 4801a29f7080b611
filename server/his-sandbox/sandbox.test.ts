import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hisSign } from '../his-catalogue/sign';
import { DEFAULT_SIGN_KEY } from './config';
import { startHisSandbox, type HisSandbox } from './sandbox';
import { useHisSandbox } from './test-harness';
import { hisClient, sandboxAdmin, type HisClient } from './testing';

const t = useHisSandbox();
let sandbox: HisSandbox;
let his: HisClient;
let admin: ReturnType<typeof sandboxAdmin>;

beforeAll(() => {
  ({ sandbox, his } = t);
  admin = sandboxAdmin(sandbox.origin, sandbox.config.adminToken);
});

afterEach(async () => {
  await admin.clearFaults();
});

const zhangwei = () => t.demo('zhangwei');

async function topUp(total: number, businessNo: string) {
  const p = zhangwei();
  const { order } = await his.ok('/paymentNew', { patient_id: p.id, card_no: p.cardNo, op_flag: 1, total, pay_mode: 'wePay', user_dept_id: 'hpalm', user_id: 'hpalm', data_source: 'w1', purpose: '1', remark: '微信公众号' });
  const body = { patient_id: p.id, card_no: p.cardNo, his_order_no: order.order_no, business_no: businessNo, business_info: '{}', op_flag: 1, total, pay_mode: 'wePay' };
  return { orderNo: order.order_no, body: { ...body, sign: hisSign(body, DEFAULT_SIGN_KEY) } };
}

describe('requests', () => {
  it('answers bad input with each endpoint’s own failure envelope and HTTP 200, never a 5xx', async () => {
    const cases: Array<[string, unknown, unknown]> = [
      ['/getPatient', {}, { head: { code: -1, msg: '缺少必填参数：op_flag' } }],
      ['/getPatient', { op_flag: '1' }, { head: { code: -1, msg: '参数类型错误：op_flag应为整数' } }],
      ['/card/update', {}, { code: 0, msg: '缺少必填参数：patient_id' }],
      ['/get_time', { SCHEDULE_ID: 1, DATA_SOURCE: 'w1' }, { ResultCode: -1, ResultMsg: '参数类型错误：SCHEDULE_ID应为字符串' }],
      ['/appointment/cancel', {}, { code: '1', msg: '缺少必填参数：appt_id' }],
      ['/payment/get', {}, { code: -1, msg: '缺少必填参数：his_order_no' }],
      ['/registerGetPrice', {}, { head: { code: '0', msg: '缺少必填参数：patient_id' } }],
      ['/getDoctorAndNurse', {}, { head: { code: 1, msg: '缺少必填参数：dept_id' } }],
    ];
    for (const [path, body, expected] of cases) {
      const answer = await his.raw(path, body);
      expect({ path, status: answer.status, json: answer.json }).toEqual({ path, status: 200, json: expected });
    }
  });

  it('refuses a body that is not JSON, or of the wrong content type', async () => {
    const notJson = await his.raw('/getPatient', null, { payload: '{"op_flag": 1,' });
    expect(notJson.json).toEqual({ head: { code: -1, msg: '请求报文不是合法的JSON' } });
    const form = await his.raw('/getPatient', null, { payload: 'op_flag=1', contentType: 'application/x-www-form-urlencoded' });
    expect(form.json).toEqual({ head: { code: -1, msg: 'Content-Type应为application/json' } });
    const jsonToForm = await his.raw('/getHospitalList', null, { payload: '{"a":1}', contentType: 'application/json' });
    expect(jsonToForm.json).toEqual({ head: { code: '-1', msg: 'Content-Type应为application/x-www-form-urlencoded' } });
    const notArray = await his.raw('/getPatientList', { patient_id: zhangwei().id, op_flag: 1 });
    expect(notArray.json).toEqual({ head: { code: -1, msg: '请求报文格式错误：应为数组' } });
  });

  it('accepts form bodies where the document says so', async () => {
    const answer = await his.raw('/getHospitalList', {});
    expect(answer.status).toBe(200);
    expect((answer.json as { head: { code: string } }).head.code).toBe('1');
  });

  it('does not know undocumented paths', async () => {
    expect((await fetch(`${sandbox.url}/getPatients`, { method: 'POST' })).status).toBe(404);
  });
});

describe('fault injection', () => {
  it('adds latency', async () => {
    await admin.addFault({ path: '/getPatient', latencyMs: 300, times: 1 });
    const started = Date.now();
    await his.ok('/getPatient', { op_flag: 1, patient_id: zhangwei().id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const again = Date.now();
    await his.ok('/getPatient', { op_flag: 1, patient_id: zhangwei().id });
    expect(Date.now() - again).toBeLessThan(290);
  });

  it('answers with a given failure code and message, for one endpoint or all', async () => {
    await admin.addFault({ path: '/getPatient', mode: 'fail', code: -99, msg: 'HIS数据库连接失败' });
    expect(await his.fail('/getPatient', { op_flag: 1, patient_id: zhangwei().id })).toMatchObject({ code: -99, msg: 'HIS数据库连接失败' });
    await admin.clearFaults();
    await admin.addFault({ path: '*', mode: 'fail', times: 2 });
    expect((await his.fail('/get_dept', {})).body).toEqual({ ResultCode: -1, ResultMsg: '系统繁忙，请稍后再试' });
    expect((await his.fail('/card/update', { patient_id: zhangwei().id })).code).toBe(0);
    await his.ok('/getPatient', { op_flag: 1, patient_id: zhangwei().id });
  });

  it('answers HTTP 500 and malformed JSON without applying anything', async () => {
    const before = zhangwei().balanceFen;
    const { body } = await topUp(10, 'WX5500000001');
    await admin.addFault({ path: '/recharge', mode: 'http500', times: 1 });
    const five = await his.raw('/recharge', body);
    expect(five.status).toBe(500);
    expect(five.json).toBeUndefined();
    await admin.addFault({ path: '/recharge', mode: 'malformed', times: 1 });
    const broken = await his.raw('/recharge', body);
    expect(broken.status).toBe(200);
    expect(broken.contentType).toContain('application/json');
    expect(broken.json).toBeUndefined();
    expect(zhangwei().balanceFen).toBe(before);
    await his.ok('/recharge', body);
    expect(zhangwei().balanceFen).toBe(before + 1000);
  });

  it('does not answer at all, until the client gives up', async () => {
    await admin.addFault({ path: '/getPatient', mode: 'timeout', times: 1 });
    await expect(his.raw('/getPatient', { op_flag: 1, patient_id: zhangwei().id }, { timeoutMs: 300 })).rejects.toThrow(/abort|timeout/i);
    await his.ok('/getPatient', { op_flag: 1, patient_id: zhangwei().id });
  });

  it('applies the change, then answers with failure or not at all: what makes payments hard', async () => {
    const before = zhangwei().balanceFen;
    const first = await topUp(30, 'WX5500000002');
    await admin.addFault({ path: '/recharge', mode: 'applyThenFail', msg: '充值失败', times: 1 });
    expect((await his.fail('/recharge', first.body)).msg).toBe('充值失败');
    expect(zhangwei().balanceFen).toBe(before + 3000);
    const applied = await his.raw('/requestSucess', { bill_no: first.orderNo, bill_id: 'WX5500000002', check_reason: '充值超时确认' });
    expect(applied.json).toEqual({ head: { code: 1, msg: '交互成功' } });
    expect((await his.fail('/recharge', first.body)).msg).toBe('该订单已充值，请勿重复提交');

    const second = await topUp(20, 'WX5500000003');
    await admin.addFault({ path: '/recharge', mode: 'applyThenTimeout', times: 1 });
    await expect(his.raw('/recharge', second.body, { timeoutMs: 300 })).rejects.toThrow(/abort|timeout/i);
    expect(zhangwei().balanceFen).toBe(before + 5000);
  });

  it('validates fault specs and lists and removes faults', async () => {
    await expect(admin.addFault({ path: '/nope', mode: 'fail' })).rejects.toThrow(/HTTP 400/);
    await expect(admin.call('POST', '/faults', { path: '/getPatient', mode: 'explode' })).rejects.toThrow(/HTTP 400/);
    await expect(admin.call('POST', '/faults', { path: '/getPatient' })).rejects.toThrow(/HTTP 400/);
    const [fault] = (await admin.addFault({ path: '/getPatient', mode: 'fail', times: 3 })) as Array<{ id: string }>;
    expect(await admin.call('GET', '/faults')).toEqual([expect.objectContaining({ id: fault?.id, path: '/getPatient', mode: 'fail', times: 3, hits: 0 })]);
    await admin.call('DELETE', `/faults/${fault?.id ?? ''}`);
    expect(await admin.call('GET', '/faults')).toEqual([]);
  });
});

describe('admin API', () => {
  it('needs the token', async () => {
    expect((await fetch(`${sandbox.origin}/__sandbox/faults`)).status).toBe(401);
    expect((await fetch(`${sandbox.origin}/__sandbox/faults`, { headers: { 'x-sandbox-token': 'wrong' } })).status).toBe(401);
    expect((await fetch(`${sandbox.origin}/__sandbox/faults`, { headers: { authorization: `Bearer ${sandbox.config.adminToken}` } })).status).toBe(200);
    expect((await fetch(`${sandbox.origin}/__sandbox/health`)).status).toBe(200);
  });

  it('lists the demo patients with their ids', async () => {
    const res = await fetch(`${sandbox.origin}/__sandbox/demo-patients`);
    const list = (await res.json()) as Array<{ name: string; patientId: string; idNo: string; inpatientNo: string }>;
    expect(list.map((p) => p.name)).toEqual(['张伟', '李秀英', '王芳', '刘子轩', '陈静', '赵国强']);
    expect(list[0]?.patientId).toBe(zhangwei().id);
    expect(list[1]?.inpatientNo).toMatch(/^\d{8}$/);
  });

  it('moves the clock and counts calls, peak concurrency included', async () => {
    const today = sandbox.clock.today();
    expect(await admin.setClock(`${today} 09:00:00`)).toMatchObject({ now: `${today} 09:00:00` });
    expect(await admin.advanceMinutes(90)).toMatchObject({ now: `${today} 10:30:00` });
    await admin.call('POST', '/clock', { reset: true });
    await admin.call('POST', '/stats/reset');
    await admin.addFault({ path: '/getPatient', latencyMs: 200 });
    await Promise.all(Array.from({ length: 5 }, () => his.ok('/getPatient', { op_flag: 1, patient_id: zhangwei().id })));
    const stats = await admin.stats();
    expect(stats.calls['/getPatient']).toBe(5);
    expect(stats.peakInFlight).toBe(5);
    expect(stats.inFlight).toBe(0);
  });

  it('resets to the seeded state', async () => {
    const p = zhangwei();
    const seeded = p.balanceFen;
    p.balanceFen += 12345;
    await admin.addFault({ path: '*', mode: 'fail' });
    await admin.reset();
    expect(zhangwei().balanceFen).toBe(sandbox.store.patients().find((x) => x.demo === 'zhangwei')?.balanceFen);
    expect(zhangwei().balanceFen).not.toBe(seeded + 12345);
    expect(await admin.call('GET', '/faults')).toEqual([]);
    await his.ok('/getPatient', { op_flag: 1, patient_id: zhangwei().id });
  });
});

describe('configuration', () => {
  it('serves the HIS under a path prefix, keeps the same data for the same seed, saves and loads snapshots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'his-'));
    const snapshotFile = join(dir, 'state.json');
    const a = await startHisSandbox({ prefix: '/his', seed: 7, snapshotFile });
    const b = await startHisSandbox({ seed: 7 });
    try {
      expect(a.url).toMatch(/\/his$/);
      const viaPrefix = hisClient(a.url);
      const first = a.store.patients().find((p) => !p.demo);
      expect(first).toEqual(b.store.patients().find((p) => !p.demo));
      expect(a.store.core.doctors).toEqual(b.store.core.doctors);
      await viaPrefix.ok('/getPatient', { op_flag: 1, patient_id: first?.id ?? '' });
      expect((await fetch(`${a.origin}/getPatient`, { method: 'POST' })).status).toBe(404);
      const p = a.store.patients()[0];
      if (p) p.balanceFen = 4242;
    } finally {
      await a.close();
      await b.close();
    }
    expect(JSON.parse(readFileSync(snapshotFile, 'utf8')).core.patients['20000001'].balanceFen).toBe(4242);
    const c = await startHisSandbox({ prefix: '/his', seed: 7, snapshotFile });
    try {
      expect(c.store.patient('20000001')?.balanceFen).toBe(4242);
    } finally {
      await c.close();
    }
  });

  it('differs with another seed', () => {
    const other = startHisSandbox({ seed: 8 });
    return other.then(async (s) => {
      expect(s.store.core.doctors.map((d) => d.name)).not.toEqual(sandbox.store.core.doctors.map((d) => d.name));
      await s.close();
    });
  });

  it('closes while a call is held open by a timeout fault', async () => {
    const s = await startHisSandbox();
    s.faults.add({ path: '/getPatient', mode: 'timeout' });
    const pending = hisClient(s.url).raw('/getPatient', { op_flag: 1 }, { timeoutMs: 5000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(String(await pending)).toMatch(/Error/);
  });
});
