/**
 * A WeChat Pay APIv3 client for one merchant (直连商户, JSAPI / mini-program payments): every request signed with the
 * merchant key, every answer's platform signature verified (in "微信支付公钥" mode: Wechatpay-Serial must be the
 * configured PUB_KEY_ID_…), WeChat's errors turned into typed errors, amounts in integer fen.
 *
 *   const pay = createWechatPay(options);
 *   const { prepayId } = await pay.prepayJsapi({ outTradeNo, description, amountFen, openid, timeExpire });
 *   const params = pay.requestPaymentParams(prepayId);          // → wx.requestPayment / the sandbox's cashier
 *   const event = await pay.verifyNotification(request.headers, rawBody, { order: (no) => repo.expected(no) });
 *
 * Written on node:crypto and fetch (no SDK): wechatpay-axios-plugin pulls axios, wechatpay-node-v3 pulls superagent
 * and is built around platform certificates; APIv3 needs only RSA-SHA256 and AES-256-GCM, which node:crypto has.
 */
import { loadPrivateKey, loadPublicKey, nonce, sign } from './crypto';
import { WechatPayRejected, WechatProtocolError, WechatUnavailable } from './errors';
import { call, observed, parseJson, type HttpAnswer, type Transport } from './http';
import { verifyNotification, type NotificationExpectations, type VerifiedNotification } from './notification';
import type { WechatOptions } from './options';
import { verifyPlatformSignature, type HeaderSource, type PlatformVerifier } from './signature';
import { parseRefund, parseTransaction, Reader, type RequestPaymentParams, type WechatRefund, type WechatTransaction } from './types';

export interface PrepayInput {
  /** 6–32 characters of [0-9A-Za-z_-|*], unique for the merchant. */
  outTradeNo: string;
  /** What the payer sees in their WeChat bill (≤ 127 characters). */
  description: string;
  amountFen: number;
  openid: string;
  /** Last moment the order can be paid (after it, WeChat closes it). */
  timeExpire?: Date;
  /** Echoed in the query answer and the notification (≤ 128 bytes). */
  attach?: string;
  /** Overrides options.pay.notifyUrl. */
  notifyUrl?: string;
}

export interface RefundInput {
  outTradeNo: string;
  /** Stable for one refund: a repeat with the same number never refunds twice. */
  outRefundNo: string;
  refundFen: number;
  /** The original order's amount. */
  totalFen: number;
  /** Shown to the payer (≤ 80 bytes). */
  reason?: string;
  /** Where the REFUND.* notification goes; default options.pay.notifyUrl. `null`: no refund notification. */
  notifyUrl?: string | null;
}

export interface WechatPay {
  prepayJsapi(input: PrepayInput): Promise<{ prepayId: string }>;
  queryByOutTradeNo(outTradeNo: string): Promise<WechatTransaction>;
  closeOrder(outTradeNo: string): Promise<void>;
  refund(input: RefundInput): Promise<WechatRefund>;
  queryRefund(outRefundNo: string): Promise<WechatRefund>;
  /** The parameters of wx.requestPayment for a prepay id, paySign signed with the merchant key. */
  requestPaymentParams(prepayId: string): RequestPaymentParams;
  /** Verifies and decrypts a notification POSTed to notify_url (see notification.ts). */
  verifyNotification(headers: HeaderSource, rawBody: string, expect?: NotificationExpectations): Promise<VerifiedNotification>;
}

/** RFC 3339 in China Standard Time, as WeChat writes it: 2026-11-29T12:00:00+08:00. */
export function rfc3339Cst(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export function createWechatPay(options: WechatOptions): WechatPay {
  const o = options.pay;
  const transport: Transport = { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs, onCall: options.onCall };
  const now = options.now ?? Date.now;
  const merchantKey = loadPrivateKey(o.merchantPrivateKeyPem);
  const verifier: PlatformVerifier = { key: loadPublicKey(o.platformPublicKeyPem), keyId: o.platformPublicKeyId, now };
  const base = o.baseUrl.replace(/\/$/, '');
  if (Buffer.byteLength(o.apiV3Key, 'utf8') !== 32) throw new Error('WeChat Pay apiV3Key must be 32 bytes');

  function authorization(method: string, pathWithQuery: string, body: string): string {
    const timestamp = String(Math.floor(now() / 1000));
    const nonceStr = nonce();
    const signature = sign([method, pathWithQuery, timestamp, nonceStr, body], merchantKey);
    return `WECHATPAY2-SHA256-RSA2048 mchid="${o.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${o.merchantSerialNo}"`;
  }

  /** Sends a signed request; returns the verified answer of a 2xx, throws the typed error of anything else. */
  async function request(api: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ answer: HttpAnswer; json: unknown }> {
    const url = new URL(`${base}${path}`);
    const payload = body === undefined ? '' : JSON.stringify(body);
    const answer = await call(transport, api, url.toString(), {
      method,
      headers: {
        accept: 'application/json',
        authorization: authorization(method, `${url.pathname}${url.search}`, payload),
        'wechatpay-serial': o.platformPublicKeyId,
        'user-agent': 'palm-hospital-bff (node fetch)',
        ...(payload !== '' ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== '' ? { body: payload } : {}),
    });
    const requestId = answer.headers.get('request-id') ?? undefined;
    const signed = answer.headers.get('wechatpay-signature') !== null;
    // Success answers must be signed; an error answer is checked when it is signed (a gateway's page is not).
    if ((answer.status >= 200 && answer.status < 300) || signed) verifyPlatformSignature(verifier, answer.headers, answer.text, api, requestId);
    const json = answer.text === '' ? undefined : parseJson(answer.text);
    if (answer.status >= 200 && answer.status < 300) {
      if (answer.text !== '' && json === undefined) throw new WechatProtocolError(api, 'the answer is not JSON', { raw: answer.text, requestId });
      return { answer, json };
    }
    const err = typeof json === 'object' && json !== null ? (json as { code?: unknown; message?: unknown; detail?: unknown }) : {};
    const code = typeof err.code === 'string' ? err.code : undefined;
    const message = typeof err.message === 'string' ? err.message : '';
    if (answer.status >= 500 || code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED') {
      throw new WechatUnavailable(api, answer.status >= 500 ? 'http5xx' : 'rateLimited', `${api}: HTTP ${answer.status} ${code ?? ''} ${message}`.trim(), {
        raw: answer.text,
        requestId,
        status: answer.status,
        ...(code !== undefined ? { code } : {}),
      });
    }
    if (code === undefined) throw new WechatProtocolError(api, `HTTP ${answer.status} without an error code`, { raw: answer.text, requestId });
    throw new WechatPayRejected(api, answer.status, code, message, { raw: answer.text, requestId, detail: err.detail });
  }

  const reader = (api: string, answer: HttpAnswer) => new Reader(api, answer.text, answer.headers.get('request-id') ?? undefined);
  const mchidQuery = `mchid=${encodeURIComponent(o.mchid)}`;

  return {
    prepayJsapi: (input) =>
      observed(transport, 'prepay', async () => {
        if (!Number.isInteger(input.amountFen) || input.amountFen < 1) throw new RangeError('amountFen must be a positive integer (fen)');
        const { answer, json } = await request('prepay', 'POST', '/v3/pay/transactions/jsapi', {
          appid: options.appid,
          mchid: o.mchid,
          description: input.description,
          out_trade_no: input.outTradeNo,
          ...(input.timeExpire ? { time_expire: rfc3339Cst(input.timeExpire) } : {}),
          ...(input.attach !== undefined ? { attach: input.attach } : {}),
          notify_url: input.notifyUrl ?? o.notifyUrl,
          amount: { total: input.amountFen, currency: 'CNY' },
          payer: { openid: input.openid },
        });
        const r = reader('prepay', answer);
        return { prepayId: r.string(r.object(json, 'answer'), 'prepay_id') };
      }),

    queryByOutTradeNo: (outTradeNo) =>
      observed(transport, 'query', async () => {
        const { answer, json } = await request('query', 'GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?${mchidQuery}`);
        return parseTransaction(reader('query', answer), json);
      }),

    closeOrder: (outTradeNo) =>
      observed(transport, 'close', async () => {
        await request('close', 'POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: o.mchid });
      }),

    refund: (input) =>
      observed(transport, 'refund', async () => {
        if (!Number.isInteger(input.refundFen) || input.refundFen < 1) throw new RangeError('refundFen must be a positive integer (fen)');
        if (!Number.isInteger(input.totalFen) || input.totalFen < input.refundFen) throw new RangeError('totalFen must be an integer ≥ refundFen');
        const notifyUrl = input.notifyUrl === null ? undefined : (input.notifyUrl ?? o.notifyUrl);
        const { answer, json } = await request('refund', 'POST', '/v3/refund/domestic/refunds', {
          out_trade_no: input.outTradeNo,
          out_refund_no: input.outRefundNo,
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
          ...(notifyUrl !== undefined ? { notify_url: notifyUrl } : {}),
          amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
        });
        return parseRefund(reader('refund', answer), json);
      }),

    queryRefund: (outRefundNo) =>
      observed(transport, 'refund-query', async () => {
        const { answer, json } = await request('refund-query', 'GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
        return parseRefund(reader('refund-query', answer), json);
      }),

    requestPaymentParams(prepayId) {
      const timeStamp = String(Math.floor(now() / 1000));
      const nonceStr = nonce();
      const pkg = `prepay_id=${prepayId}`;
      return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: sign([options.appid, timeStamp, nonceStr, pkg], merchantKey) };
    },

    verifyNotification: (headers, rawBody, expect) => verifyNotification({ verifier, appid: options.appid, mchid: o.mchid, apiV3Key: o.apiV3Key }, headers, rawBody, expect),
  };
}

/**
 * The sandbox cashier's URL for wx.requestPayment's parameters (the H5 build opens it instead of requestPayment):
 * `${cashierBase}/cashier?appId=…&timeStamp=…&nonceStr=…&package=…&signType=RSA&paySign=…&redirect=…`.
 */
export function cashierUrl(cashierBase: string, appId: string, params: RequestPaymentParams, redirect: string): string {
  const q = new URLSearchParams({ appId, ...params, redirect });
  return `${cashierBase.replace(/\/$/, '')}/cashier?${q.toString()}`;
}
