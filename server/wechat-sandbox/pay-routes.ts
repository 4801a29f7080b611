/**
 * WeChat Pay APIv3 over HTTP (直连商户, JSAPI):
 *   POST /v3/pay/transactions/jsapi                                 JSAPI下单 → {prepay_id}
 *   GET  /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=    查询订单（商户订单号）
 *   GET  /v3/pay/transactions/id/{transaction_id}?mchid=            查询订单（微信支付订单号）
 *   POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close     关闭订单 → 204
 *   POST /v3/refund/domestic/refunds                                退款申请
 *   GET  /v3/refund/domestic/refunds/{out_refund_no}                查询单笔退款
 *
 * Every request must carry `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",
 * timestamp="…",serial_no="…"`, the signature being SHA256-RSA over `METHOD\nURL\ntimestamp\nnonce\nbody\n` with
 * the merchant key of that serial, the timestamp within 5 minutes of real time — else 401 SIGN_ERROR. Every answer
 * (errors included) is signed with the platform key: `Wechatpay-Timestamp/-Nonce/-Signature/-Serial` over
 * `timestamp\nnonce\nbody\n`.
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runWithFault } from './api-faults';
import type { WechatSandboxConfig } from './config';
import type { ApiFaultSpec, ApiName, SandboxFaults } from './faults';
import type { PlatformSigner } from './notifier';
import { PayError, type Payments } from './payments';
import { randomHex, rsaSign, rsaVerify, signedMessage } from './protocol';
import type { ApiStats } from './stats';

export interface PayRoutesContext {
  config: WechatSandboxConfig;
  payments: Payments;
  faults: SandboxFaults;
  signer: PlatformSigner;
  merchantKeys: ReadonlyMap<string, KeyObject>;
  stats: ApiStats;
}

const ALLOWED_SKEW_S = 300;
const AUTH_FORMAT_MESSAGE = 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》';

interface Authorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

function parseAuthorization(header: string | undefined): Authorization | undefined {
  const m = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const fields: Record<string, string> = {};
  for (const part of m[1].matchAll(/(\w+)="([^"]*)"/g)) if (part[1] && part[2] !== undefined) fields[part[1]] = part[2];
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return undefined;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

export function registerPayRoutes(app: FastifyInstance, ctx: PayRoutesContext): void {
  const { config, payments, faults, signer, merchantKeys, stats } = ctx;
  const unsigned = new WeakSet<FastifyRequest>();

  // Every /v3 answer is signed with the platform key, errors included (a gateway's HTML page is not).
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/v3/') || unsigned.has(request)) return payload;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomHex(16);
    void reply.headers({
      'request-id': `08${randomHex(16).toUpperCase()}`,
      'wechatpay-nonce': nonce,
      'wechatpay-timestamp': timestamp,
      'wechatpay-serial': signer.publicKeyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'wechatpay-signature': rsaSign(signedMessage([timestamp, nonce, body]), signer.key),
    });
    return payload;
  });

  /** Verifies the merchant's signature; returns the signing merchant id. */
  function authenticate(request: FastifyRequest, rawBody: string): string {
    const auth = parseAuthorization(request.headers.authorization);
    if (!auth) throw new PayError(401, 'SIGN_ERROR', AUTH_FORMAT_MESSAGE);
    if (auth.mchid !== config.mchid) throw new PayError(401, 'SIGN_ERROR', '商户号不存在或与签名商户号不匹配');
    const ts = Number(auth.timestamp);
    if (!/^\d{10}$/.test(auth.timestamp) || Math.abs(Date.now() / 1000 - ts) > ALLOWED_SKEW_S) {
      throw new PayError(401, 'SIGN_ERROR', '签名中的时间戳与当前时间相差超过5分钟，请检查系统时间');
    }
    const key = merchantKeys.get(auth.serial_no.toUpperCase());
    if (!key) throw new PayError(401, 'SIGN_ERROR', '商户证书序列号有误。请使用签名私钥匹配的证书序列号');
    const message = signedMessage([request.method, request.url, auth.timestamp, auth.nonce_str, rawBody]);
    if (!rsaVerify(message, auth.signature, key)) throw new PayError(401, 'SIGN_ERROR', '错误的签名，验签失败');
    const serialHeader = request.headers['wechatpay-serial'];
    if (typeof serialHeader === 'string' && serialHeader !== signer.publicKeyId) {
      throw new PayError(400, 'INVALID_REQUEST', 'Wechatpay-Serial与商户的微信支付公钥ID不一致');
    }
    return auth.mchid;
  }

  function jsonBody(request: FastifyRequest, rawBody: string): Record<string, unknown> {
    const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') throw new PayError(400, 'INVALID_REQUEST', 'Content-Type应为application/json');
    let value: unknown;
    try {
      value = JSON.parse(rawBody);
    } catch {
      throw new PayError(400, 'PARAM_ERROR', '请求报文不是合法的JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PayError(400, 'PARAM_ERROR', '请求报文应为JSON对象');
    return value as Record<string, unknown>;
  }

  function sendError(reply: FastifyReply, err: PayError): FastifyReply {
    return reply.code(err.status).type('application/json; charset=utf-8').send(err.body());
  }

  function faultError(fault: ApiFaultSpec): PayError {
    return new PayError(fault.status ?? 500, fault.code ?? 'SYSTEM_ERROR', fault.message ?? '系统异常，请稍后重试');
  }

  type Handler = (request: FastifyRequest, signerMchid: string, rawBody: string) => { status: number; body?: unknown };

  function route(method: 'GET' | 'POST', url: string, api: ApiName, handler: Handler): void {
    app.route({
      method,
      url,
      handler: async (request, reply) => {
        const rawBody = typeof request.body === 'string' ? request.body : '';
        const fault = faults.api.take((f) => f.api === '*' || f.api === api);
        const execute = () => handler(request, authenticate(request, rawBody), rawBody);
        const answer = await runWithFault({
          fault,
          reply,
          markUnsigned: () => unsigned.add(request),
          sendFaultError: (f) => {
            sendError(reply, faultError(f));
          },
          performSilently: () => {
            try {
              execute();
            } catch (err) {
              if (!(err instanceof PayError)) throw err;
            }
          },
          perform: () => {
            try {
              const result = execute();
              if (result.body === undefined) void reply.code(result.status).send();
              else void reply.code(result.status).type('application/json; charset=utf-8').send(result.body);
            } catch (err) {
              if (err instanceof PayError) sendError(reply, err);
              else throw err;
            }
          },
        });
        stats.record(api, answer === 'held' ? 0 : reply.statusCode);
        return reply;
      },
    });
  }

  route('POST', '/v3/pay/transactions/jsapi', 'prepay', (request, mchid, raw) => ({ status: 200, body: payments.prepay(jsonBody(request, raw), mchid) }));

  route('GET', '/v3/pay/transactions/out-trade-no/:outTradeNo', 'query', (request, mchid) => {
    const { outTradeNo } = request.params as { outTradeNo: string };
    const { mchid: queried } = request.query as { mchid?: string };
    return { status: 200, body: payments.query(outTradeNo, queried, mchid) };
  });

  route('GET', '/v3/pay/transactions/id/:transactionId', 'query', (request, mchid) => {
    const { transactionId } = request.params as { transactionId: string };
    const { mchid: queried } = request.query as { mchid?: string };
    return { status: 200, body: payments.queryByTransactionId(transactionId, queried, mchid) };
  });

  route('POST', '/v3/pay/transactions/out-trade-no/:outTradeNo/close', 'close', (request, mchid, raw) => {
    const { outTradeNo } = request.params as { outTradeNo: string };
    payments.close(outTradeNo, jsonBody(request, raw), mchid);
    return { status: 204 };
  });

  route('POST', '/v3/refund/domestic/refunds', 'refund', (request, _mchid, raw) => ({ status: 200, body: payments.refund(jsonBody(request, raw)) }));

  route('GET', '/v3/refund/domestic/refunds/:outRefundNo', 'refund-query', (request) => {
    const { outRefundNo } = request.params as { outRefundNo: string };
    return { status: 200, body: payments.queryRefund(outRefundNo) };
  });
}
