/**
 * WeChat Pay notifications (支付成功 / 退款结果通知) as the BFF's notify route receives them. `verifyNotification`:
 * 1. the platform signature over `timestamp\nnonce\nbody\n` (the raw body as received, never re-serialised):
 *    headers complete, timestamp within 5 minutes, serial = the platform key id, signature valid;
 * 2. the envelope (`id`, `event_type`, `resource{algorithm AEAD_AES_256_GCM, ciphertext, associated_data, nonce}`)
 *    and the resource decrypted with the APIv3 key;
 * 3. the resource read as a transaction (TRANSACTION.*) or a refund (REFUND.*), its appid / mchid ours;
 * 4. optionally, what the BFF expects of that order or refund (it exists, the amount is the amount).
 * Any failure is a named error (errors.ts): the route answers 4xx/5xx and WeChat retries; a genuine notification
 * the BFF cannot place is never acknowledged as if it were fine.
 */
import { decryptAesGcm } from './crypto';
import { WechatNotificationMismatch, WechatPayDecryptionFailed, WechatProtocolError } from './errors';
import { parseJson } from './http';
import { verifyPlatformSignature, type HeaderSource, type PlatformVerifier } from './signature';
import { parseRefundNotice, parseTransaction, Reader, type WechatRefundNotice, type WechatTransaction } from './types';

interface NotificationBase {
  /** The notification's id (the same on every retry of one notification). */
  id: string;
  createTime: string;
  eventType: string;
  summary: string;
}

export type VerifiedNotification =
  | (NotificationBase & { kind: 'transaction'; transaction: WechatTransaction })
  | (NotificationBase & { kind: 'refund'; refund: WechatRefundNotice });

type MaybePromise<T> = T | Promise<T>;

export interface NotificationExpectations {
  /** What the BFF knows of an order (undefined: not ours) — the notification's amount.total must equal totalFen. */
  order?: (outTradeNo: string) => MaybePromise<{ totalFen: number } | undefined>;
  /** What the BFF knows of a refund (undefined: not ours) — the notification's amount.refund must equal refundFen. */
  refund?: (outRefundNo: string) => MaybePromise<{ refundFen: number } | undefined>;
}

export interface NotificationContext {
  verifier: PlatformVerifier;
  appid: string;
  mchid: string;
  apiV3Key: string;
}

export async function verifyNotification(ctx: NotificationContext, headers: HeaderSource, rawBody: string, expect: NotificationExpectations = {}): Promise<VerifiedNotification> {
  verifyPlatformSignature(ctx.verifier, headers, rawBody, 'notification');

  const r = new Reader('notification', rawBody);
  const envelope = r.object(parseJson(rawBody), 'body');
  const base: NotificationBase = {
    id: r.string(envelope, 'id'),
    createTime: r.string(envelope, 'create_time'),
    eventType: r.string(envelope, 'event_type'),
    summary: r.optString(envelope, 'summary') ?? '',
  };
  const resource = r.object(envelope.resource, 'resource');
  const algorithm = r.string(resource, 'algorithm', 'resource.algorithm');
  if (algorithm !== 'AEAD_AES_256_GCM') throw new WechatPayDecryptionFailed(`notification: unsupported algorithm ${algorithm}`, { raw: rawBody });
  let plaintext: string;
  try {
    plaintext = decryptAesGcm(
      r.string(resource, 'ciphertext', 'resource.ciphertext'),
      ctx.apiV3Key,
      r.string(resource, 'nonce', 'resource.nonce'),
      r.optString(resource, 'associated_data', 'resource.associated_data') ?? '',
    );
  } catch (err) {
    throw new WechatPayDecryptionFailed('notification: the resource does not decrypt with the APIv3 key', { raw: rawBody, cause: err });
  }
  const content = parseJson(plaintext);
  const pr = new Reader('notification', plaintext);

  if (base.eventType.startsWith('TRANSACTION.')) {
    const transaction = parseTransaction(pr, content);
    if (transaction.appid !== ctx.appid) throw new WechatNotificationMismatch('appid', ctx.appid, transaction.appid);
    if (transaction.mchid !== ctx.mchid) throw new WechatNotificationMismatch('mchid', ctx.mchid, transaction.mchid);
    if (expect.order) {
      const known = await expect.order(transaction.outTradeNo);
      if (!known) throw new WechatNotificationMismatch('out_trade_no', undefined, transaction.outTradeNo);
      if (known.totalFen !== transaction.totalFen) throw new WechatNotificationMismatch('amount', known.totalFen, transaction.totalFen);
    }
    return { ...base, kind: 'transaction', transaction };
  }
  if (base.eventType.startsWith('REFUND.')) {
    const refund = parseRefundNotice(pr, content);
    if (refund.mchid !== ctx.mchid) throw new WechatNotificationMismatch('mchid', ctx.mchid, refund.mchid);
    if (expect.refund) {
      const known = await expect.refund(refund.outRefundNo);
      if (!known) throw new WechatNotificationMismatch('out_refund_no', undefined, refund.outRefundNo);
      if (known.refundFen !== refund.refundFen) throw new WechatNotificationMismatch('amount', known.refundFen, refund.refundFen);
    }
    return { ...base, kind: 'refund', refund };
  }
  throw new WechatProtocolError('notification', `unknown event_type ${base.eventType}`, { raw: rawBody });
}
