/**
 * WeChat Pay APIv3 cryptography on the BFF's side, with node:crypto only:
 * - request signature: SHA256-RSA2048 with the merchant key over `METHOD\nURL\ntimestamp\nnonce\nbody\n`;
 * - wx.requestPayment's paySign: the same over `appId\ntimeStamp\nnonceStr\npackage\n`;
 * - answer / notification verification: the platform public key over `timestamp\nnonce\nbody\n`;
 * - notification resources: AEAD_AES_256_GCM with the APIv3 key (the last 16 bytes of the ciphertext are the tag).
 */
import { createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export function loadPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

export function loadPublicKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

/** Lines joined the WeChat way: every line ends with `\n`, the last one too. */
export function message(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

export function sign(lines: readonly string[], key: KeyObject): string {
  return createSign('RSA-SHA256').update(message(lines), 'utf8').sign(key, 'base64');
}

export function verify(lines: readonly string[], signature: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message(lines), 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

/** 32 upper-case hex characters. */
export function nonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** Decrypts an AEAD_AES_256_GCM resource; throws when the key, nonce, associated data or tag do not match. */
export function decryptAesGcm(ciphertextBase64: string, apiV3Key: string, nonceText: string, associatedData: string): string {
  const data = Buffer.from(ciphertextBase64, 'base64');
  if (data.length <= 16) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceText, 'utf8'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}
