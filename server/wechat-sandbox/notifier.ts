/**
 * WeChat Pay's result notifications (支付成功 / 退款结果通知): the documented body — `id`, `create_time`,
 * `event_type`, `resource_type: encrypt-resource`, `summary`, `resource{original_type, algorithm AEAD_AES_256_GCM,
 * ciphertext, associated_data, nonce}` — POSTed to the merchant's notify_url, signed with the platform key
 * (`Wechatpay-Timestamp/-Nonce/-Signature/-Serial` over `timestamp\nnonce\nbody\n`), and retried until the merchant
 * acknowledges it (HTTP 200 or 204) on WeChat's schedule 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h,
 * multiplied by the time scale. Notification faults (faults.ts) suppress, delay, duplicate or forge deliveries.
 */
import { randomUUID, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { WechatSandboxConfig } from './config';
import type { ForgeKind, NotificationEvent, NotificationFaultSpec, SandboxFaults } from './faults';
import { encryptResource, randomDigits, randomHex, randomString, rfc3339, rsaSign, signedMessage } from './protocol';
import type { Scheduler } from './scheduler';

/** WeChat's retry intervals after a failed delivery (total 24 h 4 min). */
export const RETRY_SCHEDULE_MS = [
  15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 3_600_000, 10_800_000, 10_800_000, 10_800_000, 21_600_000,
  21_600_000,
] as const;

export interface Attempt {
  at: string;
  /** HTTP status of the merchant's answer; absent when the request failed (refused, timed out). */
  status?: number;
  error?: string;
  acked: boolean;
  /** A forged delivery (not the genuine notification). */
  forged?: ForgeKind;
  /** A duplicate delivery after the notification was already acknowledged. */
  duplicate?: boolean;
  /** Delivered on demand through the admin API. */
  manual?: boolean;
}

export type NotificationState = 'pending' | 'acked' | 'failed' | 'suppressed';

export interface NotificationRecord {
  id: string;
  event: NotificationEvent;
  eventType: string;
  summary: string;
  outTradeNo: string;
  outRefundNo?: string;
  notifyUrl: string;
  createdAt: string;
  state: NotificationState;
  /** The decrypted resource, for QA reading the admin API. */
  resource: Record<string, unknown>;
  /** The genuine body as delivered (every retry sends the same body, freshly signed). */
  body: string;
  attempts: Attempt[];
  fault?: NotificationFaultSpec;
}

export interface NotificationStats {
  notifications: number;
  acked: number;
  pending: number;
  failed: number;
  suppressed: number;
  attempts: number;
  ackedAttempts: number;
  failedAttempts: number;
  forgedDeliveries: number;
  duplicateDeliveries: number;
}

export interface PlatformSigner {
  key: KeyObject;
  publicKeyId: string;
}

interface Outgoing {
  body: string;
  headers: Record<string, string>;
}

interface DeliveryResult {
  status?: number;
  error?: string;
}

export class Notifier {
  private records: NotificationRecord[] = [];
  private readonly retryCancels = new Map<string, () => void>();
  private readonly inFlight = new Set<ClientRequest>();
  private rogueKey: KeyObject | undefined;

  constructor(
    private readonly config: WechatSandboxConfig,
    private readonly signer: PlatformSigner,
    private readonly faults: SandboxFaults,
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
  ) {}

  all(): NotificationRecord[] {
    return this.records.map((r) => ({ ...r, attempts: [...r.attempts] }));
  }

  get(id: string): NotificationRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  reset(): void {
    for (const cancel of this.retryCancels.values()) cancel();
    this.retryCancels.clear();
    this.records = [];
  }

  abortInFlight(): void {
    for (const req of this.inFlight) req.destroy(new Error('sandbox closing'));
    this.inFlight.clear();
  }

  stats(): NotificationStats {
    const attempts = this.records.flatMap((r) => r.attempts);
    const count = (state: NotificationState) => this.records.filter((r) => r.state === state).length;
    return {
      notifications: this.records.length,
      acked: count('acked'),
      pending: count('pending'),
      failed: count('failed'),
      suppressed: count('suppressed'),
      attempts: attempts.length,
      ackedAttempts: attempts.filter((a) => a.acked).length,
      failedAttempts: attempts.filter((a) => !a.acked).length,
      forgedDeliveries: attempts.filter((a) => a.forged).length,
      duplicateDeliveries: attempts.filter((a) => a.duplicate).length,
    };
  }

  /** Starts the notification flow of one event (payment success or refund end). */
  notify(input: { event: NotificationEvent; eventType: string; summary: string; outTradeNo: string; outRefundNo?: string; notifyUrl: string; resource: Record<string, unknown> }): NotificationRecord {
    const id = randomUUID();
    const createdAt = rfc3339(this.now());
    const body = this.body(id, createdAt, input.eventType, input.summary, input.event, input.resource, this.config.apiV3Key);
    const fault = this.faults.notifications.take(
      (f) => (f.outTradeNo === '*' || f.outTradeNo === input.outTradeNo) && (f.event === undefined || f.event === input.event) && !(f.kind === 'wrongAppid' && input.event === 'refund'),
    );
    const record: NotificationRecord = { ...input, id, createdAt, body, state: 'pending', attempts: [], ...(fault ? { fault } : {}) };
    this.records.push(record);

    if (fault?.mode === 'none') {
      record.state = 'suppressed';
      return record;
    }
    const firstDelay = fault?.mode === 'delay' ? (fault.delayMs ?? 0) : 0;
    this.scheduler.after(firstDelay, async () => {
      if (fault?.mode === 'forged' && fault.kind) await this.sendForged(record, fault.kind);
      await this.attempt(record, 0);
    });
    return record;
  }

  /** Delivers the genuine notification once more, now (admin API); acknowledged → no more retries. */
  async redeliver(id: string): Promise<Attempt | undefined> {
    const record = this.get(id);
    if (!record) return undefined;
    const attempt = await this.send(record, this.signed(record.body), { manual: true });
    if (attempt.acked && record.state !== 'acked') {
      record.state = 'acked';
      this.retryCancels.get(record.id)?.();
      this.retryCancels.delete(record.id);
    }
    return attempt;
  }

  private async attempt(record: NotificationRecord, retryIndex: number): Promise<void> {
    this.retryCancels.delete(record.id);
    if (record.state === 'acked') return;
    const attempt = await this.send(record, this.signed(record.body), {});
    if (attempt.acked) {
      record.state = 'acked';
      if (record.fault?.mode === 'duplicate') await this.sendDuplicates(record, (record.fault.count ?? 2) - 1);
      return;
    }
    const wait = RETRY_SCHEDULE_MS[retryIndex];
    if (wait === undefined) {
      record.state = 'failed';
      return;
    }
    this.retryCancels.set(record.id, this.scheduler.after(wait * this.config.timeScale, () => this.attempt(record, retryIndex + 1)));
  }

  private async sendDuplicates(record: NotificationRecord, n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) await this.send(record, this.signed(record.body), { duplicate: true });
  }

  private async send(record: NotificationRecord, out: Outgoing, flags: Pick<Attempt, 'forged' | 'duplicate' | 'manual'>): Promise<Attempt> {
    const at = new Date().toISOString();
    const result = await this.post(record.notifyUrl, out);
    const acked = result.status === 200 || result.status === 204;
    const attempt: Attempt = { at, acked, ...(result.status !== undefined ? { status: result.status } : {}), ...(result.error ? { error: result.error } : {}), ...flags };
    record.attempts.push(attempt);
    return attempt;
  }

  // ---- bodies and signatures ----

  private body(id: string, createdAt: string, eventType: string, summary: string, event: NotificationEvent, resource: Record<string, unknown>, apiV3Key: string): string {
    const enc = encryptResource(JSON.stringify(resource), apiV3Key, event, event);
    return JSON.stringify({
      id,
      create_time: createdAt,
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: enc.original_type, algorithm: enc.algorithm, ciphertext: enc.ciphertext, associated_data: enc.associated_data, nonce: enc.nonce },
    });
  }

  private signed(body: string, options: { key?: KeyObject; serial?: string; timestamp?: number; signedBody?: string } = {}): Outgoing {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomHex(16);
    const signature = rsaSign(signedMessage([timestamp, nonce, options.signedBody ?? body]), options.key ?? this.signer.key);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': options.serial ?? this.signer.publicKeyId,
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
        'user-agent': 'Mozilla/4.0',
      },
    };
  }

  private rogue(): KeyObject {
    this.rogueKey ??= createPrivateKey(generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
    return this.rogueKey;
  }

  /** One delivery of a forged notification of `kind`, about the same event (never retried). */
  private async sendForged(record: NotificationRecord, kind: ForgeKind): Promise<void> {
    const id = randomUUID();
    const tampered = (change: (r: Record<string, unknown>) => Record<string, unknown>, key = this.config.apiV3Key) =>
      this.body(id, record.createdAt, record.eventType, record.summary, record.event, change(record.resource), key);
    const same = tampered((r) => r);
    let out: Outgoing;
    switch (kind) {
      case 'badSignature': {
        // The body was altered after WeChat signed it.
        const altered = same.replace(`"summary":"${record.summary}"`, `"summary":"${record.summary}。"`);
        out = this.signed(altered, { signedBody: same });
        break;
      }
      case 'staleTimestamp':
        out = this.signed(same, { timestamp: Math.floor(Date.now() / 1000) - 600 });
        break;
      case 'wrongKey':
        out = this.signed(same, { key: this.rogue() });
        break;
      case 'unknownSerial':
        out = this.signed(same, { serial: `PUB_KEY_ID_${randomDigits(32)}` });
        break;
      case 'wrongApiV3Key':
        out = this.signed(tampered((r) => r, randomString(32)));
        break;
      case 'wrongAmount':
        out = this.signed(tampered(withWrongAmount));
        break;
      case 'wrongAppid':
        out = this.signed(tampered((r) => ({ ...r, appid: 'wx0000000000000000' })));
        break;
      case 'wrongMchid':
        out = this.signed(tampered((r) => ({ ...r, mchid: '1900000001' })));
        break;
    }
    await this.send(record, out, { forged: kind });
  }

  // ---- HTTP ----

  /** POSTs without keep-alive (agent: false), so no socket outlives a delivery. */
  private post(url: string, out: Outgoing): Promise<DeliveryResult> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ error: 'invalid notify_url' });
        return;
      }
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, { method: 'POST', agent: false, headers: { ...out.headers, 'content-length': String(Buffer.byteLength(out.body)) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (err) => resolve({ error: err.message }));
      });
      this.inFlight.add(req);
      req.setTimeout(this.config.notifyTimeoutMs, () => req.destroy(new Error(`no answer within ${this.config.notifyTimeoutMs} ms`)));
      req.on('error', (err) => resolve({ error: err.message }));
      req.on('close', () => this.inFlight.delete(req));
      req.end(out.body);
    });
  }
}

function withWrongAmount(resource: Record<string, unknown>): Record<string, unknown> {
  const amount = resource.amount as Record<string, number>;
  const bump = (key: string) => (typeof amount[key] === 'number' ? { [key]: (amount[key] ?? 0) + 100 } : {});
  return { ...resource, amount: { ...amount, ...bump('total'), ...bump('payer_total'), ...bump('refund'), ...bump('payer_refund') } };
}
