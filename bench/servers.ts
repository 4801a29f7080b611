/**
 * The servers of the latency bench, each role in a process of its own (the load generator, the HIS and the BFF do
 * not share an event loop):
 *   tsx bench/servers.ts his <latencyMs>   a HIS sandbox whose /getHospital answers after <latencyMs>
 *   tsx bench/servers.ts bff <hisUrl>      two BFFs in front of it: one as configured for production, one with the
 *                                          reference cache off, so that every request makes exactly one HIS call
 * Each prints its URLs as one JSON line on stdout, and stops on SIGTERM.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBff } from '../server/bff/build';
import type { Config } from '../server/bff/config';
import { DEFAULT_SIGN_KEY } from '../server/his-sandbox/config';
import { startHisSandbox } from '../server/his-sandbox/sandbox';
import { generateMerchantKeys, generatePlatformKey } from '../server/wechat-sandbox/keys';

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

async function main(): Promise<void> {
  const [role, arg = ''] = process.argv.slice(2);
  const stop = role === 'his' ? await his(Number(arg)) : role === 'bff' ? await bffs(arg) : undefined;
  if (!stop) throw new Error('usage: servers.ts his <latencyMs> | bff <hisUrl>');
  process.on('SIGTERM', () => {
    void stop().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
