/**
 * The servers of the latency bench, each role in a process of its own (the load generator, the HIS and the BFF do
 * not share an event loop):
 *   tsx bench/servers.ts his <latencyMs>   a HIS sandbox whose /getHospital answers after <latencyMs>
 *   tsx bench/servers.ts bff <hisUrl>      two BFFs in front of it: one as configured for production, one with the
 *                                          reference cache off, so that every request makes exactly one HIS call
 *   tsx bench/servers.ts orders            the order bench (bench/orders.ts): a HIS sandbox, a WeChat sandbox (fresh
 *                                          merchant keys, time scale 0.001) and one BFF configured for production
 *                                          on SQLite, wired to both, its notify_url pointing at itself — all three in
 *                                          this one process — plus a probe (see `orders` below)
 * Each prints its URLs as one JSON line on stdout, and stops on SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBff } from '../server/bff/build';
import type { Config } from '../server/bff/config';
import { DEFAULT_SIGN_KEY } from '../server/his-sandbox/config';
import { startHisSandbox } from '../server/his-sandbox/sandbox';
import { generateMerchantKeys, generatePlatformKey } from '../server/wechat-sandbox/keys';
import { startWechatSandbox } from '../server/wechat-sandbox/sandbox';
import { sandboxOptionsFor } from '../server/wechat-sandbox/testing';

async function his(latencyMs: number): Promise<() => Promise<void>> {
  const sandbox = await startHisSandbox({ faults: [{ path: '/getHospital', latencyMs }] });
  process.stdout.write(`${JSON.stringify({ his: sandbox.url })}\n`);
  return () => sandbox.close();
}

async function bffs(hisUrl: string): Promise<() => Promise<void>> {
  const merchant = generateMerchantKeys();
  const platform = generatePlatformKey();
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const config = (name: string): Config => ({
    env: 'production',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'warn',
    database: { kind: 'sqlite', file: join(dir, `${name}.sqlite`) },
    sessionTtlMs: 3_600_000,
    cards: { limit: 5, bindFailureLimit: 5, bindFailureWindowMs: 3_600_000 },
    orders: { paymentWindowMs: 15 * 60_000, jobIntervalMs: 15_000, maxAttempts: 8, retryBaseMs: 5_000 },
    corsOrigins: [],
    // the BFF's cap toward HIS would queue 200 concurrent clients: lift it to measure the BFF's own cost
    his: { baseUrl: hisUrl, signKey: DEFAULT_SIGN_KEY, maxConcurrent: 256, maxQueue: 1000 },
    wechat: {
      appid: 'wx8c3e9a1f5d7b2046',
      secret: '5f2b8e0c7a9d4e6f1b3c5a7d9e0f2a4c',
      apiBase: 'http://127.0.0.1:9',
      timeoutMs: 1000,
      pay: { baseUrl: 'http://127.0.0.1:9', mchid: '1230000109', merchantSerialNo: merchant.serialNo, merchantPrivateKeyPem: merchant.privateKeyPem, apiV3Key: merchant.apiV3Key, platformPublicKeyPem: platform.publicKeyPem, platformPublicKeyId: platform.publicKeyId, notifyUrl: 'http://127.0.0.1:9/' },
    },
  });
  const cached = await buildBff(config('cached'));
  const uncached = await buildBff(config('uncached'), { his: { cache: false } });
  const urls = {
    bffCached: await cached.listen({ host: '127.0.0.1', port: 0 }),
    bffUncached: await uncached.listen({ host: '127.0.0.1', port: 0 }),
  };
  process.stdout.write(`${JSON.stringify(urls)}\n`);
  return async () => {
    await Promise.all([cached.close(), uncached.close()]);
  };
}

/** What the `orders` role prints: everything the load side needs. */
export interface OrdersRoleUrls {
  /** The BFF's base URL. */
  bff: string;
  /** The HIS sandbox's origin (admin API under /__sandbox) and its admin token. */
  his: string;
  hisToken: string;
  /** The WeChat sandbox (login codes, admin API under /__sandbox) and its admin token. */
  wechat: string;
  wechatToken: string;
  /** The BFF's staff API token. */
  staffToken: string;
  /** GET <probe>/report → ProbeReport. */
  probe: string;
}

/** One WeChat Pay notification as the BFF handled it. */
export interface NotifyTiming {
  /** From the request reaching the BFF's HTTP server to its answer being written (ms). */
  ms: number;
  status: number;
  /** When the answer was written (epoch ms). */
  endAt: number;
}

export interface ProbeReport {
  notifications: NotifyTiming[];
  /** BFF log lines at warn or above, counted by level and message. */
  bffLog: Record<string, number>;
  wechatInternalErrors: string[];
  hisSelfCheck: { violations: unknown[]; internalErrors: unknown[] };
}

/** A port that is free now: the BFF's notify_url must name it before the BFF listens. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const NOTIFY_PATH = '/api/v1/pay/wechat/notify';
const PINO_LEVELS: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * The order bench's servers. Notification handling is timed on the BFF's own HTTP server (a `request` listener
 * placed before Fastify's: from the request's headers having arrived to the answer having been written), so that
 * neither the sandbox's signing nor its connection set-up counts; the probe — a tiny HTTP server beside them —
 * hands those timings, the BFF's warn/error log lines (counted) and both sandboxes' self-checks to the load side.
 */
async function orders(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
  const merchant = generateMerchantKeys();
  const his = await startHisSandbox();
  const wechat = await startWechatSandbox(sandboxOptionsFor(merchant, { timeScale: 0.001 }));
  const port = await freePort();
  const staffToken = randomBytes(16).toString('hex');
  const config: Config = {
    env: 'production',
    host: '127.0.0.1',
    port,
    logLevel: 'warn',
    database: { kind: 'sqlite', file: join(dir, 'bff.sqlite') },
    sessionTtlMs: 3_600_000,
    cards: { limit: 5, bindFailureLimit: 5, bindFailureWindowMs: 3_600_000 },
    // the production defaults (config.ts loadConfig)
    orders: { paymentWindowMs: 15 * 60_000, jobIntervalMs: 15_000, maxAttempts: 8, retryBaseMs: 5_000 },
    corsOrigins: [],
    staffToken,
    his: { baseUrl: his.url, signKey: his.config.signKey, maxConcurrent: 32, maxQueue: 500 },
    wechat: {
      appid: wechat.config.appid,
      secret: wechat.config.secret,
      apiBase: wechat.url,
      timeoutMs: 5_000,
      pay: {
        baseUrl: wechat.url,
        mchid: wechat.config.mchid,
        merchantSerialNo: merchant.serialNo,
        merchantPrivateKeyPem: merchant.privateKeyPem,
        apiV3Key: merchant.apiV3Key,
        platformPublicKeyPem: wechat.platformKey.publicKeyPem,
        platformPublicKeyId: wechat.platformKey.publicKeyId,
        notifyUrl: `http://127.0.0.1:${port}${NOTIFY_PATH}`,
      },
    },
  };

  const bffLog: Record<string, number> = {};
  let echoed = 0;
  const bff = await buildBff(config, {
    logStream: {
      write(line: string) {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        const key = `${PINO_LEVELS[entry.level ?? 0] ?? String(entry.level)}: ${entry.msg ?? ''}`;
        bffLog[key] = (bffLog[key] ?? 0) + 1;
        // the first few in full, for whoever reads the bench's output
        if (echoed < 3) {
          echoed += 1;
          process.stderr.write(`bench BFF log: ${line.trim()}\n`);
        }
      },
    },
  });
  const notifications: NotifyTiming[] = [];
  bff.server.prependListener('request', (req, res) => {
    if (req.method !== 'POST' || req.url !== NOTIFY_PATH) return;
    const started = process.hrtime.bigint();
    res.once('finish', () => notifications.push({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode, endAt: Date.now() }));
  });
  const bffUrl = await bff.listen({ host: '127.0.0.1', port });

  const probe = createHttpServer((req, res) => {
    if (req.url !== '/report') {
      res.writeHead(404).end();
      return;
    }
    const report: ProbeReport = { notifications, bffLog, wechatInternalErrors: wechat.internalErrors, hisSelfCheck: his.selfCheck };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(report));
  });
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const urls: OrdersRoleUrls = {
    bff: bffUrl,
    his: his.origin,
    hisToken: his.config.adminToken,
    wechat: wechat.url,
    wechatToken: wechat.config.adminToken,
    staffToken,
    probe: `http://127.0.0.1:${(probe.address() as AddressInfo).port}`,
  };
  process.stdout.write(`${JSON.stringify(urls)}\n`);
  return async () => {
    probe.close();
    await bff.close();
    await wechat.close();
    await his.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

async function main(): Promise<void> {
  const [role, arg = ''] = process.argv.slice(2);
  const stop = role === 'his' ? await his(Number(arg)) : role === 'bff' ? await bffs(arg) : role === 'orders' ? await orders() : undefined;
  if (!stop) throw new Error('usage: servers.ts his <latencyMs> | bff <hisUrl> | orders');
  process.on('SIGTERM', () => {
    void stop().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
