import { withResult } from './cashier';
import { generateMerchantKeys } from './keys';
import { startWechatSandbox } from './sandbox';
import { useWechatSandbox } from './test-harness';
import { decryptResource, merchantClient, startNotifyReceiver } from './testing';

const t = useWechatSandbox({ timeScale: 0.001 });
let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>;
let seq = 0;
const REDIRECT = 'http://127.0.0.1:10086/#/packages/payment/pages/result/index?orderId=42';

beforeAll(async () => {
  receiver = await startNotifyReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function prepay(total = 13510): Promise<{ outTradeNo: string; prepayId: string }> {
  const outTradeNo = `C${Date.now()}${String((seq += 1)).padStart(4, '0')}`;
  const res = await t.pay.request('POST', '/v3/pay/transactions/jsapi', {
    appid: t.sandbox.config.appid,
    mchid: t.sandbox.config.mchid,
    description: '门诊缴费-心血管内科<处方>',
    out_trade_no: outTradeNo,
    notify_url: receiver.url,
    amount: { total },
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  });
  return { outTradeNo, prepayId: String((res.json as { prepay_id: string }).prepay_id) };
}

function cashierUrl(params: Record<string, string>, redirect: string | undefined = REDIRECT): string {
  const q = new URLSearchParams(params);
  if (redirect) q.set('redirect', redirect);
  return `${t.sandbox.url}/cashier?${q.toString()}`;
}

async function open(params: Record<string, string>, redirect?: string): Promise<{ status: number; html: string; type: string | null }> {
  const res = await fetch(cashierUrl(params, redirect));
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
}

function formOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) if (m[1]) fields[m[1]] = (m[2] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return fields;
}

async function act(form: Record<string, string>, action: string): Promise<Response> {
  return fetch(`${t.sandbox.url}/cashier/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, action }).toString(),
    redirect: 'manual',
  });
}

describe('cashier page', () => {
  it('verifies paySign and shows a phone-sized page in Chinese with the order', async () => {
    const { prepayId, outTradeNo } = await prepay();
    const page = await open(t.pay.requestPayment(prepayId));
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.html).toContain('<html lang="zh-CN">');
    expect(page.html).toContain('name="viewport" content="width=device-width');
    expect(page.html).toContain('<div class="merchant">黔中市第一人民医院</div>');
    expect(page.html).toContain('门诊缴费-心血管内科&lt;处方&gt;');
    expect(page.html).toContain('<small>¥</small>135.10');
    expect(page.html).toContain(outTradeNo);
    for (const label of ['确认支付', '取消', '模拟支付失败']) expect(page.html).toContain(`>${label}</button>`);
    expect(page.html).toMatch(/font-family: [^;]*"PingFang SC"[^;]*"Noto Sans CJK SC"/);
    expect(formOf(page.html)).toEqual({ prepay_id: prepayId, ticket: expect.any(String) as unknown, redirect: REDIRECT });
  });

  it('refuses a paySign by another key, altered parameters, missing ones, another appId, an unknown prepay id', async () => {
    const { prepayId } = await prepay();
    const other = generateMerchantKeys();
    const good = t.pay.requestPayment(prepayId);
    const cases: Array<[Record<string, string>, string]> = [
      [t.pay.requestPayment(prepayId, { privateKeyPem: other.privateKeyPem }), '支付验证签名失败'],
      [{ ...good, timeStamp: String(Number(good.timeStamp) + 1) }, '支付验证签名失败'],
      [{ ...good, nonceStr: 'changed' }, '支付验证签名失败'],
      [{ ...good, paySign: '' }, '调用支付JSAPI缺少参数：paySign'],
      [{ ...good, signType: 'MD5' }, '支付验证失败：signType应为RSA'],
      [t.pay.requestPayment(prepayId, { appId: 'wx0123456789abcdef' }), '支付验证失败：appId与商户号不匹配'],
      [{ ...good, package: prepayId }, '支付验证失败：package格式应为prepay_id=***'],
      [t.pay.requestPayment('wx20261129120000aaaaaaaaaaaaaaaaaaaa'), '支付已失效，请返回商户重新发起支付'],
    ];
    for (const [params, message] of cases) {
      const page = await open(params);
      expect({ message, status: page.status, shown: page.html.includes(`>${message}<`) }).toEqual({ message, status: 400, shown: true });
      expect(page.html).toContain(`href="${withResult(REDIRECT, 'fail').replace(/&/g, '&amp;')}"`);
    }
  });

  it('pays: the order becomes SUCCESS, the notification flow starts, the browser goes back with result=success', async () => {
    const { prepayId, outTradeNo } = await prepay(4000);
    const form = formOf((await open(t.pay.requestPayment(prepayId))).html);
    const before = receiver.received.length;
    const res = await act(form, 'pay');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://127.0.0.1:10086/#/packages/payment/pages/result/index?orderId=42&result=success');
    expect(t.sandbox.payments.find(outTradeNo)?.state).toBe('SUCCESS');
    const got = await receiver.waitFor(before + 1);
    const last = got[got.length - 1];
    const envelope = JSON.parse(last?.body ?? '{}') as { resource: { ciphertext: string; nonce: string; associated_data: string } };
    expect(decryptResource(envelope.resource, t.merchant.apiV3Key)).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS' });
    // The same page cannot pay twice.
    expect((await act(form, 'pay')).status).toBe(409);
    const again = await open(t.pay.requestPayment(prepayId));
    expect(again.status).toBe(409);
    expect(again.html).toContain('该订单已支付，请勿重复支付');
  });

  it('cancel leaves the order unpaid (result=cancel); simulated failure makes it PAYERROR (result=fail)', async () => {
    const a = await prepay();
    const cancel = await act(formOf((await open(t.pay.requestPayment(a.prepayId))).html), 'cancel');
    expect(cancel.headers.get('location')).toBe(withResult(REDIRECT, 'cancel'));
    expect(t.sandbox.payments.find(a.outTradeNo)?.state).toBe('NOTPAY');
    const fail = await act(formOf((await open(t.pay.requestPayment(a.prepayId))).html), 'fail');
    expect(fail.headers.get('location')).toBe(withResult(REDIRECT, 'fail'));
    expect(t.sandbox.payments.find(a.outTradeNo)?.state).toBe('PAYERROR');
  });

  it('shows the result itself when there is no redirect; refuses a forged ticket', async () => {
    const { prepayId, outTradeNo } = await prepay(880);
    const form = formOf((await open(t.pay.requestPayment(prepayId), '')).html);
    expect(form).not.toHaveProperty('redirect');
    expect((await act({ ...form, ticket: 'forged' }, 'pay')).status).toBe(400);
    expect(t.sandbox.payments.find(outTradeNo)?.state).toBe('NOTPAY');
    const res = await act(form, 'pay');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('支付成功：¥8.80');
  });

  it('refuses an order closed or past its time_expire', async () => {
    const { prepayId, outTradeNo } = await prepay();
    t.sandbox.payments.close(outTradeNo, { mchid: t.sandbox.config.mchid }, t.sandbox.config.mchid);
    const page = await open(t.pay.requestPayment(prepayId));
    expect(page.status).toBe(409);
    expect(page.html).toContain('订单已关闭，请返回商户重新下单');

    const lapsing = await prepay();
    const params = t.pay.requestPayment(lapsing.prepayId);
    t.sandbox.clock.advance(8 * 86_400_000);
    try {
      const late = await open(params);
      expect(late.status).toBe(409);
      expect(late.html).toContain('支付已失效，请返回商户重新发起支付');
      expect(t.sandbox.payments.find(lapsing.outTradeNo)?.state).toBe('CLOSED');
    } finally {
      t.sandbox.clock.reset();
    }
  });

  it('accepts a paySign by any of the merchant keys it was told about', async () => {
    const first = generateMerchantKeys();
    const second = generateMerchantKeys();
    const two = await startWechatSandbox({
      merchantPublicKeys: [first, second].map((k) => ({ serialNo: k.serialNo, publicKeyPem: k.publicKeyPem })),
      apiV3Key: first.apiV3Key,
    });
    try {
      const bySecond = merchantClient(two, second);
      const res = await bySecond.request('POST', '/v3/pay/transactions/jsapi', { appid: two.config.appid, mchid: two.config.mchid, description: '挂号费', out_trade_no: 'K20261129001', notify_url: 'http://127.0.0.1:9/n', amount: { total: 100 }, payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } });
      expect(res.status).toBe(200);
      const prepayId = (res.json as { prepay_id: string }).prepay_id;
      for (const keys of [first, second]) {
        const page = await fetch(`${two.url}/cashier?${new URLSearchParams(merchantClient(two, keys).requestPayment(prepayId)).toString()}`);
        expect(page.status).toBe(200);
      }
    } finally {
      await two.close();
    }
  });
});

describe('withResult', () => {
  it('adds result to the hash route when there is one, else to the query', () => {
    expect(withResult('http://h/#/pages/a/index', 'success')).toBe('http://h/#/pages/a/index?result=success');
    expect(withResult('http://h/#/pages/a/index?x=1', 'cancel')).toBe('http://h/#/pages/a/index?x=1&result=cancel');
    expect(withResult('http://h/pay/done?x=1', 'fail')).toBe('http://h/pay/done?x=1&result=fail');
    expect(withResult('https://h/done', 'success')).toBe('https://h/done?result=success');
  });
});
