/**
 * Keys of the two sides of WeChat Pay, generated on this machine and never committed:
 * - the merchant's API key pair (WeChat's `apiclient_key.pem`), its serial number and the APIv3 key — the BFF signs
 *   requests with the private key; the sandbox verifies them with the public key it is told about;
 * - the platform key ("微信支付公钥" mode): an RSA key pair with an id `PUB_KEY_ID_…` — the sandbox signs responses and
 *   notifications with the private key; the BFF verifies them with the public key.
 *
 * `ensureSandboxKeys(dir)` keeps both in a folder (e.g. `.data/keys/`, gitignored) so that a restarted sandbox and
 * a restarted BFF still agree.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { randomDigits, randomHex, randomString } from './protocol';

export interface MerchantKeys {
  privateKeyPem: string;
  publicKeyPem: string;
  /** The merchant API certificate's serial number: 40 upper-case hex digits. */
  serialNo: string;
  /** The APIv3 key: 32 ASCII characters (AES-256-GCM key of notification resources). */
  apiV3Key: string;
}

export interface PlatformKey {
  privateKeyPem: string;
  publicKeyPem: string;
  /** `PUB_KEY_ID_` + 32 digits, sent as `Wechatpay-Serial`. */
  publicKeyId: string;
}

export interface SandboxKeys {
  merchant: MerchantKeys;
  platform: PlatformKey;
}

function rsaPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export function generateMerchantKeys(): MerchantKeys {
  return { ...rsaPair(), serialNo: randomHex(20).toUpperCase(), apiV3Key: randomString(32) };
}

export function generatePlatformKey(): PlatformKey {
  return { ...rsaPair(), publicKeyId: `PUB_KEY_ID_${randomDigits(32)}` };
}

/** File names inside the keys folder (the merchant's follow WeChat's own: apiclient_key.pem, pub_key.pem). */
export const KEY_FILES = {
  merchantPrivateKey: 'apiclient_key.pem',
  merchantPublicKey: 'apiclient_public_key.pem',
  merchant: 'merchant.json',
  platformPublicKey: 'pub_key.pem',
  platformPrivateKey: 'pub_key_private.pem',
  platform: 'pub_key.json',
} as const;

function writeSecret(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function readJson(file: string): Record<string, unknown> {
  const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof value !== 'object' || value === null) throw new Error(`${file} is not a JSON object`);
  return value as Record<string, unknown>;
}

function readString(record: Record<string, unknown>, key: string, file: string): string {
  const v = record[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${file}: ${key} missing`);
  return v;
}

/** Loads the merchant and platform keys from `dir`, generating (and writing) whichever side is missing. */
export function ensureSandboxKeys(dir: string): SandboxKeys {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (name: keyof typeof KEY_FILES) => join(dir, KEY_FILES[name]);

  let merchant: MerchantKeys;
  if (existsSync(f('merchantPrivateKey')) && existsSync(f('merchantPublicKey')) && existsSync(f('merchant'))) {
    const meta = readJson(f('merchant'));
    merchant = {
      privateKeyPem: readFileSync(f('merchantPrivateKey'), 'utf8'),
      publicKeyPem: readFileSync(f('merchantPublicKey'), 'utf8'),
      serialNo: readString(meta, 'serialNo', f('merchant')),
      apiV3Key: readString(meta, 'apiV3Key', f('merchant')),
    };
  } else {
    merchant = generateMerchantKeys();
    writeSecret(f('merchantPrivateKey'), merchant.privateKeyPem);
    writeFileSync(f('merchantPublicKey'), merchant.publicKeyPem);
    writeSecret(f('merchant'), `${JSON.stringify({ serialNo: merchant.serialNo, apiV3Key: merchant.apiV3Key }, null, 2)}\n`);
  }

  let platform: PlatformKey;
  if (existsSync(f('platformPrivateKey')) && existsSync(f('platformPublicKey')) && existsSync(f('platform'))) {
    platform = {
      privateKeyPem: readFileSync(f('platformPrivateKey'), 'utf8'),
      publicKeyPem: readFileSync(f('platformPublicKey'), 'utf8'),
      publicKeyId: readString(readJson(f('platform')), 'publicKeyId', f('platform')),
    };
  } else {
    platform = generatePlatformKey();
    writeSecret(f('platformPrivateKey'), platform.privateKeyPem);
    writeFileSync(f('platformPublicKey'), platform.publicKeyPem);
    writeFileSync(f('platform'), `${JSON.stringify({ publicKeyId: platform.publicKeyId }, null, 2)}\n`);
  }
  return { merchant, platform };
}
