/**
 * The BFF's configuration: read from the environment once at boot, validated, and turned into one typed object.
 * A missing or malformed setting stops the boot with a message that names it — never a half-configured server.
 *
 * Defaults run the whole system on one machine (the sandboxes, SQLite under ./.data); production sets the real
 * WeChat and HIS addresses, PostgreSQL and the merchant keys (README, "Production").
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const Env = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'development' }),
  BFF_HOST: Type.String({ default: '127.0.0.1' }),
  BFF_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4000 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  /** Where the SQLite file lives when DATABASE_URL is not set. */
  DATA_DIR: Type.String({ default: '.data' }),
  /** postgres://… — PostgreSQL instead of SQLite. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  SESSION_TTL_HOURS: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 90, default: 24 * 7 }),
  /** Most cards (family members) one account may bind. */
  CARD_LIMIT: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
  /** Failed binding attempts allowed per user and per target identity within the window, then a cool-down. */
  BIND_FAILURE_LIMIT: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  BIND_FAILURE_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 60 }),
  /** How long an order can be paid, and how often unfinished orders are driven again (crash repair, expiry). */
  ORDER_PAYMENT_MINUTES: Type.Integer({ minimum: 1, maximum: 120, default: 15 }),
  ORDER_JOB_INTERVAL_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 15 }),
  /** Tries of one order step (HIS business call, refund) before the order goes to staff review. */
  ORDER_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
  /** Token of the staff endpoints (needs_review list, reconciliation); unset: those endpoints are off. */
  STAFF_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Origins allowed to call the API from a browser (the H5 build), comma-separated. */
  CORS_ORIGINS: Type.String({ default: 'http://127.0.0.1:4100,http://localhost:4100' }),

  HIS_BASE_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:4010' }),
  HIS_SIGN_KEY: Type.String({ minLength: 1, default: 'his-sandbox-sign-key' }),
  HIS_MAX_CONCURRENT: Type.Integer({ minimum: 1, maximum: 1000, default: 32 }),
  HIS_MAX_QUEUE: Type.Integer({ minimum: 0, maximum: 100000, default: 500 }),

  // The defaults are the WeChat sandbox's own (server/wechat-sandbox/config.ts): not secrets.
  WECHAT_APPID: Type.String({ pattern: '^wx[0-9a-f]{16}$', default: 'wx8c3e9a1f5d7b2046' }),
  WECHAT_SECRET: Type.String({ minLength: 16, default: '5f2b8e0c7a9d4e6f1b3c5a7d9e0f2a4c' }),
  /** https://api.weixin.qq.com, or the WeChat sandbox. */
  WECHAT_API_BASE: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:4020' }),
  /** https://api.mch.weixin.qq.com, or the WeChat sandbox. */
  WECHAT_PAY_BASE: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:4020' }),
  WECHAT_MCHID: Type.String({ pattern: '^\\d{8,12}$', default: '1230000109' }),
  /** The merchant API key (apiclient_key.pem), its certificate serial number and the APIv3 key. */
  WECHAT_PAY_PRIVATE_KEY_FILE: Type.String({ minLength: 1 }),
  WECHAT_PAY_MERCHANT_SERIAL: Type.String({ pattern: '^[0-9A-Fa-f]{8,64}$' }),
  WECHAT_PAY_APIV3_KEY: Type.String({ minLength: 32, maxLength: 32 }),
  /** "微信支付公钥" (pub_key.pem) and its id PUB_KEY_ID_…: what WeChat signs answers and notifications with. */
  WECHAT_PAY_PUBLIC_KEY_FILE: Type.String({ minLength: 1 }),
  WECHAT_PAY_PUBLIC_KEY_ID: Type.String({ pattern: '^PUB_KEY_ID_' }),
  /** Where WeChat Pay posts notifications: this BFF's public address. */
  WECHAT_PAY_NOTIFY_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:4000/api/v1/pay/wechat/notify' }),
  WECHAT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5_000 }),
});

export type EnvInput = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  sessionTtlMs: number;
  cards: { limit: number; bindFailureLimit: number; bindFailureWindowMs: number };
  /** The order machine (orders/machine.ts): payment window, re-drive interval, retries and their back-off, lease. */
  orders: { paymentWindowMs: number; jobIntervalMs: number; maxAttempts: number; retryBaseMs: number; retryMaxMs?: number; leaseMs?: number; payingCheckMs?: number };
  staffToken?: string;
  corsOrigins: string[];
  his: { baseUrl: string; signKey: string; maxConcurrent: number; maxQueue: number };
  wechat: {
    appid: string;
    secret: string;
    apiBase: string;
    timeoutMs: number;
    pay: {
      baseUrl: string;
      mchid: string;
      merchantSerialNo: string;
      merchantPrivateKeyPem: string;
      apiV3Key: string;
      platformPublicKeyPem: string;
      platformPublicKeyId: string;
      notifyUrl: string;
    };
  };
}

export class ConfigError extends Error {}

/** Environment strings → typed values (numbers), then defaults, then validation. */
function parseEnv(input: EnvInput): Static<typeof Env> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(Env.properties)) {
    const value = input[key];
    if (value === undefined || value === '') continue;
    const schema = Env.properties[key as keyof typeof Env.properties];
    raw[key] = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
  }
  const withDefaults = Value.Default(Env, raw);
  const errors = [...Value.Errors(Env, withDefaults)];
  if (errors.length) {
    throw new ConfigError(`invalid configuration: ${errors.map((e) => `${e.path.slice(1) || '(root)'} ${e.message}`).join('; ')}`);
  }
  return withDefaults as Static<typeof Env>;
}

export function loadConfig(input: EnvInput = process.env, cwd = process.cwd()): Config {
  const e = parseEnv(input);
  return {
    env: e.NODE_ENV,
    host: e.BFF_HOST,
    port: e.BFF_PORT,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: join(resolve(cwd, e.DATA_DIR), 'bff.sqlite') },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    orders: { paymentWindowMs: e.ORDER_PAYMENT_MINUTES * 60_000, jobIntervalMs: e.ORDER_JOB_INTERVAL_SECONDS * 1000, maxAttempts: e.ORDER_MAX_ATTEMPTS, retryBaseMs: 5_000 },
    ...(e.STAFF_TOKEN ? { staffToken: e.STAFF_TOKEN } : {}),
    cards: { limit: e.CARD_LIMIT, bindFailureLimit: e.BIND_FAILURE_LIMIT, bindFailureWindowMs: e.BIND_FAILURE_WINDOW_MINUTES * 60_000 },
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    his: { baseUrl: e.HIS_BASE_URL.replace(/\/$/, ''), signKey: e.HIS_SIGN_KEY, maxConcurrent: e.HIS_MAX_CONCURRENT, maxQueue: e.HIS_MAX_QUEUE },
    wechat: {
      appid: e.WECHAT_APPID,
      secret: e.WECHAT_SECRET,
      apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
      timeoutMs: e.WECHAT_TIMEOUT_MS,
      pay: {
        baseUrl: e.WECHAT_PAY_BASE.replace(/\/$/, ''),
        mchid: e.WECHAT_MCHID,
        merchantSerialNo: e.WECHAT_PAY_MERCHANT_SERIAL.toUpperCase(),
        merchantPrivateKeyPem: readKeyFile('WECHAT_PAY_PRIVATE_KEY_FILE', resolve(cwd, e.WECHAT_PAY_PRIVATE_KEY_FILE)),
        apiV3Key: e.WECHAT_PAY_APIV3_KEY,
        platformPublicKeyPem: readKeyFile('WECHAT_PAY_PUBLIC_KEY_FILE', resolve(cwd, e.WECHAT_PAY_PUBLIC_KEY_FILE)),
        platformPublicKeyId: e.WECHAT_PAY_PUBLIC_KEY_ID,
        notifyUrl: e.WECHAT_PAY_NOTIFY_URL,
      },
    },
  };
}

/** Reads a key file named by a setting, with a message that names the setting when it cannot. */
function readKeyFile(setting: string, path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('-----BEGIN')) throw new Error('not a PEM file');
    return text;
  } catch (err) {
    throw new ConfigError(`${setting}: cannot read a key from ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

