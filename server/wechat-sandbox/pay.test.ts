import { generateMerchantKeys } from './keys';
import { rfc3339 } from './protocol';
import { useWechatSandbox } from './test-harness';
import { eventually, startNotifyReceiver, verifyPlatformSignature, type PayAnswer } from './testing';

const t = useWechatSandbox({ timeScale: 0.001, refundDelayMs: 20_000 });
let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>;
let seq = 0;

beforeAll(async () => {
  receiver = await startNotifyReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => t.sandbox.reset());

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const nextNo = () => `P${Date.now()}${String((seq += 1)).padStart(4, '0')}`;

function order(outTradeNo: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    appid: t.sandbox.config.appid,
    mchid: t.sandbox.config.mchid,
    description: '黔中市第一人民医院-门诊缴费',
    out_trade_no: outTradeNo,
    notify_url: receiver.url,
    amount: { total: 13510, currency: 'CNY' },
    payer: { openid: OPENID },
    attach: 'bill=42',
    ...over,
  };
}

const prepay = (body: Record<string, unknown>) => t.pay.request('POST', '/v3/pay/transactions/jsapi', body);
const query = (outTradeNo: string) => t.pay.request('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${t.sandbox.config.mchid}`);
const close = (outTradeNo: string) => t.pay.request('POST', `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, { mchid: t.sandbox.config.mchid });
const refund = (body: Record<string, unknown>) => t.pay.request('POST', '/v3/refund/domestic/refunds', body);
const queryRefund = (outRefundNo: string) => t.pay.request('GET', `/v3/refund/domestic/refunds/${outRefundNo}`);

function json(a: PayAnswer): Record<string, unknown> {
  return a.json as Record<string, unknown>;
}

function signed(a: PayAnswer): boolean {
  return verifyPlatformSignature(a.headers, a.text, t.sandbox.platformKey);
}

function error(a: PayAnswer): { status: number; code: unknown } {
  return { status: a.status, code: json(a).code };
}

async function paidOrder(total = 13510): Promise<string> {
  const no = nextNo();
  expect((await prepay(order(no, { amount: { total, currency: 'CNY' } }))).status).toBe(200);
  await t.admin.pay(no);
  return no;
}

describe('JSAPI prepay', () => {
  it('answers a prepay_id, signed with the platform key', async () => {
    const res = await prepay(order(nextNo()));
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ prepay_id: expect.stringMatching(/^wx\d{14}[0-9a-f]{20}$/) as unknown });
    expect(res.headers.get('wechatpay-serial')).toBe(t.sandbox.platformKey.publicKeyId);
    expect(res.headers.get('request-id')).toMatch(/^08[0-9A-F]{32}$/);
    expect(signed(res)).toBe(true);
    expect(verifyPlatformSignature(res.headers, `${res.text} `, t.sandbox.platformKey)).toBe(false);
  });

  it('answers the same prepay_id to a repeat with the same parameters, OUT_TRADE_NO_USED to other parameters', async () => {
    const no = nextNo();
    const first = json(await prepay(order(no)));
    expect(json(await prepay(order(no)))).toEqual(first);
    const changed = await prepay(order(no, { amount: { total: 13500, currency: 'CNY' } }));
    expect(error(changed)).toEqual({ status: 403, code: 'OUT_TRADE_NO_USED' });
    expect(json(changed).message).toBe('商户订单号重复');
    expect(signed(changed)).toBe(true);
    expect(t.sandbox.payments.find(no)?.total).toBe(13510);
  });

  it('gives a new prepay_id after two hours', async () => {
    const no = nextNo();
    const first = json(await prepay(order(no))).prepay_id;
    t.sandbox.clock.advance(2 * 3600_000);
    const later = json(await prepay(order(no, { time_expire: undefined }))).prepay_id;
    expect(later).not.toBe(first);
    expect(t.sandbox.payments.byPrepayId(String(first))).toBeUndefined();
  });

  it('answers PARAM_ERROR with the field for malformed orders, and creates nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ description: undefined }, 'description'],
      [{ description: '' }, 'description'],
      [{ out_trade_no: 'P1' }, 'out_trade_no'],
      [{ out_trade_no: 'P2026 112900' }, 'out_trade_no'],
      [{ amount: { total: 135.1, currency: 'CNY' } }, 'amount.total'],
      [{ amount: { total: 0, currency: 'CNY' } }, 'amount.total'],
      [{ amount: { total: 100, currency: 'USD' } }, 'amount.currency'],
      [{ payer: {} }, 'payer.openid'],
      [{ notify_url: 'http://127.0.0.1:1/notify?order=1' }, 'notify_url'],
      [{ notify_url: 'ftp://example.com/notify' }, 'notify_url'],
      [{ time_expire: '2026-11-29 12:00:00' }, 'time_expire'],
      [{ attach: 'x'.repeat(129) }, 'attach'],
    ];
    for (const [over, field] of cases) {
      const no = typeof over.out_trade_no === 'string' ? over.out_trade_no : nextNo();
      const res = await prepay(order(no, over));
      expect({ field, status: res.status, code: json(res).code, detail: (json(res).detail as { field?: string } | undefined)?.field }).toEqual({ field, status: 400, code: 'PARAM_ERROR', detail: field });
    }
    expect(t.sandbox.payments.transactions()).toEqual([]);
  });

  it('refuses another appid, another merchant in the body, a body that is not JSON', async () => {
    expect(error(await prepay(order(nextNo(), { appid: 'wx0123456789abcdef' })))).toEqual({ status: 400, code: 'APPID_MCHID_NOT_MATCH' });
    expect(error(await prepay(order(nextNo(), { mchid: '1900000001' })))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    expect(error(await t.pay.request('POST', '/v3/pay/transactions/jsapi', '{"appid":'))).toEqual({ status: 400, code: 'PARAM_ERROR' });
    expect(error(await t.pay.request('POST', '/v3/pay/transactions/jsapi', order(nextNo()), { contentType: 'text/plain' }))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
  });
});

describe('query and close', () => {
  it('shows an unpaid order as NOTPAY, exactly as WeChat Pay does', async () => {
    const no = nextNo();
    await prepay(order(no));
    const res = await query(no);
    expect(res.status).toBe(200);
    expect(signed(res)).toBe(true);
    expect(json(res)).toEqual({
      appid: t.sandbox.config.appid,
      mchid: t.sandbox.config.mchid,
      out_trade_no: no,
      trade_state: 'NOTPAY',
      trade_state_desc: '订单未支付',
      payer: { openid: OPENID },
      amount: { total: 13510, currency: 'CNY', payer_currency: 'CNY' },
      scene_info: { device_id: '' },
      promotion_detail: [],
    });
  });

  it('shows a paid order as SUCCESS with its transaction id, and finds it by transaction id too', async () => {
    const no = await paidOrder();
    const body = json(await query(no));
    const tx = t.sandbox.payments.find(no);
    expect(body).toEqual({
      appid: t.sandbox.config.appid,
      mchid: t.sandbox.config.mchid,
      out_trade_no: no,
      transaction_id: expect.stringMatching(/^42000\d{23}$/) as unknown,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: 'bill=42',
      success_time: rfc3339(tx?.successTime ?? 0),
      payer: { openid: OPENID },
      amount: { total: 13510, payer_total: 13510, currency: 'CNY', payer_currency: 'CNY' },
      scene_info: { device_id: '' },
      promotion_detail: [],
    });
    expect(String(body.success_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const byId = await t.pay.request('GET', `/v3/pay/transactions/id/${String(body.transaction_id)}?mchid=${t.sandbox.config.mchid}`);
    expect(json(byId)).toEqual(body);
    expect(error(await prepay(order(no)))).toEqual({ status: 400, code: 'ORDERPAID' });
    expect(error(await close(no))).toEqual({ status: 400, code: 'ORDERPAID' });
  });

  it('answers ORDER_NOT_EXIST for an unknown order and PARAM_ERROR without mchid', async () => {
    expect(error(await query('P000000000404'))).toEqual({ status: 404, code: 'ORDER_NOT_EXIST' });
    expect(error(await t.pay.request('GET', '/v3/pay/transactions/out-trade-no/P000000000404'))).toEqual({ status: 400, code: 'PARAM_ERROR' });
    expect(error(await close('P000000000404'))).toEqual({ status: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('closes an unpaid order (204, signed empty body); closing again is harmless; a closed order cannot be prepaid again', async () => {
    const no = nextNo();
    await prepay(order(no));
    const closed = await close(no);
    expect(closed.status).toBe(204);
    expect(closed.text).toBe('');
    expect(signed(closed)).toBe(true);
    expect(json(await query(no))).toMatchObject({ trade_state: 'CLOSED', trade_state_desc: '订单已关闭' });
    expect((await close(no)).status).toBe(204);
    expect(error(await prepay(order(no)))).toEqual({ status: 400, code: 'ORDER_CLOSED' });
    await expect(t.admin.pay(no)).rejects.toThrow(/HTTP 409/);
  });

  it('honours time_expire: past it the order closes itself and can no longer be paid', async () => {
    const no = nextNo();
    const expire = rfc3339(t.sandbox.clock.now() + 10 * 60_000);
    await prepay(order(no, { time_expire: expire }));
    t.sandbox.clock.advance(9 * 60_000);
    expect(json(await query(no)).trade_state).toBe('NOTPAY');
    t.sandbox.clock.advance(61_000);
    expect(json(await query(no))).toMatchObject({ trade_state: 'CLOSED' });
    expect(t.sandbox.payments.find(no)?.closedBy).toBe('expired');
    await expect(t.admin.pay(no)).rejects.toThrow(/HTTP 409/);
  });

  it('moves time_expire to at least one minute after the order', async () => {
    const no = nextNo();
    await prepay(order(no, { time_expire: rfc3339(t.sandbox.clock.now() - 3600_000) }));
    const tx = t.sandbox.payments.find(no);
    expect((tx?.timeExpire ?? 0) - (tx?.createdAt ?? 0)).toBe(60_000);
    expect(tx?.state).toBe('NOTPAY');
  });

  it('records a failed payment as PAYERROR; that order takes no new prepay', async () => {
    const no = nextNo();
    await prepay(order(no));
    await t.admin.pay(no, 'fail');
    expect(json(await query(no))).toMatchObject({ trade_state: 'PAYERROR', trade_state_desc: '支付失败，请重新下单支付' });
    expect(error(await prepay(order(no)))).toEqual({ status: 403, code: 'TRADE_ERROR' });
    expect((await close(no)).status).toBe(204);
    expect(json(await query(no)).trade_state).toBe('CLOSED');
  });
});

describe('refunds', () => {
  const refundBody = (outTradeNo: string, outRefundNo: string, refundFen: number, over: Record<string, unknown> = {}) => ({
    out_trade_no: outTradeNo,
    out_refund_no: outRefundNo,
    reason: '挂号取消',
    notify_url: receiver.url,
    amount: { refund: refundFen, total: 13510, currency: 'CNY' },
    ...over,
  });

  it('accepts a refund as PROCESSING, turns the order to REFUND, and ends SUCCESS after the (scaled) delay', async () => {
    const no = await paidOrder();
    const res = await refund(refundBody(no, `R${no}`, 5000));
    expect(res.status).toBe(200);
    expect(signed(res)).toBe(true);
    const tx = t.sandbox.payments.find(no);
    expect(json(res)).toEqual({
      refund_id: expect.stringMatching(/^50\d{27}$/) as unknown,
      out_refund_no: `R${no}`,
      transaction_id: tx?.transactionId,
      out_trade_no: no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: expect.stringMatching(/\+08:00$/) as unknown,
      status: 'PROCESSING',
      funds_account: 'AVAILABLE',
      amount: { total: 13510, refund: 5000, from: [], payer_total: 13510, payer_refund: 5000, settlement_refund: 5000, settlement_total: 13510, discount_refund: 0, currency: 'CNY', refund_fee: 0 },
      promotion_detail: [],
    });
    expect(json(await query(no))).toMatchObject({ trade_state: 'REFUND', trade_state_desc: '订单发生过退款' });
    const done = await eventually(async () => {
      const r = json(await queryRefund(`R${no}`));
      return r.status === 'SUCCESS' ? r : undefined;
    });
    expect(done).toMatchObject({ refund_id: json(res).refund_id, success_time: expect.stringMatching(/\+08:00$/) as unknown });
  });

  it('answers the same refund to a repeated out_refund_no, and refuses it with other parameters', async () => {
    const no = await paidOrder();
    const first = json(await refund(refundBody(no, `R${no}`, 5000)));
    const again = json(await refund(refundBody(no, `R${no}`, 5000)));
    expect(again.refund_id).toBe(first.refund_id);
    expect(error(await refund(refundBody(no, `R${no}`, 6000)))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    expect([...t.sandbox.state.refunds.values()]).toHaveLength(1);
  });

  it('never refunds more than was paid, over several partial refunds', async () => {
    const no = await paidOrder();
    expect((await refund(refundBody(no, `R${no}a`, 10000))).status).toBe(200);
    const over = await refund(refundBody(no, `R${no}b`, 3511));
    expect(error(over)).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    expect(json(over).message).toBe('申请退款金额超过订单可退金额（可退3510分）');
    expect((await refund(refundBody(no, `R${no}c`, 3510))).status).toBe(200);
    expect(error(await refund(refundBody(no, `R${no}d`, 1)))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
  });

  it('refuses refunds of unknown or unpaid orders, with the wrong order amount, and malformed ones', async () => {
    expect(error(await refund(refundBody('P404404404', 'R404', 100)))).toEqual({ status: 404, code: 'RESOURCE_NOT_EXISTS' });
    const unpaid = nextNo();
    await prepay(order(unpaid));
    expect(error(await refund(refundBody(unpaid, `R${unpaid}`, 100)))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    const no = await paidOrder();
    expect(error(await refund(refundBody(no, `R${no}`, 100, { amount: { refund: 100, total: 9999, currency: 'CNY' } })))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    expect(error(await refund(refundBody(no, `R${no}`, 100, { amount: { refund: 100, total: 13510 } })))).toEqual({ status: 400, code: 'PARAM_ERROR' });
    expect(error(await refund(refundBody(no, `R${no}`, 100, { out_trade_no: undefined })))).toEqual({ status: 400, code: 'PARAM_ERROR' });
    expect(error(await queryRefund('R404'))).toEqual({ status: 404, code: 'RESOURCE_NOT_EXISTS' });
    expect(t.sandbox.state.refunds.size).toBe(0);
  });

  it('refunds by transaction_id too', async () => {
    const no = await paidOrder();
    const transactionId = t.sandbox.payments.find(no)?.transactionId;
    const res = json(await refund(refundBody(no, `R${no}`, 13510, { out_trade_no: undefined, transaction_id: transactionId })));
    expect(res).toMatchObject({ out_trade_no: no, transaction_id: transactionId, status: 'PROCESSING' });
  });

  it('ends a refund ABNORMAL or CLOSED when told to (a closed refund gives the order back its SUCCESS)', async () => {
    const a = await paidOrder();
    const c = await paidOrder();
    await t.admin.addFault('refunds', { outTradeNo: a, outcome: 'abnormal' });
    await t.admin.addFault('refunds', { outTradeNo: c, outcome: 'closed' });
    await refund(refundBody(a, `R${a}`, 13510));
    await refund(refundBody(c, `R${c}`, 13510));
    await eventually(async () => json(await queryRefund(`R${a}`)).status === 'ABNORMAL', 5_000, 'ABNORMAL');
    await eventually(async () => json(await queryRefund(`R${c}`)).status === 'CLOSED', 5_000, 'CLOSED');
    expect(json(await queryRefund(`R${a}`))).not.toHaveProperty('success_time');
    expect(json(await query(a)).trade_state).toBe('REFUND');
    expect(json(await query(c)).trade_state).toBe('SUCCESS');
  });
});

describe('admin view of transactions', () => {
  it('lists each transaction with its prepay id, time_expire and refunds', async () => {
    const no = await paidOrder();
    await refund({ out_trade_no: no, out_refund_no: `R${no}`, amount: { refund: 100, total: 13510, currency: 'CNY' } });
    const listed = (await t.admin.call('GET', '/transactions')) as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({
        out_trade_no: no,
        trade_state: 'REFUND',
        description: '黔中市第一人民医院-门诊缴费',
        prepay_id: t.sandbox.payments.find(no)?.prepayId,
        time_expire: expect.stringMatching(/\+08:00$/) as unknown,
        refunds: [expect.objectContaining({ out_refund_no: `R${no}`, amount: expect.objectContaining({ refund: 100 }) as unknown })],
      }),
    ]);
    expect((await t.admin.call('GET', '/refunds')) as unknown[]).toHaveLength(1);
    await expect(t.admin.pay(no)).rejects.toThrow(/HTTP 409.*ORDERPAID/);
  });
});

describe('request signatures', () => {
  const path = () => `/v3/pay/transactions/out-trade-no/P000000000404?mchid=${t.sandbox.config.mchid}`;
  const signError = async (a: Promise<PayAnswer>, message: string) => {
    const res = await a;
    expect({ status: res.status, code: json(res).code, message: json(res).message }).toEqual({ status: 401, code: 'SIGN_ERROR', message });
    expect(signed(res)).toBe(true);
  };

  it('refuses a request without Authorization or with a malformed one', async () => {
    const format = 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》';
    await signError(t.pay.request('GET', path(), undefined, { authorization: null }), format);
    await signError(t.pay.request('GET', path(), undefined, { authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1230000109"' }), format);
    await signError(t.pay.request('GET', path(), undefined, { authorization: 'Bearer abc' }), format);
  });

  it('refuses a signature by another key, an unknown serial, another merchant', async () => {
    const other = generateMerchantKeys();
    await signError(t.pay.request('GET', path(), undefined, { privateKeyPem: other.privateKeyPem }), '错误的签名，验签失败');
    await signError(t.pay.request('GET', path(), undefined, { serialNo: other.serialNo }), '商户证书序列号有误。请使用签名私钥匹配的证书序列号');
    await signError(t.pay.request('GET', path(), undefined, { mchid: '1900000001' }), '商户号不存在或与签名商户号不匹配');
    await signError(t.pay.request('GET', path(), undefined, { signature: 'AAAA' }), '错误的签名，验签失败');
  });

  it('refuses a timestamp more than 5 minutes off real time, either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    const skew = '签名中的时间戳与当前时间相差超过5分钟，请检查系统时间';
    await signError(t.pay.request('GET', path(), undefined, { timestamp: now - 310 }), skew);
    await signError(t.pay.request('GET', path(), undefined, { timestamp: now + 310 }), skew);
    expect((await t.pay.request('GET', path(), undefined, { timestamp: now - 240 })).status).toBe(404);
  });

  it('signs the URL with its query and the exact body: changing either after signing fails', async () => {
    const no = nextNo();
    const body = JSON.stringify(order(no));
    const { createSign } = await import('node:crypto');
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createSign('RSA-SHA256').update(`POST\n/v3/pay/transactions/jsapi\n${ts}\nabc\n${body}\n`).sign(t.merchant.privateKeyPem, 'base64');
    const auth = `WECHATPAY2-SHA256-RSA2048 mchid="${t.sandbox.config.mchid}",nonce_str="abc",signature="${sig}",timestamp="${ts}",serial_no="${t.merchant.serialNo}"`;
    await signError(t.pay.request('POST', '/v3/pay/transactions/jsapi', body.replace('13510', '1'), { authorization: auth }), '错误的签名，验签失败');
    expect((await t.pay.request('POST', '/v3/pay/transactions/jsapi', body, { authorization: auth })).status).toBe(200);
    const qs = createSign('RSA-SHA256').update(`GET\n/v3/pay/transactions/out-trade-no/${no}?mchid=${t.sandbox.config.mchid}\n${ts}\nn2\n\n`).sign(t.merchant.privateKeyPem, 'base64');
    const qauth = `WECHATPAY2-SHA256-RSA2048 mchid="${t.sandbox.config.mchid}",nonce_str="n2",signature="${qs}",timestamp="${ts}",serial_no="${t.merchant.serialNo}"`;
    expect((await t.pay.request('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${t.sandbox.config.mchid}`, undefined, { authorization: qauth })).status).toBe(200);
    await signError(t.pay.request('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=1230000108`, undefined, { authorization: qauth }), '错误的签名，验签失败');
    expect(t.sandbox.payments.transactions()).toHaveLength(1);
  });

  it('refuses a Wechatpay-Serial that is not the platform key id', async () => {
    const ok = await t.pay.request('GET', path(), undefined, { headers: { 'wechatpay-serial': t.sandbox.platformKey.publicKeyId } });
    expect(ok.status).toBe(404);
    expect(error(await t.pay.request('GET', path(), undefined, { headers: { 'wechatpay-serial': 'PUB_KEY_ID_00000000000000000000000000000000' } }))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
  });
});

describe('API faults on WeChat Pay', () => {
  it('applyThenError: the order exists although the caller saw SYSTEM_ERROR; a repeat answers its prepay_id', async () => {
    await t.admin.addFault('api', { api: 'prepay', mode: 'applyThenError', times: 1 });
    const no = nextNo();
    const res = await prepay(order(no));
    expect(error(res)).toEqual({ status: 500, code: 'SYSTEM_ERROR' });
    expect(signed(res)).toBe(true);
    const created = t.sandbox.payments.find(no);
    expect(created?.state).toBe('NOTPAY');
    expect(json(await prepay(order(no))).prepay_id).toBe(created?.prepayId);
  });

  it('error with a status and code; http500 is an unsigned gateway page; timeout holds the connection', async () => {
    await t.admin.addFault('api', { api: 'refund', mode: 'error', status: 403, code: 'NOT_ENOUGH', message: '基本账户余额不足，请充值后重新发起', times: 1 });
    const no = await paidOrder();
    const refused = await refund({ out_trade_no: no, out_refund_no: `R${no}`, amount: { refund: 1, total: 13510, currency: 'CNY' } });
    expect(json(refused)).toEqual({ code: 'NOT_ENOUGH', message: '基本账户余额不足，请充值后重新发起' });
    expect(refused.status).toBe(403);
    expect(t.sandbox.state.refunds.size).toBe(0);

    await t.admin.addFault('api', { api: 'query', mode: 'http500', times: 1 });
    const gateway = await query(no);
    expect(gateway.status).toBe(500);
    expect(gateway.headers.get('wechatpay-signature')).toBeNull();

    await t.admin.addFault('api', { api: 'close', mode: 'timeout', times: 1 });
    await expect(t.pay.request('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: t.sandbox.config.mchid }, { timeoutMs: 300 })).rejects.toThrow();
    const stats = (await t.admin.call('GET', '/stats')) as { calls: Record<string, Record<string, number>> };
    expect(stats.calls).toMatchObject({ refund: { '403': 1 }, query: { '500': 1 }, close: { '0': 1 } });
  });
});
