/**
 * The mini-program's server APIs of api.weixin.qq.com, for one AppID:
 *   GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code   code2Session
 *   GET  /cgi-bin/token?grant_type=client_credential&appid&secret                 getAccessToken
 *   POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh}         getStableAccessToken
 *   POST /cgi-bin/message/subscribe/send?access_token=                           subscribeMessage.send
 * and the sandbox's stand-in for wx.login in the H5 build (public, CORS-enabled):
 *   POST /sandbox/login-code {"deviceId": "…"} → {"code": "…"}
 *
 * Errors are WeChat's: HTTP 200 with `{errcode, errmsg: "…, rid: …"}`. Login codes are single-use and lapse after
 * 5 minutes of sandbox time; a deviceId always maps to the same openid; a code the sandbox did not issue (WeChat
 * DevTools' real wx.login) maps to one stable "DevTools user" — still single-use.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runWithFault } from './api-faults';
import type { WechatSandboxConfig } from './config';
import type { ApiFaultSpec, ApiName, SandboxFaults } from './faults';
import { randomString, rid } from './protocol';
import type { AccessToken, SubscribeMessage, WechatState } from './state';
import type { ApiStats } from './stats';

const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_S = 7200;
const TOKEN_OVERLAP_MS = 5 * 60_000;
const SANDBOX_CODE_PREFIX = 'sbx';
export const DEVTOOLS_DEVICE_ID = '__wechat_devtools__';

/** A WeChat API error: `{errcode, errmsg}` with WeChat's rid suffix. */
export class ApiError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }

  body(): { errcode: number; errmsg: string } {
    return { errcode: this.errcode, errmsg: `${this.message}, rid: ${rid()}` };
  }
}

function hashId(salt: string, text: string): string {
  return `o${createHmac('sha256', salt).update(text).digest('base64url').slice(0, 27)}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The documented value rules of subscribe-message keys (thing ≤ 20 characters, phrase ≤ 5 Chinese characters …). */
const VALUE_RULES: Array<[RegExp, (v: string) => boolean]> = [
  [/^thing\d+$/, (v) => [...v].length <= 20],
  [/^number\d+$/, (v) => v.length <= 32 && /^[+-]?\d+(\.\d+)?$/.test(v)],
  [/^letter\d+$/, (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v)],
  [/^symbol\d+$/, (v) => v.length <= 5 && /^[^\p{L}\p{N}]+$/u.test(v)],
  [/^character_string\d+$/, (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v)],
  [/^(time|date)\d+$/, (v) => [...v].length <= 40 && /\d/.test(v)],
  [/^amount\d+$/, (v) => /^[¥￥]?\d{1,10}(\.\d{1,2})?元?$/.test(v)],
  [/^phone_number\d+$/, (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v)],
  [/^car_number\d+$/, (v) => [...v].length <= 8],
  [/^name\d+$/, (v) => (/^[\p{Script=Han}·]+$/u.test(v) ? [...v].length <= 10 : v.length <= 20)],
  [/^phrase\d+$/, (v) => [...v].length <= 5 && /^[\p{Script=Han}]+$/u.test(v)],
];

export class MiniProgram {
  constructor(
    private readonly config: WechatSandboxConfig,
    private readonly state: WechatState,
    private readonly now: () => number,
  ) {}

  openidOf(deviceId: string): string {
    return hashId(this.config.openidSalt, `${this.config.appid}:${deviceId}`);
  }

  unionidOf(deviceId: string): string {
    return hashId(this.config.openidSalt, `unionid:${deviceId}`);
  }

  get devToolsOpenid(): string {
    return this.openidOf(DEVTOOLS_DEVICE_ID);
  }

  /** The H5 stand-in of wx.login. */
  issueCode(deviceId: string): string {
    const code = `${SANDBOX_CODE_PREFIX}${randomString(29)}`;
    this.state.codes.set(code, { code, deviceId, openid: this.openidOf(deviceId), issuedAt: this.now(), used: false });
    return code;
  }

  private checkApp(appid: string | undefined, secret: string | undefined): void {
    if (!appid) throw new ApiError(41002, 'appid missing');
    if (appid !== this.config.appid) throw new ApiError(40013, 'invalid appid');
    if (!secret) throw new ApiError(41004, 'appsecret missing');
    if (secret !== this.config.secret) throw new ApiError(40125, 'invalid appsecret');
  }

  code2Session(q: Record<string, unknown>): Record<string, string> {
    this.checkApp(text(q.appid), text(q.secret));
    const jsCode = text(q.js_code);
    if (!jsCode) throw new ApiError(41008, 'missing code');
    if (text(q.grant_type) !== 'authorization_code') throw new ApiError(40002, 'invalid grant_type');
    const deviceId = this.redeem(jsCode);
    return {
      session_key: randomBytes(16).toString('base64'),
      openid: this.openidOf(deviceId),
      ...(this.config.withUnionId ? { unionid: this.unionidOf(deviceId) } : {}),
    };
  }

  /** Uses a code once; returns the deviceId it stands for. */
  private redeem(code: string): string {
    const issued = this.state.codes.get(code);
    if (issued) {
      if (issued.used) throw new ApiError(40163, 'code been used');
      if (this.now() - issued.issuedAt > CODE_TTL_MS) throw new ApiError(40029, 'invalid code');
      issued.used = true;
      return issued.deviceId;
    }
    if (code.startsWith(SANDBOX_CODE_PREFIX) || !/^[0-9A-Za-z_-]{10,128}$/.test(code)) throw new ApiError(40029, 'invalid code');
    if (this.state.usedForeignCodes.has(code)) throw new ApiError(40163, 'code been used');
    this.state.usedForeignCodes.add(code);
    return DEVTOOLS_DEVICE_ID;
  }

  // ---- access tokens ----

  private newToken(kind: AccessToken['kind']): AccessToken {
    const now = this.now();
    for (const t of this.state.tokens.values()) if (t.kind === kind && t.supersededAt === undefined) t.supersededAt = now;
    const token: AccessToken = { token: `${Math.floor(now / 1000) % 100}_${randomString(124)}`, kind, expiresAt: now + TOKEN_TTL_S * 1000 };
    this.state.tokens.set(token.token, token);
    return token;
  }

  accessToken(q: Record<string, unknown>): { access_token: string; expires_in: number } {
    if (text(q.grant_type) !== 'client_credential') throw new ApiError(40002, 'invalid grant_type');
    this.checkApp(text(q.appid), text(q.secret));
    return { access_token: this.newToken('classic').token, expires_in: TOKEN_TTL_S };
  }

  stableToken(body: Record<string, unknown>): { access_token: string; expires_in: number } {
    if (text(body.grant_type) !== 'client_credential') throw new ApiError(40002, 'invalid grant_type');
    this.checkApp(text(body.appid), text(body.secret));
    const force = body.force_refresh === true;
    const now = this.now();
    const current = [...this.state.tokens.values()].find((t) => t.kind === 'stable' && t.supersededAt === undefined && !t.revoked);
    if (current && !force && current.expiresAt - now > TOKEN_OVERLAP_MS) {
      return { access_token: current.token, expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }
    if (current && force) current.revoked = true;
    return { access_token: this.newToken('stable').token, expires_in: TOKEN_TTL_S };
  }

  private checkToken(token: string | undefined): void {
    if (!token) throw new ApiError(41001, 'access_token missing');
    const t = this.state.tokens.get(token);
    const now = this.now();
    if (!t || t.revoked || (t.supersededAt !== undefined && now - t.supersededAt > TOKEN_OVERLAP_MS)) {
      throw new ApiError(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (now >= t.expiresAt) throw new ApiError(42001, 'access_token expired');
  }

  // ---- subscribe messages ----

  sendSubscribe(token: string | undefined, body: unknown): { errcode: 0; errmsg: 'ok'; msgid: number } {
    this.checkToken(token);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(47001, 'data format error');
    const b = body as Record<string, unknown>;
    const touser = text(b.touser);
    if (!touser || !/^[0-9A-Za-z_-]{20,64}$/.test(touser)) throw new ApiError(40003, 'invalid openid');
    const templateId = text(b.template_id);
    if (!templateId || !/^[0-9A-Za-z_-]{20,64}$/.test(templateId)) throw new ApiError(40037, 'invalid template_id');
    if (b.page !== undefined && (typeof b.page !== 'string' || b.page.length > 1024)) throw new ApiError(41030, 'invalid page');
    const state = b.miniprogram_state ?? 'formal';
    if (state !== 'developer' && state !== 'trial' && state !== 'formal') throw new ApiError(47003, 'argument invalid! miniprogram_state invalid');
    const lang = b.lang ?? 'zh_CN';
    if (lang !== 'zh_CN' && lang !== 'en_US' && lang !== 'zh_HK' && lang !== 'zh_TW') throw new ApiError(47003, 'argument invalid! lang invalid');
    const data = this.checkData(b.data);
    const message: SubscribeMessage = {
      msgid: this.state.nextMsgId(),
      touser,
      template_id: templateId,
      ...(typeof b.page === 'string' ? { page: b.page } : {}),
      data,
      miniprogram_state: state,
      lang,
      sentAt: new Date(this.now()).toISOString(),
    };
    this.state.messages.push(message);
    return { errcode: 0, errmsg: 'ok', msgid: message.msgid };
  }

  private checkData(value: unknown): Record<string, { value: string }> {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
      throw new ApiError(47003, 'argument invalid! data invalid');
    }
    const out: Record<string, { value: string }> = {};
    for (const [key, entry] of Object.entries(value)) {
      const v = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).value : undefined;
      const rule = VALUE_RULES.find(([pattern]) => pattern.test(key));
      if (!/^[a-z_]+\d+$/.test(key) || typeof v !== 'string' || v === '' || (rule && !rule[1](v)) || (!rule && [...v].length > 20)) {
        throw new ApiError(47003, `argument invalid! data.${key}.value invalid`);
      }
      out[key] = { value: v };
    }
    return out;
  }
}

export interface MiniProgramRoutesContext {
  miniProgram: MiniProgram;
  faults: SandboxFaults;
  stats: ApiStats;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

function parseJson(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function registerMiniProgramRoutes(app: FastifyInstance, ctx: MiniProgramRoutesContext): void {
  const { miniProgram, faults, stats } = ctx;

  function faultBody(f: ApiFaultSpec): { errcode: number; errmsg: string } {
    return new ApiError(f.errcode ?? -1, f.errmsg ?? 'system error').body();
  }

  async function answer(api: ApiName, reply: FastifyReply, handler: () => unknown): Promise<FastifyReply> {
    const json = (body: unknown) => {
      void reply.code(200).type('application/json; charset=utf-8').send(body);
    };
    const execute = (): unknown => {
      try {
        return handler();
      } catch (err) {
        if (err instanceof ApiError) return err.body();
        throw err;
      }
    };
    const sent = await runWithFault({
      fault: faults.api.take((f) => f.api === '*' || f.api === api),
      reply,
      sendFaultError: (f) => json(faultBody(f)),
      performSilently: () => {
        execute();
      },
      perform: () => json(execute()),
    });
    stats.record(api, sent === 'held' ? 0 : reply.statusCode);
    return reply;
  }

  app.get('/sns/jscode2session', async (request, reply) => answer('jscode2session', reply, () => miniProgram.code2Session(request.query as Record<string, unknown>)));
  app.get('/cgi-bin/token', async (request, reply) => answer('token', reply, () => miniProgram.accessToken(request.query as Record<string, unknown>)));
  app.post('/cgi-bin/stable_token', async (request, reply) =>
    answer('stable_token', reply, () => {
      const body = parseJson(request.body);
      if (typeof body !== 'object' || body === null) throw new ApiError(47001, 'data format error');
      return miniProgram.stableToken(body as Record<string, unknown>);
    }),
  );
  app.post('/cgi-bin/message/subscribe/send', async (request: FastifyRequest, reply) =>
    answer('subscribe', reply, () => miniProgram.sendSubscribe(text((request.query as Record<string, unknown>).access_token), parseJson(request.body))),
  );

  app.options('/sandbox/login-code', async (_request, reply) => reply.code(204).headers(CORS).send());
  app.post('/sandbox/login-code', async (request, reply) => {
    void reply.headers(CORS);
    const body = parseJson(request.body);
    const deviceId = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).deviceId : undefined;
    if (typeof deviceId !== 'string' || deviceId.length < 1 || deviceId.length > 128) {
      return reply.code(400).send({ error: 'deviceId 应为 1–128 个字符的字符串' });
    }
    return { code: miniProgram.issueCode(deviceId) };
  });
}
