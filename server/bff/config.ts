/**
 * The BFF's configuration: read from the environment once at boot, validated, and turned into one typed object.
 * A missing or malformed setting stops the boot with a message that names it — never a half-configured server.
 *
 * Defaults run the whole system on one machine (the sandboxes, SQLite under ./.data); production sets the real
 * WeChat and HIS addresses, PostgreSQL and the merchant keys (README, "Production").
 */
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
  /** Origins allowed to call the API from a browser (the H5 build), comma-separated. */
  CORS_ORIGINS: Type.String({ default: 'http://127.0.0.1:4100,http://localhost:4100' }),

  HIS_BASE_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:4010' }),
  HIS_SIGN_KEY: Type.String({ minLength: 1, default: 'his-sandbox-sign-key' }),
  HIS_MAX_CONCURRENT: Type.Integer({ minimum: 1, maximum: 1000, default: 32 }),
  HIS_MAX_QUEUE: Type.Integer({ minimum: 0, maximum: 100000, default: 500 }),

  WECHAT_APPID: Type.String({ minLength: 1, default: 'wxsandbox0000001' }),
  WECHAT_SECRET: Type.String({ minLength: 1, default: 'sandbox-secret' }),
  /** https://api.weixin.qq.com, or the WeChat sandbox. */
  WECHAT_API_BASE: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:4020' }),
});

export type EnvInput = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  sessionTtlMs: number;
  corsOrigins: string[];
  his: { baseUrl: string; signKey: string; maxConcurrent: number; maxQueue: number };
  wechat: { appid: string; secret: string; apiBase: string };
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
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    his: { baseUrl: e.HIS_BASE_URL.replace(/\/$/, ''), signKey: e.HIS_SIGN_KEY, maxConcurrent: e.HIS_MAX_CONCURRENT, maxQueue: e.HIS_MAX_QUEUE },
    wechat: { appid: e.WECHAT_APPID, secret: e.WECHAT_SECRET, apiBase: e.WECHAT_API_BASE.replace(/\/$/, '') },
  };
}

