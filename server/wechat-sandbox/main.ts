/**
 * Runs the WeChat sandbox alone: `npm run wechat-sandbox -- --port 4020 --time-scale 0.01`.
 * Every flag has an environment variable (flags win); see `--help`.
 *
 * Keys: either a keys folder (default `.data/keys`: the merchant key pair + APIv3 key and the platform key are read
 * from it, or generated and written there — the BFF reads the same files), or the merchant's public key file(s),
 * serial(s) and APIv3 key given one by one (then the platform key comes from --platform-private-key or is new).
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_APPID, DEFAULT_MCHID, DEFAULT_SECRET, type MerchantPublicKey, type WechatSandboxConfig } from './config';
import { ensureSandboxKeys, generatePlatformKey, KEY_FILES, type PlatformKey } from './keys';
import { startWechatSandbox, type WechatSandboxOptions } from './sandbox';

const HELP = `WeChat sandbox: code2Session, access tokens, subscribe messages, WeChat Pay APIv3 and a cashier, on this machine.

  --port <n>                     WECHAT_SANDBOX_PORT              default 4020
  --host <addr>                  WECHAT_SANDBOX_HOST              default 127.0.0.1
  --appid <wx…>                  WECHAT_APPID                     default ${DEFAULT_APPID}
  --secret <s>                   WECHAT_SECRET                    default ${DEFAULT_SECRET}
  --mchid <n>                    WECHAT_MCHID                     default ${DEFAULT_MCHID}
  --merchant-name <name>         WECHAT_MERCHANT_NAME             default 黔中市第一人民医院
  --keys-dir <dir>               WECHAT_SANDBOX_KEYS_DIR          default .data/keys (used when no key flags below)
  --merchant-key <serial>=<pem>  WECHAT_MERCHANT_KEYS             merchant public key file by serial (repeatable; env: comma-separated)
  --api-v3-key <32 chars>        WECHAT_APIV3_KEY                 required with --merchant-key
  --platform-private-key <pem>   WECHAT_PLATFORM_PRIVATE_KEY      platform key file ("微信支付公钥" private half); default new
  --platform-key-id <id>         WECHAT_PLATFORM_KEY_ID           its PUB_KEY_ID_…; required with --platform-private-key
  --time-scale <x>               WECHAT_SANDBOX_TIME_SCALE        default 1 (retry schedule and refund delay × x)
  --refund-delay-ms <n>          WECHAT_SANDBOX_REFUND_DELAY_MS   default 60000 (PROCESSING → SUCCESS, before scaling)
  --with-unionid                 WECHAT_SANDBOX_UNIONID=1         code2Session also answers a unionid
  --admin-token <tok>            WECHAT_SANDBOX_ADMIN_TOKEN       default random, printed at start
  --log                          WECHAT_SANDBOX_LOG=1             log every request
`;

function number(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
}

function merchantKeysFrom(specs: string[]): MerchantPublicKey[] {
  return specs.map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0) throw new Error(`--merchant-key must be <serial>=<public key file> (got ${spec})`);
    return { serialNo: spec.slice(0, at), publicKeyPem: readFileSync(spec.slice(at + 1), 'utf8') };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      appid: { type: 'string' },
      secret: { type: 'string' },
      mchid: { type: 'string' },
      'merchant-name': { type: 'string' },
      'keys-dir': { type: 'string' },
      'merchant-key': { type: 'string', multiple: true },
      'api-v3-key': { type: 'string' },
      'platform-private-key': { type: 'string' },
      'platform-key-id': { type: 'string' },
      'time-scale': { type: 'string' },
      'refund-delay-ms': { type: 'string' },
      'with-unionid': { type: 'boolean' },
      'admin-token': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const env = process.env;
  const pick = (flag: string | undefined, variable: string): string | undefined => flag ?? (env[variable] || undefined);

  const overrides: Partial<WechatSandboxConfig> = {};
  const appid = pick(values.appid, 'WECHAT_APPID');
  if (appid) overrides.appid = appid;
  const secret = pick(values.secret, 'WECHAT_SECRET');
  if (secret) overrides.secret = secret;
  const mchid = pick(values.mchid, 'WECHAT_MCHID');
  if (mchid) overrides.mchid = mchid;
  const merchantName = pick(values['merchant-name'], 'WECHAT_MERCHANT_NAME');
  if (merchantName) overrides.merchantName = merchantName;
  const scale = pick(values['time-scale'], 'WECHAT_SANDBOX_TIME_SCALE');
  if (scale) overrides.timeScale = number(scale, 'time-scale');
  const refundDelay = pick(values['refund-delay-ms'], 'WECHAT_SANDBOX_REFUND_DELAY_MS');
  if (refundDelay) overrides.refundDelayMs = number(refundDelay, 'refund-delay-ms');
  overrides.withUnionId = values['with-unionid'] ?? env.WECHAT_SANDBOX_UNIONID === '1';
  const token = pick(values['admin-token'], 'WECHAT_SANDBOX_ADMIN_TOKEN');
  if (token) overrides.adminToken = token;
  overrides.logRequests = values.log ?? env.WECHAT_SANDBOX_LOG === '1';

  const keySpecs = values['merchant-key'] ?? (env.WECHAT_MERCHANT_KEYS ? env.WECHAT_MERCHANT_KEYS.split(',') : []);
  let options: WechatSandboxOptions;
  let keysNote: string;
  if (keySpecs.length > 0) {
    const apiV3Key = pick(values['api-v3-key'], 'WECHAT_APIV3_KEY');
    if (!apiV3Key) throw new Error('--api-v3-key is required with --merchant-key');
    const platformFile = pick(values['platform-private-key'], 'WECHAT_PLATFORM_PRIVATE_KEY');
    let platformKey: PlatformKey;
    if (platformFile) {
      const publicKeyId = pick(values['platform-key-id'], 'WECHAT_PLATFORM_KEY_ID');
      if (!publicKeyId) throw new Error('--platform-key-id is required with --platform-private-key');
      const privateKeyPem = readFileSync(platformFile, 'utf8');
      platformKey = { privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString(), publicKeyId };
    } else {
      platformKey = generatePlatformKey();
    }
    options = { ...overrides, merchantPublicKeys: merchantKeysFrom(keySpecs), apiV3Key, platformKey };
    keysNote = platformFile ? `platform key from ${platformFile}` : 'platform key generated (give the BFF the public key from GET /__sandbox/platform-key)';
  } else {
    const dir = pick(values['keys-dir'], 'WECHAT_SANDBOX_KEYS_DIR') ?? '.data/keys';
    const keys = ensureSandboxKeys(dir);
    options = {
      ...overrides,
      merchantPublicKeys: [{ serialNo: keys.merchant.serialNo, publicKeyPem: keys.merchant.publicKeyPem }],
      apiV3Key: keys.merchant.apiV3Key,
      platformKey: keys.platform,
    };
    keysNote = `keys in ${dir}: merchant ${KEY_FILES.merchantPrivateKey} + ${KEY_FILES.merchant}, platform ${KEY_FILES.platformPublicKey} + ${KEY_FILES.platform}`;
  }

  const port = number(pick(values.port, 'WECHAT_SANDBOX_PORT') ?? '4020', 'port');
  const host = pick(values.host, 'WECHAT_SANDBOX_HOST') ?? '127.0.0.1';
  const sandbox = await startWechatSandbox(options, { port, host });
  const c = sandbox.config;
  process.stdout.write(
    [
      `WeChat sandbox listening: ${sandbox.url}  (appid ${c.appid}, mchid ${c.mchid}, time scale ${c.timeScale})`,
      `platform public key id: ${sandbox.platformKey.publicKeyId}; merchant serial(s): ${c.merchantPublicKeys.map((k) => k.serialNo).join(', ')}`,
      keysNote,
      `H5 login codes: POST ${sandbox.url}/sandbox/login-code {"deviceId": "…"}; cashier: ${sandbox.url}/cashier`,
      `admin API: ${sandbox.url}/__sandbox  token: ${c.adminToken}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`WeChat sandbox: ${signal}, stopping\n`);
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`WeChat sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
