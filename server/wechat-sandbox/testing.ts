/**
 * Test tools for the WeChat sandbox (its own tests and the BFF's): a merchant client that signs APIv3 requests and
 * can be told to sign them wrongly, a merchant notification receiver that can refuse the first N deliveries, the
 * admin API, and the decryption of a notification resource.
 *
 *   const merchant = generateMerchantKeys();
 *   const wechat = await startWechatSandbox(sandboxOptionsFor(merchant, { timeScale: 0.001 }));
 *   const pay = merchantClient(wechat, merchant);
 *   const res = await pay.request('POST', '/v3/pay/transactions/jsapi', body);
 */
import { createDecipheriv, createPrivateKey, createSign, createVerify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MerchantKeys } from './keys';
import { randomHex } from './protocol';
import type { WechatSandbox, WechatSandboxOptions } from './sandbox';

/** Sandbox options that make it know `merchant`'s public key and APIv3 key. */
export function sandboxOptionsFor(merchant: MerchantKeys, extra: Partial<WechatSandboxOptions> = {}): WechatSandboxOptions {
  return { merchantPublicKeys: [{ serialNo: merchant.serialNo, publicKeyPem: merchant.publicKeyPem }], apiV3Key: merchant.apiV3Key, ...extra };
}

export interface SignOverrides {
  /** Seconds; default now. */
  timestamp?: number;
  serialNo?: string;
  mchid?: string;
  /** Sign with another private key (PEM). */
  privateKeyPem?: string;
  /** Send this signature instead of the computed one. */
  signature?: string;
  /** Send this Authorization header verbatim (null: none at all). */
  authorization?: string | null;
  contentType?: string;
  /** Extra request headers (e.g. Wechatpay-Serial). */
  headers?: Record<string, string>;
  /** Client-side timeout (default 10 s). */
  timeoutMs?: number;
}

export interface PayAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when empty / not JSON. */
  json: unknown;
}

function sign(message: string, pem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(createPrivateKey(pem), 'base64');
}

export function merchantClient(sandbox: Pick<WechatSandbox, 'url' | 'config'>, merchant: MerchantKeys) {
  async function request(method: 'GET' | 'POST', path: string, body?: unknown, o: SignOverrides = {}): Promise<PayAnswer> {
    const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomHex(16);
    const signature = o.signature ?? sign(`${method}\n${path}\n${timestamp}\n${nonce}\n${payload}\n`, o.privateKeyPem ?? merchant.privateKeyPem);
    const authorization =
      o.authorization !== undefined
        ? o.authorization
        : `WECHATPAY2-SHA256-RSA2048 mchid="${o.mchid ?? sandbox.config.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${o.serialNo ?? merchant.serialNo}"`;
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(payload !== '' ? { 'content-type': o.contentType ?? 'application/json' } : {}),
        ...(authorization !== null ? { authorization } : {}),
        ...o.headers,
      },
      ...(payload !== '' ? { body: payload } : {}),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** The wx.requestPayment parameters of a prepay id, signed with the merchant key (as the BFF does). */
  function requestPayment(prepayId: string, o: { privateKeyPem?: string; appId?: string } = {}) {
    const appId = o.appId ?? sandbox.config.appid;
    const timeStamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomHex(16);
    const pkg = `prepay_id=${prepayId}`;
    const paySign = sign(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`, o.privateKeyPem ?? merchant.privateKeyPem);
    return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  return { request, requestPayment };
}

/** Whether an answer (or a notification) carries a valid platform signature. */
export function verifyPlatformSignature(headers: { get(name: string): string | null }, body: string, platform: { publicKeyPem: string; publicKeyId: string }): boolean {
  const ts = headers.get('wechatpay-timestamp');
  const nonce = headers.get('wechatpay-nonce');
  const signature = headers.get('wechatpay-signature');
  if (!ts || !nonce || !signature || headers.get('wechatpay-serial') !== platform.publicKeyId) return false;
  return createVerify('RSA-SHA256').update(`${ts}\n${nonce}\n${body}\n`).verify(platform.publicKeyPem, signature, 'base64');
}

export interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
  at: number;
}

/**
 * A merchant's notify_url: answers the first `failFirst` deliveries with HTTP 500 (then 204), records everything.
 */
export async function startNotifyReceiver(options: { failFirst?: number; failStatus?: number } = {}) {
  let failuresLeft = options.failFirst ?? 0;
  const received: ReceivedNotification[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fail = failuresLeft > 0;
      if (fail) failuresLeft -= 1;
      const status = fail ? (options.failStatus ?? 500) : 204;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status, at: Date.now() });
      if (fail) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'FAIL', message: '失败' }));
      else res.writeHead(204).end();
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wechat/notify`,
    received,
    failNext(n: number) {
      failuresLeft = n;
    },
    /** Waits until at least `n` deliveries arrived. */
    async waitFor(n: number, timeoutMs = 5_000): Promise<ReceivedNotification[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${n} notifications, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return received.slice();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Decrypts a notification resource with the APIv3 key (test side). */
export function decryptResource(resource: { ciphertext: string; nonce: string; associated_data: string }, apiV3Key: string): unknown {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
  decipher.setAAD(Buffer.from(resource.associated_data));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')) as unknown;
}

/** The admin API (see admin.ts). */
export function wechatAdmin(url: string, token: string) {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${url}/__sandbox${path}`, {
      method,
      headers: { 'x-sandbox-token': token, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    call,
    pay: (outTradeNo: string, outcome: 'success' | 'fail' = 'success') => call('POST', `/transactions/${encodeURIComponent(outTradeNo)}/pay`, { outcome }),
    addFault: (family: 'api' | 'notifications' | 'refunds', spec: unknown) => call('POST', `/faults/${family}`, spec),
    clearFaults: () => call('DELETE', '/faults'),
    advanceMinutes: (minutes: number) => call('POST', '/clock', { advanceMinutes: minutes }),
    reset: () => call('POST', '/reset'),
  };
}

/** Waits until `check` returns a value (polling every 10 ms), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
