/**
 * The BFF under test, over real HTTP: a HIS sandbox, a WeChat sandbox with a fresh merchant key set, and the BFF
 * built from a config that points at them, on a throwaway SQLite file. Log lines are captured for assertions.
 *
 *   const t = useBff();
 *   const { token } = await t.login('device-1');
 *   const res = await t.api('GET', '/api/v1/me', { token });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LoginResponse } from '../../contract/api';
import { startHisSandbox, type HisSandbox } from '../his-sandbox/sandbox';
import { generateMerchantKeys } from '../wechat-sandbox/keys';
import { startWechatSandbox, type WechatSandbox } from '../wechat-sandbox/sandbox';
import { sandboxOptionsFor } from '../wechat-sandbox/testing';
import { buildBff, type BuildOptions } from './build';
import type { Config } from './config';

/** The staff API's token in tests (routes/staff). */
export const STAFF_TOKEN = 'test-staff-token-0123456789';

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface BffUnderTest {
  readonly bff: FastifyInstance;
  readonly url: string;
  readonly his: HisSandbox;
  readonly wechat: WechatSandbox;
  readonly config: Config;
  /** Every log line the BFF wrote, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  api<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiAnswer<T>>;
  /** A wx.login-like code from the WeChat sandbox, as the H5 build gets one. */
  loginCode(deviceId: string): Promise<string>;
  login(deviceId: string): Promise<LoginResponse>;
  /** Stops the BFF (as a crash would leave it: nothing finished on the way out) and starts a new one on the same database and port. */
  restart(): Promise<void>;
}

/** A port that is free now: the BFF's notify_url must be known before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BffTestOptions {
  config?: (c: Config) => Config;
  build?: BuildOptions;
}

export function useBff(options: BffTestOptions = {}): BffUnderTest {
  let env: { bff: FastifyInstance; url: string; his: HisSandbox; wechat: WechatSandbox; config: Config; dir: string } | undefined;
  const logs: Array<Record<string, unknown>> = [];
  const boot = async (config: Config) => {
    const bff = await buildBff(config, {
      logStream: { write: (line) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
      his: { retry: { retries: 0 }, timeouts: { readMs: 1_000, writeMs: 2_000 } },
      ...options.build,
    });
    const url = await bff.listen({ host: '127.0.0.1', port: config.port });
    return { bff, url };
  };
  const started = () => {
    if (!env) throw new Error('the BFF starts in beforeAll: use it inside tests and hooks');
    return env;
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-'));
    const merchant = generateMerchantKeys();
    const his = await startHisSandbox();
    const wechat = await startWechatSandbox(sandboxOptionsFor(merchant, { timeScale: 0.001 }));
    const port = await freePort();
    const base: Config = {
      env: 'test',
      host: '127.0.0.1',
      port,
      logLevel: 'info',
      database: { kind: 'sqlite', file: join(dir, 'bff.sqlite') },
      sessionTtlMs: 3_600_000,
    cards: { limit: 5, bindFailureLimit: 5, bindFailureWindowMs: 3_600_000 },
    orders: { paymentWindowMs: 15 * 60_000, jobIntervalMs: 15_000, maxAttempts: 8, retryBaseMs: 5_000 },
      corsOrigins: ['http://127.0.0.1:4100'],
      staffToken: STAFF_TOKEN,
      his: { baseUrl: his.url, signKey: his.config.signKey, maxConcurrent: 8, maxQueue: 50 },
      wechat: {
        appid: wechat.config.appid,
        secret: wechat.config.secret,
        apiBase: wechat.url,
        timeoutMs: 2_000,
        pay: {
          baseUrl: wechat.url,
          mchid: wechat.config.mchid,
          merchantSerialNo: merchant.serialNo,
          merchantPrivateKeyPem: merchant.privateKeyPem,
          apiV3Key: merchant.apiV3Key,
          platformPublicKeyPem: wechat.platformKey.publicKeyPem,
          platformPublicKeyId: wechat.platformKey.publicKeyId,
          notifyUrl: `http://127.0.0.1:${port}/api/v1/pay/wechat/notify`,
        },
      },
    };
    const config = options.config ? options.config(base) : base;
    const { bff, url } = await boot(config);
    env = { bff, url, his, wechat, config, dir };
  });

  afterAll(async () => {
    const e = started();
    await e.bff.close();
    await e.his.close();
    await e.wechat.close();
    rmSync(e.dir, { recursive: true, force: true });
    expect(e.his.selfCheck).toEqual({ violations: [], internalErrors: [] });
  });

  const t: BffUnderTest = {
    get bff() {
      return started().bff;
    },
    get url() {
      return started().url;
    },
    get his() {
      return started().his;
    },
    get wechat() {
      return started().wechat;
    },
    get config() {
      return started().config;
    },
    logs,
    async api<T>(method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const res = await fetch(`${started().url}${path}`, {
        method,
        headers: {
          ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...o.headers,
        },
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async loginCode(deviceId) {
      const res = await fetch(`${started().wechat.url}/sandbox/login-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId }) });
      return ((await res.json()) as { code: string }).code;
    },
    async restart() {
      const e = started();
      await e.bff.close();
      // let this process's HTTP clients see their kept-alive sockets to the old server close
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { bff, url } = await boot(e.config);
      env = { ...e, bff, url };
    },
    async login(deviceId) {
      const res = await t.api<LoginResponse>('POST', '/api/v1/auth/login', { body: { code: await t.loginCode(deviceId) } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
  return t;
}
