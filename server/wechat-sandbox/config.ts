/** The WeChat sandbox's settings: from code (tests), or from flags and environment (main.ts). */
import { createPublicKey, randomBytes } from 'node:crypto';
import type { PlatformKey } from './keys';

export interface MerchantPublicKey {
  /** Serial number of the merchant API certificate, as sent in `Authorization: … serial_no="…"`. */
  serialNo: string;
  publicKeyPem: string;
}

export interface WechatSandboxConfig {
  /** The one mini-program (小程序 AppID) the sandbox serves. */
  appid: string;
  /** Its AppSecret. */
  secret: string;
  /** The one merchant (直连商户号). */
  mchid: string;
  /** The merchant's name on the cashier page. */
  merchantName: string;
  /** The merchant's API public keys by serial (at least one): requests and paySign are verified with them. */
  merchantPublicKeys: MerchantPublicKey[];
  /** The merchant's APIv3 key (32 characters): notification resources are encrypted with it. */
  apiV3Key: string;
  /** The platform key ("微信支付公钥") responses and notifications are signed with; generated when absent. */
  platformKey?: PlatformKey;
  /**
   * Multiplies WeChat Pay's waiting times: the notification retry schedule (15 s … 6 h) and the refund processing
   * delay. 1 = real durations; tests use e.g. 0.001 (15 s → 15 ms).
   */
  timeScale: number;
  /** How long a refund stays PROCESSING before it ends (scaled by timeScale). */
  refundDelayMs: number;
  /** How long the sandbox waits for the merchant's answer to a notification (WeChat: 5 s; not scaled). */
  notifyTimeoutMs: number;
  /** Whether code2Session answers a unionid (a mini-program bound to an Open Platform account). */
  withUnionId: boolean;
  /** Salt of the deviceId → openid mapping: the same salt and deviceId always give the same openid. */
  openidSalt: string;
  /** Token of the admin API (`/__sandbox/*`); random unless given. */
  adminToken: string;
  /** Log every request (pino, to stdout). */
  logRequests: boolean;
}

export const DEFAULT_APPID = 'wx8c3e9a1f5d7b2046';
export const DEFAULT_SECRET = '5f2b8e0c7a9d4e6f1b3c5a7d9e0f2a4c';
export const DEFAULT_MCHID = '1230000109';

type Required = 'merchantPublicKeys' | 'apiV3Key';

export function wechatSandboxConfig(overrides: Partial<WechatSandboxConfig> & Pick<WechatSandboxConfig, Required>): WechatSandboxConfig {
  const config: WechatSandboxConfig = {
    appid: DEFAULT_APPID,
    secret: DEFAULT_SECRET,
    mchid: DEFAULT_MCHID,
    merchantName: '黔中市第一人民医院',
    timeScale: 1,
    refundDelayMs: 60_000,
    notifyTimeoutMs: 5_000,
    withUnionId: false,
    openidSalt: 'palm-hospital-wechat-sandbox',
    adminToken: randomBytes(12).toString('hex'),
    logRequests: false,
    ...overrides,
  };
  if (!/^wx[0-9a-f]{16}$/.test(config.appid)) throw new Error(`appid must look like wx + 16 hex digits (got ${config.appid})`);
  if (config.secret.length < 16) throw new Error('secret is too short');
  if (!/^\d{8,12}$/.test(config.mchid)) throw new Error(`mchid must be 8–12 digits (got ${config.mchid})`);
  if (config.merchantPublicKeys.length === 0) throw new Error('the sandbox must be told at least one merchant public key (serial + PEM)');
  for (const key of config.merchantPublicKeys) {
    if (!/^[0-9A-Fa-f]{8,40}$/.test(key.serialNo)) throw new Error(`merchant serial ${key.serialNo} is not a certificate serial (hex)`);
    createPublicKey(key.publicKeyPem);
  }
  if (Buffer.byteLength(config.apiV3Key, 'utf8') !== 32) throw new Error('apiV3Key must be 32 bytes');
  if (config.platformKey && !/^PUB_KEY_ID_\d{32}$/.test(config.platformKey.publicKeyId)) {
    throw new Error('platform public key id must look like PUB_KEY_ID_ + 32 digits');
  }
  if (!Number.isFinite(config.timeScale) || config.timeScale <= 0) throw new Error('timeScale must be a positive number');
  if (!Number.isFinite(config.refundDelayMs) || config.refundDelayMs < 0) throw new Error('refundDelayMs must be ≥ 0');
  if (!Number.isFinite(config.notifyTimeoutMs) || config.notifyTimeoutMs <= 0) throw new Error('notifyTimeoutMs must be positive');
  if (!config.adminToken) throw new Error('adminToken must not be empty');
  return config;
}
