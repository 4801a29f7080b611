import type { ForgeKind } from '../../wechat-sandbox/faults';
import { generatePlatformKey } from '../../wechat-sandbox/keys';
import { eventually, startNotifyReceiver, type ReceivedNotification } from '../../wechat-sandbox/testing';
import {
  WechatNotificationMismatch,
  WechatPayDecryptionFailed,
  WechatPayHeadersIncomplete,
  WechatPayRejected,
  WechatPaySignatureMismatch,
  WechatPayTimestampOffset,
  WechatPayUnknownSerial,
  WechatUnavailable,
  type WechatError,
} from './errors';
import type { WechatOptions } from './options';
import { cashierUrl, createWechatPay, rfc3339Cst, type WechatPay } from './pay';
import { adapterOptionsFor, useSandboxForAdapter } from './testing';

const t = useSandboxForAdapter({ timeScale: 0.001, refundDelayMs: 10_000 });
let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>;
let pay: WechatPay;
let seq = 0;
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const RESULT_PAGE = 'http://127.0.0.1:10086/#/packages/payment/pages/result/index?orderId=7';

const options = (extra: Partial<WechatOptions> = {}) => adapterOptionsFor(t.sandbox, t.merchant, receiver.url, extra);

beforeAll(async () => {
  receiver = await startNotifyReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  t.sandbox.reset();
  receiver.received.splice(0);
  pay = createWechatPay(options());
});

const nextNo = () => `B${Date.now()}${String((seq += 1)).padStart(4, '0')}`;

async function rejection(p: Promise<unknown>): Promise<WechatError> {
  try {
    await p;
  } catch (err) {
    return err as WechatError;
  }
  throw new Error('expected a rejection');
}

async function prepay(amountFen = 13510, extra: { timeExpire?: Date } = {}): Promise<{ outTradeNo: string; prepayId: string }> {
  const outTradeNo = nextNo();
  const { prepayId } = await pay.prepayJsapi({ outTradeNo, description: '门诊缴费-心血管内科', amountFen, openid: OPENID, attach: 'bill=42', ...extra });
  return { outTradeNo, prepayId };
}

/** The payer presses 确认支付 on the sandbox's cashier, as the H5 build's browser would. */
async function payAtCashier(prepayId: string): Promise<string | null> {
  const page = await fetch(cashierUrl(t.sandbox.url, t.sandbox.config.appid, pay.requestPaymentParams(prepayId), RESULT_PAGE));
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = new URLSearchParams({ action: 'pay' });
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) if (m[1]) form.set(m[1], (m[2] ?? '').replace(/&amp;/g, '&'));
  const done = await fetch(`${t.sandbox.url}/cashier/action`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
  expect(done.status).toBe(303);
  return done.headers.get('location');
}

const verify = (n: ReceivedNotification | undefined, expect?: Parameters<WechatPay['verifyNotification']>[2]) => {
  if (!n) throw new Error('no notification');
  return pay.verifyNotification(n.headers, n.body, expect);
};

describe('a payment, end to end', () => {
  it('prepay → requestPaymentParams → cashier → a verified notification decrypted to the transaction', async () => {
    const { outTradeNo, prepayId } = await prepay();
    expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    const params = pay.requestPaymentParams(prepayId);
    expect(params).toEqual({ timeStamp: expect.stringMatching(/^\d{10}$/) as unknown, nonceStr: expect.stringMatching(/^[0-9A-F]{32}$/) as unknown, package: `prepay_id=${prepayId}`, signType: 'RSA', paySign: expect.any(String) as unknown });

    expect(await payAtCashier(prepayId)).toBe(`${RESULT_PAGE}&result=success`);
    const [n] = await receiver.waitFor(1);
    const event = await verify(n, { order: (no) => (no === outTradeNo ? { totalFen: 13510 } : undefined) });
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      createTime: expect.stringMatching(/\+08:00$/) as unknown,
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      kind: 'transaction',
      transaction: {
        appid: t.sandbox.config.appid,
        mchid: t.sandbox.config.mchid,
        outTradeNo,
        transactionId: t.sandbox.payments.find(outTradeNo)?.transactionId,
        tradeType: 'JSAPI',
        tradeState: 'SUCCESS',
        tradeStateDesc: '支付成功',
        bankType: 'OTHERS',
        attach: 'bill=42',
        successTime: expect.stringMatching(/\+08:00$/) as unknown,
        openid: OPENID,
        totalFen: 13510,
        payerTotalFen: 13510,
        currency: 'CNY',
      },
    });
    const queried = await pay.queryByOutTradeNo(outTradeNo);
    expect(queried).toEqual(event.kind === 'transaction' ? event.transaction : undefined);
  });

  it('sends time_expire in RFC 3339 (China time); the sandbox closes the order after it', async () => {
    const expire = new Date(Date.now() + 10 * 60_000);
    const { outTradeNo } = await prepay(100, { timeExpire: expire });
    expect(t.sandbox.payments.find(outTradeNo)?.timeExpire).toBe(Math.floor(expire.getTime() / 1000) * 1000);
    expect(rfc3339Cst(new Date('2026-11-29T04:00:00Z'))).toBe('2026-11-29T12:00:00+08:00');
    t.sandbox.clock.advance(11 * 60_000);
    expect(await pay.queryByOutTradeNo(outTradeNo)).toMatchObject({ tradeState: 'CLOSED', tradeStateDesc: '订单已关闭' });
  });

  it('answers the same prepay id to a repeated prepay, OUT_TRADE_NO_USED to a changed one', async () => {
    const { outTradeNo, prepayId } = await prepay();
    const again = await pay.prepayJsapi({ outTradeNo, description: '门诊缴费-心血管内科', amountFen: 13510, openid: OPENID, attach: 'bill=42' });
    expect(again.prepayId).toBe(prepayId);
    const changed = await rejection(pay.prepayJsapi({ outTradeNo, description: '门诊缴费-心血管内科', amountFen: 100, openid: OPENID, attach: 'bill=42' }));
    expect(changed).toBeInstanceOf(WechatPayRejected);
    expect(changed).toMatchObject({ status: 403, code: 'OUT_TRADE_NO_USED', wechatMessage: '商户订单号重复', requestId: expect.stringMatching(/^08/) as unknown });
    await expect(pay.prepayJsapi({ outTradeNo: nextNo(), description: 'x', amountFen: 1.5, openid: OPENID })).rejects.toThrow(RangeError);
  });
});

describe('verifyNotification rejects every forged kind with its named error', () => {
  const cases: Array<[ForgeKind, new (...args: never[]) => WechatError, Record<string, unknown>]> = [
    ['badSignature', WechatPaySignatureMismatch, { reason: 'SIGNATURE_MISMATCH' }],
    ['wrongKey', WechatPaySignatureMismatch, { reason: 'SIGNATURE_MISMATCH' }],
    ['staleTimestamp', WechatPayTimestampOffset, { reason: 'TIMESTAMP_OFFSET' }],
    ['unknownSerial', WechatPayUnknownSerial, { reason: 'UNKNOWN_SERIAL' }],
    ['wrongApiV3Key', WechatPayDecryptionFailed, { reason: 'DECRYPTION_FAILED' }],
    ['wrongAmount', WechatNotificationMismatch, { field: 'amount', expected: 4000, actual: 4100 }],
    ['wrongAppid', WechatNotificationMismatch, { field: 'appid', actual: 'wx0000000000000000' }],
    ['wrongMchid', WechatNotificationMismatch, { field: 'mchid', actual: '1900000001' }],
  ];

  it.each(cases.map(([kind, errorClass, fields]) => [kind, errorClass.name, errorClass, fields] as const))('%s → %s', async (kind, _name, errorClass, fields) => {
    const { outTradeNo } = await prepay(4000);
    t.sandbox.faults.notifications.add({ outTradeNo, mode: 'forged', kind });
    t.sandbox.payments.pay(t.sandbox.payments.find(outTradeNo) ?? fail('no order'), 'success');
    const [forged, genuine] = await receiver.waitFor(2);
    const expectations = { order: (no: string) => (no === outTradeNo ? { totalFen: 4000 } : undefined) };
    const err = await rejection(verify(forged, expectations));
    expect(err).toBeInstanceOf(errorClass);
    expect(err).toMatchObject(fields);
    const ok = await verify(genuine, expectations);
    expect(ok.kind === 'transaction' && ok.transaction.outTradeNo).toBe(outTradeNo);
  });

  it('an order the BFF does not know → WechatNotificationMismatch out_trade_no', async () => {
    const { prepayId } = await prepay(4000);
    await payAtCashier(prepayId);
    const [n] = await receiver.waitFor(1);
    expect(await rejection(verify(n, { order: () => undefined }))).toMatchObject({ name: 'WechatNotificationMismatch', field: 'out_trade_no' });
  });

  it('missing headers → WechatPayHeadersIncomplete; a body that is not the signed one → SignatureMismatch', async () => {
    const { prepayId } = await prepay(4000);
    await payAtCashier(prepayId);
    const [n] = await receiver.waitFor(1);
    if (!n) throw new Error('no notification');
    const { 'wechatpay-signature': _dropped, ...rest } = n.headers;
    expect(await rejection(pay.verifyNotification(rest, n.body))).toBeInstanceOf(WechatPayHeadersIncomplete);
    expect(await rejection(pay.verifyNotification(n.headers, `${n.body}\n`))).toBeInstanceOf(WechatPaySignatureMismatch);
    const capitalised = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`), v]));
    expect((await pay.verifyNotification(capitalised, n.body)).kind).toBe('transaction');
  });
});

describe('close, refund and refund query', () => {
  it('closes an unpaid order', async () => {
    const { outTradeNo } = await prepay();
    await expect(pay.closeOrder(outTradeNo)).resolves.toBeUndefined();
    expect(await pay.queryByOutTradeNo(outTradeNo)).toMatchObject({ tradeState: 'CLOSED' });
    const unknown = await rejection(pay.queryByOutTradeNo('B000000404'));
    expect(unknown).toMatchObject({ name: 'WechatPayRejected', status: 404, code: 'ORDER_NOT_EXIST', wechatMessage: '订单不存在' });
  });

  it('refunds, queries the refund, and verifies the REFUND.SUCCESS notification', async () => {
    const { outTradeNo, prepayId } = await prepay(13510);
    await payAtCashier(prepayId);
    await receiver.waitFor(1);
    const refund = await pay.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refundFen: 5000, totalFen: 13510, reason: '挂号取消' });
    expect(refund).toEqual({
      refundId: expect.stringMatching(/^50\d{27}$/) as unknown,
      outRefundNo: `R${outTradeNo}`,
      transactionId: t.sandbox.payments.find(outTradeNo)?.transactionId,
      outTradeNo,
      status: 'PROCESSING',
      channel: 'ORIGINAL',
      userReceivedAccount: '支付用户零钱',
      createTime: expect.stringMatching(/\+08:00$/) as unknown,
      refundFen: 5000,
      totalFen: 13510,
      payerRefundFen: 5000,
      currency: 'CNY',
    });
    expect((await pay.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refundFen: 5000, totalFen: 13510, reason: '挂号取消' })).refundId).toBe(refund.refundId);
    const [, n] = await receiver.waitFor(2);
    const event = await verify(n, { refund: (no) => (no === `R${outTradeNo}` ? { refundFen: 5000 } : undefined) });
    expect(event).toMatchObject({ eventType: 'REFUND.SUCCESS', kind: 'refund', refund: { outRefundNo: `R${outTradeNo}`, refundId: refund.refundId, status: 'SUCCESS', refundFen: 5000, totalFen: 13510 } });
    expect(await rejection(verify(n, { refund: () => ({ refundFen: 4999 }) }))).toMatchObject({ name: 'WechatNotificationMismatch', field: 'amount' });
    expect(await pay.queryRefund(`R${outTradeNo}`)).toMatchObject({ status: 'SUCCESS', successTime: expect.stringMatching(/\+08:00$/) as unknown });
    expect(await pay.queryByOutTradeNo(outTradeNo)).toMatchObject({ tradeState: 'REFUND' });
  });

  it('maps refund refusals: more than paid, unknown order, unknown refund', async () => {
    const { outTradeNo, prepayId } = await prepay(1000);
    await payAtCashier(prepayId);
    const tooMuch = await rejection(pay.refund({ outTradeNo, outRefundNo: `R${outTradeNo}`, refundFen: 1000, totalFen: 1000, notifyUrl: null }).then(() => pay.refund({ outTradeNo, outRefundNo: `S${outTradeNo}`, refundFen: 1, totalFen: 1000, notifyUrl: null })));
    expect(tooMuch).toMatchObject({ name: 'WechatPayRejected', status: 400, code: 'INVALID_REQUEST' });
    expect(await rejection(pay.refund({ outTradeNo: 'B404', outRefundNo: 'R404', refundFen: 1, totalFen: 1 }))).toMatchObject({ code: 'RESOURCE_NOT_EXISTS' });
    expect(await rejection(pay.queryRefund('R404'))).toMatchObject({ status: 404, code: 'RESOURCE_NOT_EXISTS' });
    expect(t.sandbox.state.refunds.get(`R${outTradeNo}`)?.notifyUrl).toBeUndefined();
  });
});

describe('unavailable WeChat Pay and untrustworthy answers', () => {
  it('maps SYSTEM_ERROR, a gateway 500 and a timeout to WechatUnavailable (the outcome is unknown: query)', async () => {
    const quick = createWechatPay(options({ timeoutMs: 300 }));
    t.sandbox.faults.api.add({ api: 'prepay', mode: 'applyThenError', times: 1 });
    const outTradeNo = nextNo();
    const input = { outTradeNo, description: '挂号费', amountFen: 1200, openid: OPENID };
    expect(await rejection(quick.prepayJsapi(input))).toMatchObject({ name: 'WechatUnavailable', reason: 'http5xx', status: 500, code: 'SYSTEM_ERROR' });
    expect(await quick.queryByOutTradeNo(outTradeNo)).toMatchObject({ tradeState: 'NOTPAY' });
    t.sandbox.faults.api.add({ api: 'query', mode: 'http500', times: 1 });
    expect(await rejection(quick.queryByOutTradeNo(outTradeNo))).toMatchObject({ name: 'WechatUnavailable', reason: 'http5xx', status: 500, code: undefined });
    t.sandbox.faults.api.add({ api: 'close', mode: 'timeout', times: 1 });
    const timedOut = await rejection(quick.closeOrder(outTradeNo));
    expect(timedOut).toBeInstanceOf(WechatUnavailable);
    expect(timedOut).toMatchObject({ reason: 'timeout' });
  });

  it('refuses answers signed by another key, under another serial, or unsigned', async () => {
    const { outTradeNo } = await prepay();
    const other = generatePlatformKey();
    const wrongKey = createWechatPay(options({ pay: { ...options().pay, platformPublicKeyPem: other.publicKeyPem } }));
    expect(await rejection(wrongKey.queryByOutTradeNo(outTradeNo))).toBeInstanceOf(WechatPaySignatureMismatch);
    const wrongId = createWechatPay(options({ pay: { ...options().pay, platformPublicKeyId: other.publicKeyId } }));
    const unknownSerial = await rejection(wrongId.queryByOutTradeNo(outTradeNo));
    expect(unknownSerial).toBeInstanceOf(WechatPayUnknownSerial);
    expect(unknownSerial.requestId).toMatch(/^08[0-9A-F]{32}$/);
    const stripping = createWechatPay(
      options({
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          const headers = new Headers(res.headers);
          headers.delete('wechatpay-signature');
          return new Response(await res.text(), { status: res.status, headers });
        },
      }),
    );
    expect(await rejection(stripping.queryByOutTradeNo(outTradeNo))).toBeInstanceOf(WechatPayHeadersIncomplete);
    const tampering = createWechatPay(
      options({
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          return new Response((await res.text()).replace('NOTPAY', 'SUCCESS'), { status: res.status, headers: res.headers });
        },
      }),
    );
    expect(await rejection(tampering.queryByOutTradeNo(outTradeNo))).toBeInstanceOf(WechatPaySignatureMismatch);
  });

  it('refuses an answer whose timestamp is beyond 5 minutes of the local clock', async () => {
    const { outTradeNo } = await prepay();
    const skewed = createWechatPay(
      options({
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          const headers = new Headers(res.headers);
          headers.set('wechatpay-timestamp', String(Number(headers.get('wechatpay-timestamp')) - 301));
          return new Response(await res.text(), { status: res.status, headers });
        },
      }),
    );
    expect(await rejection(skewed.queryByOutTradeNo(outTradeNo))).toMatchObject({ name: 'WechatPayTimestampOffset', reason: 'TIMESTAMP_OFFSET' });
  });

  it('is refused by WeChat Pay when it signs with a key WeChat does not know', async () => {
    const stranger = createWechatPay(options({ pay: { ...options().pay, merchantSerialNo: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' } }));
    expect(await rejection(stranger.queryByOutTradeNo('B1'))).toMatchObject({ name: 'WechatPayRejected', status: 401, code: 'SIGN_ERROR' });
  });
});

describe('requestPaymentParams', () => {
  it('builds what the cashier (like the WeChat client) accepts, and nothing else', async () => {
    const { prepayId, outTradeNo } = await prepay();
    const params = pay.requestPaymentParams(prepayId);
    const url = cashierUrl(`${t.sandbox.url}/`, t.sandbox.config.appid, params, RESULT_PAGE);
    expect(url.startsWith(`${t.sandbox.url}/cashier?appId=${t.sandbox.config.appid}&timeStamp=`)).toBe(true);
    expect((await fetch(url)).status).toBe(200);
    const tampered = cashierUrl(t.sandbox.url, t.sandbox.config.appid, { ...params, nonceStr: 'X' }, RESULT_PAGE);
    expect((await fetch(tampered)).status).toBe(400);
    await eventually(() => t.sandbox.payments.find(outTradeNo)?.state === 'NOTPAY');
  });
});

function fail(message: string): never {
  throw new Error(message);
}
