/**
 * The checks of a message WeChat Pay signed (an answer or a notification), in wechatpay-axios-plugin's order:
 * headers complete → timestamp within ±5 minutes → Wechatpay-Serial is our platform key id → the signature verifies
 * over `timestamp\nnonce\nbody\n`. Each failure is its own named error.
 */
import type { KeyObject } from 'node:crypto';
import { verify } from './crypto';
import { WechatPayHeadersIncomplete, WechatPaySignatureMismatch, WechatPayTimestampOffset, WechatPayUnknownSerial } from './errors';

/** Node's / Fastify's request headers, or a fetch Headers. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** Accepted distance between a signature's timestamp and this server's clock. */
export const MAX_TIMESTAMP_OFFSET_S = 300;

export interface PlatformVerifier {
  key: KeyObject;
  keyId: string;
  now: () => number;
}

/** A header by name, case-insensitively. */
function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** The checks of a WeChat-signed message (answer or notification), in wechatpay-axios-plugin's order. */
export function verifyPlatformSignature(verifier: PlatformVerifier, headers: HeaderSource, body: string, context: string, requestId?: string): void {
  const timestamp = header(headers, 'wechatpay-timestamp');
  const nonceText = header(headers, 'wechatpay-nonce');
  const signature = header(headers, 'wechatpay-signature');
  const serial = header(headers, 'wechatpay-serial');
  const raw = body;
  if (!timestamp || !nonceText || !signature || !serial) {
    throw new WechatPayHeadersIncomplete(`${context}: Wechatpay-Timestamp/-Nonce/-Signature/-Serial incomplete`, { raw, requestId });
  }
  const offset = Math.abs(verifier.now() / 1000 - Number(timestamp));
  if (!/^\d+$/.test(timestamp) || offset > MAX_TIMESTAMP_OFFSET_S) {
    throw new WechatPayTimestampOffset(`${context}: Wechatpay-Timestamp ${timestamp} is beyond ±${MAX_TIMESTAMP_OFFSET_S} s of local time`, { raw, requestId });
  }
  if (serial !== verifier.keyId) throw new WechatPayUnknownSerial(`${context}: Wechatpay-Serial ${serial} is not the platform public key ${verifier.keyId}`, { raw, requestId });
  if (!verify([timestamp, nonceText, body], signature, verifier.key)) {
    throw new WechatPaySignatureMismatch(`${context}: the platform signature does not verify`, { raw, requestId });
  }
}

