/**
 * The whole system on one machine: the HIS sandbox, the WeChat sandbox (with merchant and platform keys generated
 * once under .data/keys), the BFF on SQLite, the mini-program built for weapp (dist/, for WeChat DevTools) and for
 * H5 (dist-h5/, served here). `npm start` runs it on the default ports; the browser tests on their own.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildBff } from '../server/bff/build';
import { loadConfig } from '../server/bff/config';
import { startHisSandbox, type HisSandbox } from '../server/his-sandbox/sandbox';
import { ensureSandboxKeys, KEY_FILES } from '../server/wechat-sandbox/keys';
import { startWechatSandbox, type WechatSandbox } from '../server/wechat-sandbox/sandbox';

export interface Ports {
  bff: number;
  his: number;
  wechat: number;
  h5: number;
}

export const DEFAULT_PORTS: Ports = { bff: 4000, his: 4010, wechat: 4020, h5: 4100 };

export interface SystemOptions {
  root?: string;
  ports?: Ports;
  host?: string;
  /** Where the BFF's SQLite file and the keys live. */
  dataDir?: string;
  build?: { weapp: boolean; h5: boolean };
  logLevel?: string;
  /** Build output is shown only when a build fails; this receives progress lines. */
  onProgress?: (line: string) => void;
}

export interface RunningSystem {
  urls: { bff: string; his: string; hisAdmin: string; wechat: string; h5: string };
  his: HisSandbox;
  wechat: WechatSandbox;
  bff: FastifyInstance;
  h5: FastifyInstance;
  /** The staff API's token (STAFF_TOKEN from the environment, or one made for this run). */
  staffToken: string;
  close(): Promise<void>;
}

export function taroBuild(root: string, type: 'weapp' | 'h5', env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', type], { cwd: root, env: { ...process.env, ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveBuild() : reject(new Error(`taro build --type ${type} failed (exit ${String(code)}):\n${output.slice(-4000)}`))));
  });
}

/** Serves the H5 build: static files, and index.html for anything else (Taro H5 uses hash routes). */
async function serveH5(dir: string, host: string, port: number): Promise<FastifyInstance> {
  const h5 = Fastify({ logger: false });
  await h5.register(fastifyStatic, { root: dir, index: ['index.html'], cacheControl: false });
  h5.setNotFoundHandler((_request, reply) => reply.sendFile('index.html'));
  await h5.listen({ host, port });
  return h5;
}

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const root = resolve(options.root ?? process.cwd());
  const ports = options.ports ?? DEFAULT_PORTS;
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(root, options.dataDir ?? '.data');
  const progress = options.onProgress ?? (() => undefined);
  const base = (port: number) => `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const urls = { bff: base(ports.bff), his: base(ports.his), hisAdmin: `${base(ports.his)}/__sandbox`, wechat: base(ports.wechat), h5: base(ports.h5) };

  const builds = [
    ...(options.build?.weapp ?? true ? [['weapp', 'dist'] as const] : []),
    ...(options.build?.h5 ?? true ? [['h5', 'dist-h5'] as const] : []),
  ];
  const appEnv = { TARO_APP_BFF_URL: urls.bff, TARO_APP_WECHAT_SANDBOX_URL: urls.wechat };
  const building = Promise.all(
    builds.map(async ([type]) => {
      progress(`building the mini-program for ${type}…`);
      await taroBuild(root, type, appEnv);
      progress(`built ${type}`);
    }),
  );

  const staffToken = process.env.STAFF_TOKEN || randomBytes(16).toString('hex');
  const keysDir = join(dataDir, 'keys');
  const keys = ensureSandboxKeys(keysDir);
  const his = await startHisSandbox({}, { port: ports.his, host });
  const wechat = await startWechatSandbox(
    { merchantPublicKeys: [{ serialNo: keys.merchant.serialNo, publicKeyPem: keys.merchant.publicKeyPem }], apiV3Key: keys.merchant.apiV3Key, platformKey: keys.platform },
    { port: ports.wechat, host },
  );
  const config = loadConfig(
    {
      ...process.env,
      NODE_ENV: 'development',
      BFF_HOST: host,
      BFF_PORT: String(ports.bff),
      LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'warn',
      DATA_DIR: dataDir,
      CORS_ORIGINS: [urls.h5, `http://localhost:${ports.h5}`].join(','),
      HIS_BASE_URL: his.url,
      HIS_SIGN_KEY: his.config.signKey,
      WECHAT_APPID: wechat.config.appid,
      WECHAT_SECRET: wechat.config.secret,
      WECHAT_API_BASE: wechat.url,
      WECHAT_PAY_BASE: wechat.url,
      WECHAT_MCHID: wechat.config.mchid,
      WECHAT_PAY_PRIVATE_KEY_FILE: join(keysDir, KEY_FILES.merchantPrivateKey),
      WECHAT_PAY_MERCHANT_SERIAL: keys.merchant.serialNo,
      WECHAT_PAY_APIV3_KEY: keys.merchant.apiV3Key,
      WECHAT_PAY_PUBLIC_KEY_FILE: join(keysDir, KEY_FILES.platformPublicKey),
      WECHAT_PAY_PUBLIC_KEY_ID: keys.platform.publicKeyId,
      WECHAT_PAY_NOTIFY_URL: `${urls.bff}/api/v1/pay/wechat/notify`,
      STAFF_TOKEN: staffToken,
    },
    root,
  );
  const bff = await buildBff(config);
  await bff.listen({ host, port: ports.bff });

  let h5: FastifyInstance | undefined;
  const close = async () => {
    await Promise.allSettled([h5?.close(), bff.close()]);
    await Promise.allSettled([his.close(), wechat.close()]);
  };
  try {
    await building;
    if (!existsSync(join(root, 'dist-h5', 'index.html'))) throw new Error('dist-h5/index.html is missing: build the H5 app first');
    h5 = await serveH5(join(root, 'dist-h5'), host, ports.h5);
  } catch (err) {
    await close();
    throw err;
  }
  return { urls, his, wechat, bff, h5, staffToken, close };
}
