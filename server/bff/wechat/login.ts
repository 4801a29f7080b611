/**
 * The mini-program's server APIs: code2Session (login), the access token (cached until shortly before expiry,
 * concurrent callers share one request), and subscribeMessage.send.
 *
 *   const login = createWechatLogin(options);
 *   const { openid, sessionKey } = await login.code2Session(code);        // WechatLoginRejected on 40029 / 40163 …
 *   await login.sendSubscribeMessage({ toOpenid, templateId, page, data: { thing1: '门诊缴费' } });
 */
import { WechatApiRejected, WechatLoginRejected, WechatProtocolError, WechatUnavailable } from './errors';
import { call, observed, parseJson, type HttpAnswer, type Transport } from './http';
import type { WechatOptions } from './options';

export interface WechatSession {
  openid: string;
  /** Only when the mini-program is bound to an Open Platform account. */
  unionid?: string;
  /** Keep it server-side: it decrypts the user's encrypted data; never send it to the app or log it. */
  sessionKey: string;
}

export interface SubscribeMessageInput {
  toOpenid: string;
  templateId: string;
  /** Page opened from the message, e.g. `packages/payment/pages/result/index?orderId=42`. */
  page?: string;
  /** Template key → value (`{ thing1: '门诊缴费', amount2: '135.10元' }`). */
  data: Record<string, string>;
  /** developer | trial | formal (default formal): which version of the mini-program the message opens. */
  state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface WechatLogin {
  code2Session(code: string): Promise<WechatSession>;
  /** A valid access token (cached; refreshed 5 minutes before expiry; one request for concurrent callers). */
  accessToken(): Promise<string>;
  sendSubscribeMessage(input: SubscribeMessageInput): Promise<{ msgid: number }>;
}

/** Renewal margin: WeChat renews the stable token in its last 5 minutes. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** errcodes that mean "try again later", not "no". */
const BUSY = -1;
const RATE_LIMITED = 45011;
/** The token is not (or no longer) valid: refresh once and retry. */
const TOKEN_INVALID = new Set([40001, 40014, 42001]);

interface WechatErrorBody {
  errcode: number;
  errmsg: string;
}

function wechatError(body: unknown): WechatErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { errcode, errmsg } = body as { errcode?: unknown; errmsg?: unknown };
  if (typeof errcode !== 'number' || errcode === 0) return undefined;
  return { errcode, errmsg: typeof errmsg === 'string' ? errmsg : '' };
}

export function createWechatLogin(options: WechatOptions): WechatLogin {
  const transport: Transport = { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs, onCall: options.onCall };
  const now = options.now ?? Date.now;
  const base = options.loginBaseUrl.replace(/\/$/, '');
  let cached: { token: string; expiresAt: number } | undefined;
  let refreshing: Promise<string> | undefined;

  /** The JSON body of an answer; WechatUnavailable for 5xx, errcode -1 and 45011; WechatProtocolError when not JSON. */
  function readBody(api: string, answer: HttpAnswer): unknown {
    if (answer.status >= 500) throw new WechatUnavailable(api, 'http5xx', `${api}: HTTP ${answer.status}`, { raw: answer.text, status: answer.status });
    const body = parseJson(answer.text);
    if (answer.status !== 200 || typeof body !== 'object' || body === null) {
      throw new WechatProtocolError(api, `HTTP ${answer.status}, not a JSON object`, { raw: answer.text });
    }
    const err = wechatError(body);
    if (err?.errcode === BUSY) throw new WechatUnavailable(api, 'busy', `${api}: system busy`, { raw: answer.text, code: BUSY });
    if (err?.errcode === RATE_LIMITED) throw new WechatUnavailable(api, 'rateLimited', `${api}: rate limited`, { raw: answer.text, code: RATE_LIMITED });
    return body;
  }

  function stringField(api: string, body: unknown, key: string, raw: string): string {
    const v = (body as Record<string, unknown>)[key];
    if (typeof v !== 'string' || v === '') throw new WechatProtocolError(api, `${key} missing`, { raw });
    return v;
  }

  async function code2Session(code: string): Promise<WechatSession> {
    return observed(transport, 'code2Session', async () => {
      const q = new URLSearchParams({ appid: options.appid, secret: options.secret, js_code: code, grant_type: 'authorization_code' });
      const answer = await call(transport, 'code2Session', `${base}/sns/jscode2session?${q.toString()}`, { method: 'GET', headers: { accept: 'application/json' } });
      const body = readBody('code2Session', answer);
      const err = wechatError(body);
      if (err) throw new WechatLoginRejected(err.errcode, err.errmsg, answer.text);
      const unionid = (body as Record<string, unknown>).unionid;
      return {
        openid: stringField('code2Session', body, 'openid', answer.text),
        sessionKey: stringField('code2Session', body, 'session_key', answer.text),
        ...(typeof unionid === 'string' && unionid !== '' ? { unionid } : {}),
      };
    });
  }

  async function fetchToken(): Promise<string> {
    return observed(transport, 'token', async () => {
      const stable = (options.tokenMode ?? 'stable') === 'stable';
      const answer = stable
        ? await call(transport, 'token', `${base}/cgi-bin/stable_token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ grant_type: 'client_credential', appid: options.appid, secret: options.secret, force_refresh: false }),
          })
        : await call(transport, 'token', `${base}/cgi-bin/token?${new URLSearchParams({ grant_type: 'client_credential', appid: options.appid, secret: options.secret }).toString()}`, {
            method: 'GET',
            headers: { accept: 'application/json' },
          });
      const body = readBody('token', answer);
      const err = wechatError(body);
      if (err) throw new WechatApiRejected('token', err.errcode, err.errmsg, answer.text);
      const token = stringField('token', body, 'access_token', answer.text);
      const expiresIn = (body as Record<string, unknown>).expires_in;
      if (typeof expiresIn !== 'number' || expiresIn <= 0) throw new WechatProtocolError('token', 'expires_in missing', { raw: answer.text });
      cached = { token, expiresAt: now() + expiresIn * 1000 };
      return token;
    });
  }

  async function accessToken(): Promise<string> {
    if (cached && now() < cached.expiresAt - REFRESH_MARGIN_MS) return cached.token;
    refreshing ??= fetchToken().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function sendOnce(input: SubscribeMessageInput, token: string): Promise<{ msgid: number } | WechatErrorBody> {
    return observed(transport, 'subscribe', async () => {
      const body = {
        touser: input.toOpenid,
        template_id: input.templateId,
        ...(input.page !== undefined ? { page: input.page } : {}),
        data: Object.fromEntries(Object.entries(input.data).map(([key, value]) => [key, { value }])),
        miniprogram_state: input.state ?? 'formal',
        lang: input.lang ?? 'zh_CN',
      };
      const answer = await call(transport, 'subscribe', `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const parsed = readBody('subscribe', answer);
      const err = wechatError(parsed);
      if (err && TOKEN_INVALID.has(err.errcode)) return err;
      if (err) throw new WechatApiRejected('subscribe', err.errcode, err.errmsg, answer.text);
      const msgid = (parsed as Record<string, unknown>).msgid;
      if (typeof msgid !== 'number') throw new WechatProtocolError('subscribe', 'msgid missing', { raw: answer.text });
      return { msgid };
    });
  }

  async function sendSubscribeMessage(input: SubscribeMessageInput): Promise<{ msgid: number }> {
    const first = await sendOnce(input, await accessToken());
    if ('msgid' in first) return first;
    // The cached token was replaced elsewhere (another instance forced a refresh) or expired: once more with a new one.
    cached = undefined;
    const second = await sendOnce(input, await accessToken());
    if ('msgid' in second) return second;
    throw new WechatApiRejected('subscribe', second.errcode, second.errmsg);
  }

  return { code2Session, accessToken, sendSubscribeMessage };
}
