/**
 * The WeChat sandbox: an HTTP server that behaves like WeChat's APIs for one mini-program (AppID) and one merchant
 * (mchid) — login (code2Session), access tokens, subscribe messages, WeChat Pay APIv3 (JSAPI prepay, query, close,
 * refund, refund query) with signed answers and signed, encrypted, retried notifications — plus a cashier page the
 * H5 build uses instead of wx.requestPayment, and an admin API with faults.
 *
 *   const merchant = generateMerchantKeys();
 *   const wechat = await startWechatSandbox({
 *     merchantPublicKeys: [{ serialNo: merchant.serialNo, publicKeyPem: merchant.publicKeyPem }],
 *     apiV3Key: merchant.apiV3Key,
 *     timeScale: 0.001,
 *   });                                    // listens on 127.0.0.1, ephemeral port
 *   wechat.platformKey                      // { publicKeyId, publicKeyPem } for the BFF
 *   await wechat.close();
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdmin } from './admin';
import { registerCashier } from './cashier';
import { SandboxClock } from './clock';
import { wechatSandboxConfig, type WechatSandboxConfig } from './config';
import { clearFaults, createFaults, type SandboxFaults } from './faults';
import { generatePlatformKey } from './keys';
import { MiniProgram, registerMiniProgramRoutes } from './miniprogram';
import { Notifier } from './notifier';
import { registerPayRoutes } from './pay-routes';
import { Payments } from './payments';
import { Scheduler } from './scheduler';
import { WechatState } from './state';
import { ApiStats } from './stats';

export type WechatSandboxOptions = Partial<WechatSandboxConfig> & Pick<WechatSandboxConfig, 'merchantPublicKeys' | 'apiV3Key'>;

export interface WechatSandbox {
  readonly app: FastifyInstance;
  readonly config: WechatSandboxConfig;
  readonly clock: SandboxClock;
  readonly state: WechatState;
  readonly faults: SandboxFaults;
  readonly payments: Payments;
  readonly miniProgram: MiniProgram;
  readonly notifier: Notifier;
  readonly stats: ApiStats;
  /** The platform public key the BFF verifies answers and notifications with ("微信支付公钥" and its id). */
  readonly platformKey: { publicKeyId: string; publicKeyPem: string };
  /** Sandbox crashes (should stay empty): route errors and failed background tasks. */
  readonly internalErrors: string[];
  /** Base URL (e.g. http://127.0.0.1:4020), once listening. */
  readonly url: string;
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Forgets every code, token, message, transaction, refund and notification; clears faults, clock and stats. */
  reset(): void;
  close(): Promise<void>;
}

export function createWechatSandbox(options: WechatSandboxOptions): WechatSandbox {
  const config = wechatSandboxConfig(options);
  const platform = config.platformKey ?? generatePlatformKey();
  const platformPublicKeyPem = createPublicKey(platform.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  const merchantKeys = new Map<string, KeyObject>(config.merchantPublicKeys.map((k) => [k.serialNo.toUpperCase(), createPublicKey(k.publicKeyPem)]));
  const internalErrors: string[] = [];
  const describe = (err: unknown) => (err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err));

  const clock = new SandboxClock();
  const now = () => clock.now();
  const state = new WechatState();
  const faults = createFaults();
  const stats = new ApiStats();
  const scheduler = new Scheduler((err) => internalErrors.push(`background task: ${describe(err)}`));
  const signer = { key: createPrivateKey(platform.privateKeyPem), publicKeyId: platform.publicKeyId };
  const notifier = new Notifier(config, signer, faults, scheduler, now);
  const payments = new Payments(config, state, faults, notifier, scheduler, now);
  const miniProgram = new MiniProgram(config, state, now);

  const app = Fastify({ logger: config.logRequests ? { level: 'info' } : false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) {
      internalErrors.push(`${request.method} ${request.url}: ${describe(error)}`);
      request.log.error({ err: error }, 'sandbox error');
    }
    if (request.url.startsWith('/v3/')) {
      return reply.code(status).send(status < 500 ? { code: 'INVALID_REQUEST', message: '请求不符合微信支付APIv3接口规则' } : { code: 'SYSTEM_ERROR', message: '系统异常，请稍后重试' });
    }
    return reply.code(status).send(status < 500 ? { errcode: 47001, errmsg: 'data format error' } : { errcode: -1, errmsg: 'system error' });
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/v3/')) return reply.code(404).send({ code: 'NOT_FOUND', message: '请求的资源不存在' });
    return reply.code(404).send({ errcode: 404, errmsg: 'not found' });
  });

  let origin = '';
  const sandbox: WechatSandbox = {
    app,
    config,
    clock,
    state,
    faults,
    payments,
    miniProgram,
    notifier,
    stats,
    platformKey: { publicKeyId: platform.publicKeyId, publicKeyPem: platformPublicKeyPem },
    internalErrors,
    get url() {
      return origin;
    },
    async listen(listenOptions = {}) {
      const address = await app.listen({ port: listenOptions.port ?? 0, host: listenOptions.host ?? '127.0.0.1' });
      origin = address.replace('://[::1]', '://localhost');
      return origin;
    },
    reset() {
      scheduler.cancelAll();
      notifier.reset();
      state.clear();
      clearFaults(faults);
      clock.reset();
      stats.reset();
    },
    async close() {
      notifier.abortInFlight();
      await scheduler.close();
      await app.close();
    },
  };

  registerMiniProgramRoutes(app, { miniProgram, faults, stats });
  registerPayRoutes(app, { config, payments, faults, signer, merchantKeys, stats });
  registerCashier(app, { config, payments, merchantKeys });
  registerAdmin(app, sandbox);
  return sandbox;
}

export async function startWechatSandbox(options: WechatSandboxOptions, listen: { port?: number; host?: string } = {}): Promise<WechatSandbox> {
  const sandbox = createWechatSandbox(options);
  await sandbox.listen(listen);
  return sandbox;
}
