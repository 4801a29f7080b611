import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerify } from 'node:crypto';
import type { ForgeKind } from './faults';
import { generateMerchantKeys } from './keys';
import { RETRY_SCHEDULE_MS, type NotificationRecord } from './notifier';
import { startWechatSandbox } from './sandbox';
import { useWechatSandbox } from './test-harness';
import { decryptResource, eventually, sandboxOptionsFor, startNotifyReceiver, verifyPlatformSignature, wechatAdmin, type ReceivedNotification } from './testing';

const t = useWechatSandbox({ timeScale: 0.001, refundDelayMs: 10_000 });
let seq = 0;
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

beforeEach(() => t.sandbox.reset());

async function prepaidOrder(notifyUrl: string, total = 4000): Promise<string> {
  const no = `N${Date.now()}${String((seq += 1)).padStart(4, '0')}`;
  const res = await t.pay.request('POST', '/v3/pay/transactions/jsapi', {
    appid: t.sandbox.config.appid,
    mchid: t.sandbox.config.mchid,
    description: '核酸检测预约-单人单检',
    out_trade_no: no,
    notify_url: notifyUrl,
    amount: { total, currency: 'CNY' },
    payer: { openid: OPENID },
  });
  expect(res.status).toBe(200);
  return no;
}

const headerGetter = (n: ReceivedNotification) => ({ get: (name: string) => (n.headers[name] as string | undefined) ?? null });

interface Envelope {
  id: string;
  create_time: string;
  resource_type: string;
  event_type: string;
  summary: string;
  resource: { original_type: string; algorithm: string; ciphertext: string; associated_data: string; nonce: string };
}

const envelope = (n: ReceivedNotification) => JSON.parse(n.body) as Envelope;
const genuine = (n: ReceivedNotification) => verifyPlatformSignature(headerGetter(n), n.body, t.sandbox.platformKey);
const plaintext = (n: ReceivedNotification) => decryptResource(envelope(n).resource, t.merchant.apiV3Key) as Record<string, unknown>;
const records = () => t.sandbox.notifier.all();

describe('payment notifications', () => {
  it('delivers the documented, signed and encrypted TRANSACTION.SUCCESS body once acknowledged', async () => {
    const receiver = await startNotifyReceiver();
    try {
      const no = await prepaidOrder(receiver.url);
      await t.admin.pay(no);
      const [n] = await receiver.waitFor(1);
      if (!n) throw new Error('no notification');
      expect(genuine(n)).toBe(true);
      expect(n.headers['content-type']).toBe('application/json');
      expect(n.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
      expect(envelope(n)).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        create_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/) as unknown,
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: expect.any(String) as unknown, associated_data: 'transaction', nonce: expect.stringMatching(/^[0-9A-Za-z]{12}$/) as unknown },
      });
      const tx = t.sandbox.payments.find(no);
      expect(plaintext(n)).toMatchObject({ out_trade_no: no, transaction_id: tx?.transactionId, trade_state: 'SUCCESS', amount: { total: 4000, payer_total: 4000, currency: 'CNY', payer_currency: 'CNY' }, payer: { openid: OPENID }, appid: t.sandbox.config.appid, mchid: t.sandbox.config.mchid });
      await eventually(() => records()[0]?.state === 'acked');
      expect(records()[0]?.attempts).toEqual([expect.objectContaining({ status: 204, acked: true })]);
    } finally {
      await receiver.close();
    }
  });

  it('retries on WeChat’s (scaled) schedule until acknowledged, with the same notification each time', async () => {
    const receiver = await startNotifyReceiver({ failFirst: 3 });
    try {
      const no = await prepaidOrder(receiver.url);
      await t.admin.pay(no);
      const got = await receiver.waitFor(4);
      expect(got.map((n) => n.status)).toEqual([500, 500, 500, 204]);
      expect(new Set(got.map((n) => envelope(n).id)).size).toBe(1);
      expect(new Set(got.map((n) => n.body)).size).toBe(1);
      expect(new Set(got.map((n) => n.headers['wechatpay-nonce'])).size).toBe(4);
      expect(got.every(genuine)).toBe(true);
      // The gaps follow 15 s, 15 s, 30 s × 0.001 (timers never fire early).
      const gaps = got.slice(1).map((n, i) => n.at - (got[i]?.at ?? 0));
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((RETRY_SCHEDULE_MS[i] ?? 0) * 0.001 - 2));
      await eventually(() => records()[0]?.state === 'acked');
      const stats = (await t.admin.call('GET', '/stats')) as { notifications: Record<string, number> };
      expect(stats.notifications).toMatchObject({ notifications: 1, acked: 1, attempts: 4, ackedAttempts: 1, failedAttempts: 3, pending: 0 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(receiver.received).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the 16th attempt (1 + 15 retries), and delivers again on demand', async () => {
    const merchant = generateMerchantKeys();
    const fast = await startWechatSandbox(sandboxOptionsFor(merchant, { timeScale: 0.00002 }));
    const receiver = await startNotifyReceiver({ failFirst: 1_000, failStatus: 503 });
    try {
      const admin = wechatAdmin(fast.url, fast.config.adminToken);
      const { merchantClient } = await import('./testing');
      const pay = merchantClient(fast, merchant);
      await pay.request('POST', '/v3/pay/transactions/jsapi', { appid: fast.config.appid, mchid: fast.config.mchid, description: '挂号费', out_trade_no: 'G20261129001', notify_url: receiver.url, amount: { total: 1200 }, payer: { openid: OPENID } });
      await admin.pay('G20261129001');
      const record = await eventually(() => fast.notifier.all().find((r) => r.state === 'failed'), 10_000, 'failed notification');
      expect(record.attempts).toHaveLength(RETRY_SCHEDULE_MS.length + 1);
      expect(receiver.received).toHaveLength(16);
      receiver.failNext(0);
      const attempt = (await admin.call('POST', `/notifications/${record.id}/redeliver`)) as Record<string, unknown>;
      expect(attempt).toMatchObject({ status: 204, acked: true, manual: true });
      expect(fast.notifier.get(record.id)?.state).toBe('acked');
    } finally {
      await receiver.close();
      await fast.close();
      expect(fast.internalErrors).toEqual([]);
    }
  }, 30_000);

  it('counts a merchant that does not answer within the timeout as a failed attempt', async () => {
    const merchant = generateMerchantKeys();
    const impatient = await startWechatSandbox(sandboxOptionsFor(merchant, { timeScale: 0.001, notifyTimeoutMs: 150 }));
    let calls = 0;
    const hanging = createServer((req, res) => {
      calls += 1;
      if (calls > 1) res.writeHead(200).end();
      req.resume();
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const { merchantClient } = await import('./testing');
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/notify`;
      await merchantClient(impatient, merchant).request('POST', '/v3/pay/transactions/jsapi', { appid: impatient.config.appid, mchid: impatient.config.mchid, description: '挂号费', out_trade_no: 'H20261129001', notify_url: url, amount: { total: 1200 }, payer: { openid: OPENID } });
      await wechatAdmin(impatient.url, impatient.config.adminToken).pay('H20261129001');
      const record = await eventually(() => impatient.notifier.all().find((r) => r.state === 'acked'), 5_000, 'acked');
      expect(record.attempts.map((a) => ({ status: a.status, acked: a.acked, error: a.error }))).toEqual([
        { status: undefined, acked: false, error: 'no answer within 150 ms' },
        { status: 200, acked: true, error: undefined },
      ]);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await impatient.close();
      expect(impatient.internalErrors).toEqual([]);
    }
  });
});

describe('notification faults', () => {
  let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>;
  beforeEach(async () => {
    receiver = await startNotifyReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('none: never notifies', async () => {
    const no = await prepaidOrder(receiver.url);
    await t.admin.addFault('notifications', { outTradeNo: no, mode: 'none' });
    await t.admin.pay(no);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toEqual([]);
    expect(records()[0]?.state).toBe('suppressed');
  });

  it('delay: the first delivery comes delayMs later', async () => {
    const no = await prepaidOrder(receiver.url);
    await t.admin.addFault('notifications', { outTradeNo: '*', mode: 'delay', delayMs: 250 });
    const paidAt = Date.now();
    await t.admin.pay(no);
    const [n] = await receiver.waitFor(1);
    expect((n?.at ?? 0) - paidAt).toBeGreaterThanOrEqual(240);
  });

  it('duplicate: delivers the same notification count times', async () => {
    const no = await prepaidOrder(receiver.url);
    await t.admin.addFault('notifications', { outTradeNo: no, mode: 'duplicate', count: 3 });
    await t.admin.pay(no);
    const got = await receiver.waitFor(3);
    expect(new Set(got.map((n) => envelope(n).id)).size).toBe(1);
    expect(got.every(genuine)).toBe(true);
    await eventually(() => records()[0]?.attempts.length === 3);
    expect(records()[0]?.attempts.map((a) => Boolean(a.duplicate))).toEqual([false, true, true]);
  });

  it('faults apply to their order only, and `times` uses them up', async () => {
    const a = await prepaidOrder(receiver.url);
    const b = await prepaidOrder(receiver.url);
    await t.admin.addFault('notifications', { outTradeNo: a, mode: 'none', times: 1 });
    await t.admin.pay(b);
    await t.admin.pay(a);
    await receiver.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received.map((n) => plaintext(n).out_trade_no)).toEqual([b]);
    expect((await t.admin.call('GET', '/faults')) as Record<string, unknown[]>).toMatchObject({ notifications: [] });
  });

  const forgedCases: Array<[ForgeKind, (n: ReceivedNotification) => void]> = [
    ['badSignature', (n) => {
      expect(genuine(n)).toBe(false);
      expect(plaintext(n).trade_state).toBe('SUCCESS');
    }],
    ['staleTimestamp', (n) => {
      expect(genuine(n)).toBe(true);
      expect(Date.now() / 1000 - Number(n.headers['wechatpay-timestamp'])).toBeGreaterThan(300);
    }],
    ['wrongKey', (n) => {
      expect(n.headers['wechatpay-serial']).toBe(t.sandbox.platformKey.publicKeyId);
      expect(genuine(n)).toBe(false);
    }],
    ['unknownSerial', (n) => {
      expect(n.headers['wechatpay-serial']).toMatch(/^PUB_KEY_ID_\d{32}$/);
      expect(n.headers['wechatpay-serial']).not.toBe(t.sandbox.platformKey.publicKeyId);
      const h = n.headers;
      expect(createVerify('RSA-SHA256').update(`${String(h['wechatpay-timestamp'])}\n${String(h['wechatpay-nonce'])}\n${n.body}\n`).verify(t.sandbox.platformKey.publicKeyPem, String(h['wechatpay-signature']), 'base64')).toBe(true);
    }],
    ['wrongApiV3Key', (n) => {
      expect(genuine(n)).toBe(true);
      expect(() => plaintext(n)).toThrow();
    }],
    ['wrongAmount', (n) => {
      expect(genuine(n)).toBe(true);
      expect(plaintext(n).amount).toEqual({ total: 4100, payer_total: 4100, currency: 'CNY', payer_currency: 'CNY' });
    }],
    ['wrongAppid', (n) => {
      expect(genuine(n)).toBe(true);
      expect(plaintext(n).appid).toBe('wx0000000000000000');
    }],
    ['wrongMchid', (n) => {
      expect(genuine(n)).toBe(true);
      expect(plaintext(n).mchid).toBe('1900000001');
    }],
  ];

  it.each(forgedCases)('forged %s: one forged delivery, then the genuine notification', async (kind, check) => {
    const no = await prepaidOrder(receiver.url);
    await t.admin.addFault('notifications', { outTradeNo: no, mode: 'forged', kind });
    await t.admin.pay(no);
    const [forged, real] = await receiver.waitFor(2);
    if (!forged || !real) throw new Error('expected two deliveries');
    check(forged);
    expect(envelope(forged).id).not.toBe(envelope(real).id);
    expect(genuine(real)).toBe(true);
    expect(plaintext(real)).toMatchObject({ out_trade_no: no, amount: { total: 4000 }, appid: t.sandbox.config.appid, mchid: t.sandbox.config.mchid });
    await eventually(() => records()[0]?.state === 'acked');
    expect(records()[0]?.attempts.map((a) => a.forged ?? null)).toEqual([kind, null]);
  });

  it('refuses fault specs that make no sense', async () => {
    await expect(t.admin.addFault('notifications', { outTradeNo: '*', mode: 'forged' })).rejects.toThrow(/HTTP 400/);
    await expect(t.admin.addFault('notifications', { outTradeNo: '*', mode: 'duplicate', count: 1 })).rejects.toThrow(/HTTP 400/);
    await expect(t.admin.addFault('notifications', { outTradeNo: '*', mode: 'forged', kind: 'wrongAppid', event: 'refund' })).rejects.toThrow(/HTTP 400/);
    await expect(t.admin.addFault('refunds', { outTradeNo: '*', outcome: 'lost' })).rejects.toThrow(/HTTP 400/);
  });
});

describe('refund notifications', () => {
  it('notifies REFUND.SUCCESS when the refund had a notify_url, and nothing otherwise', async () => {
    const receiver = await startNotifyReceiver();
    try {
      const no = await prepaidOrder(receiver.url);
      await t.admin.pay(no);
      await receiver.waitFor(1);
      const silent = await t.pay.request('POST', '/v3/refund/domestic/refunds', { out_trade_no: no, out_refund_no: `S${no}`, amount: { refund: 1000, total: 4000, currency: 'CNY' } });
      expect(silent.status).toBe(200);
      const told = await t.pay.request('POST', '/v3/refund/domestic/refunds', { out_trade_no: no, out_refund_no: `R${no}`, notify_url: receiver.url, amount: { refund: 3000, total: 4000, currency: 'CNY' } });
      expect(told.status).toBe(200);
      const [, n] = await receiver.waitFor(2);
      if (!n) throw new Error('no refund notification');
      expect(genuine(n)).toBe(true);
      expect(envelope(n)).toMatchObject({ event_type: 'REFUND.SUCCESS', summary: '退款成功', resource: { original_type: 'refund', associated_data: 'refund' } });
      const refund = t.sandbox.state.refunds.get(`R${no}`);
      expect(plaintext(n)).toEqual({
        mchid: t.sandbox.config.mchid,
        out_trade_no: no,
        transaction_id: t.sandbox.payments.find(no)?.transactionId,
        out_refund_no: `R${no}`,
        refund_id: refund?.refundId,
        refund_status: 'SUCCESS',
        success_time: expect.stringMatching(/\+08:00$/) as unknown,
        user_received_account: '支付用户零钱',
        amount: { total: 4000, refund: 3000, payer_total: 4000, payer_refund: 3000 },
      });
      await eventually(() => t.sandbox.state.refunds.get(`S${no}`)?.status === 'SUCCESS');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(receiver.received).toHaveLength(2);
      expect(records().map((r: NotificationRecord) => r.eventType)).toEqual(['TRANSACTION.SUCCESS', 'REFUND.SUCCESS']);
    } finally {
      await receiver.close();
    }
  });

  it('notifies REFUND.ABNORMAL for a refund that ends abnormal', async () => {
    const receiver = await startNotifyReceiver();
    try {
      const no = await prepaidOrder(receiver.url);
      await t.admin.addFault('notifications', { outTradeNo: no, event: 'transaction', mode: 'none' });
      await t.admin.addFault('refunds', { outTradeNo: no, outcome: 'abnormal' });
      await t.admin.pay(no);
      await t.pay.request('POST', '/v3/refund/domestic/refunds', { out_trade_no: no, out_refund_no: `R${no}`, notify_url: receiver.url, amount: { refund: 4000, total: 4000, currency: 'CNY' } });
      const [n] = await receiver.waitFor(1);
      if (!n) throw new Error('no refund notification');
      expect(envelope(n)).toMatchObject({ event_type: 'REFUND.ABNORMAL', summary: '退款异常' });
      expect(plaintext(n)).toMatchObject({ refund_status: 'ABNORMAL' });
      expect(plaintext(n)).not.toHaveProperty('success_time');
    } finally {
      await receiver.close();
    }
  });
});
