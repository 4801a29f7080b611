/**
 * WeChat's wire formats on the sandbox's side: the APIv3 signatures (SHA256-RSA2048 over newline-terminated
 * lines), the AEAD_AES_256_GCM encryption of notification resources, RFC 3339 times in China Standard Time and the
 * shapes of WeChat's identifiers. The BFF has its own implementation (server/bff/wechat/crypto.ts): two independent
 * readings of the documentation meet over HTTP in the tests.
 */
import { createCipheriv, createSign, createVerify, randomBytes, randomInt, type KeyObject } from 'node:crypto';

/** The signed message: every line followed by `\n`, the last one included. */
export function signedMessage(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}

export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

/** Encrypts a notification resource with the merchant's APIv3 key (32 bytes), as WeChat Pay does. */
export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string, originalType: string): EncryptedResource {
  const nonce = randomString(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), associated_data: associatedData, nonce, original_type: originalType };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function randomDigits(length: number): string {
  return randomString(length, '0123456789');
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const CST_OFFSET_MS = 8 * 3600_000;

/** `2018-06-08T10:34:56+08:00`: WeChat Pay writes its times in China Standard Time. */
export function rfc3339(epochMs: number): string {
  return `${new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** `yyyyMMddHHmmss` in China Standard Time (inside prepay ids and transaction ids). */
export function compactTime(epochMs: number): string {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 time with its offset; undefined when it is not one. */
export function parseRfc3339(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** WeChat's `rid` on errmsg: `rid: 6523f5b5-4a2f7c8f-1e2d3c4b`. */
export function rid(): string {
  return `${randomHex(4)}-${randomHex(4)}-${randomHex(4)}`;
}
