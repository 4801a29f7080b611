import { createServer } from 'node:net';
import { WechatApiRejected, WechatLoginRejected, WechatUnavailable } from './errors';
import { createWechatLogin } from './login';
import type { WechatCallEvent } from './options';
import { adapterOptionsFor, useSandboxForAdapter } from './testing';

const t = useSandboxForAdapter();
const options = (extra = {}) => adapterOptionsFor(t.sandbox, t.merchant, 'http://127.0.0.1:9/notify', extra);

async function loginCode(deviceId: string): Promise<string> {
  const res = await fetch(`${t.sandbox.url}/sandbox/login-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId }) });
  return ((await res.json()) as { code: string }).code;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => t.sandbox.reset());

describe('code2Session', () => {
  it('answers the openid of the device and a session key', async () => {
    const login = createWechatLogin(options());
    const session = await login.code2Session(await loginCode('h5-device-1'));
    expect(session).toEqual({ openid: t.sandbox.miniProgram.openidOf('h5-device-1'), sessionKey: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) as unknown });
  });

  it('passes the unionid on when WeChat gives one', async () => {
    t.sandbox.config.withUnionId = true;
    try {
      const session = await createWechatLogin(options()).code2Session(await loginCode('h5-device-1'));
      expect(session.unionid).toBe(t.sandbox.miniProgram.unionidOf('h5-device-1'));
    } finally {
      t.sandbox.config.withUnionId = false;
    }
  });

  it('maps WeChat’s refusals to WechatLoginRejected with the errcode', async () => {
    const login = createWechatLogin(options());
    const code = await loginCode('h5-device-1');
    await login.code2Session(code);
    const used = await rejection(login.code2Session(code));
    expect(used).toBeInstanceOf(WechatLoginRejected);
    expect(used).toMatchObject({ errcode: 40163, errmsg: expect.stringMatching(/^code been used, rid: /) as unknown });
    expect(await rejection(login.code2Session('sbxExpiredOrNeverIssued000000000'))).toMatchObject({ name: 'WechatLoginRejected', errcode: 40029 });
    const wrongSecret = createWechatLogin(options({ secret: 'ffffffffffffffffffffffffffffffff' }));
    expect(await rejection(wrongSecret.code2Session(await loginCode('x')))).toMatchObject({ name: 'WechatLoginRejected', errcode: 40125 });
    const wrongApp = createWechatLogin(options({ appid: 'wx0000000000000000' }));
    expect(await rejection(wrongApp.code2Session(await loginCode('x')))).toMatchObject({ name: 'WechatLoginRejected', errcode: 40013 });
  });

  it('maps system busy, rate limits, HTTP 5xx, timeouts and refused connections to WechatUnavailable', async () => {
    const login = createWechatLogin(options({ timeoutMs: 300 }));
    t.sandbox.faults.api.add({ api: 'jscode2session', mode: 'error', times: 1 });
    expect(await rejection(login.code2Session(await loginCode('d')))).toMatchObject({ name: 'WechatUnavailable', reason: 'busy', code: -1 });
    t.sandbox.faults.api.add({ api: 'jscode2session', mode: 'error', errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute', times: 1 });
    expect(await rejection(login.code2Session(await loginCode('d')))).toMatchObject({ name: 'WechatUnavailable', reason: 'rateLimited', code: 45011 });
    t.sandbox.faults.api.add({ api: 'jscode2session', mode: 'http500', times: 1 });
    expect(await rejection(login.code2Session(await loginCode('d')))).toMatchObject({ name: 'WechatUnavailable', reason: 'http5xx', status: 500 });
    t.sandbox.faults.api.add({ api: 'jscode2session', mode: 'timeout', times: 1 });
    const timedOut = await rejection(login.code2Session(await loginCode('d')));
    expect(timedOut).toBeInstanceOf(WechatUnavailable);
    expect(timedOut).toMatchObject({ reason: 'timeout', message: 'code2Session: no answer within 300 ms' });

    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const refused = await rejection(createWechatLogin(options({ loginBaseUrl: `http://127.0.0.1:${port}` })).code2Session('abc'));
    expect(refused).toMatchObject({ name: 'WechatUnavailable', reason: 'network' });
    expect((refused as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('reports every call to the onCall hook, without the code', async () => {
    const events: WechatCallEvent[] = [];
    const login = createWechatLogin(options({ onCall: (e: WechatCallEvent) => events.push(e) }));
    const code = await loginCode('d');
    await login.code2Session(code);
    await rejection(login.code2Session(code));
    expect(events.map(({ api, outcome }) => ({ api, outcome }))).toEqual([
      { api: 'code2Session', outcome: 'ok' },
      { api: 'code2Session', outcome: 'WechatLoginRejected' },
    ]);
    expect(JSON.stringify(events)).not.toContain(code);
  });
});

describe('access token', () => {
  const tokenCalls = () => Object.values(t.sandbox.stats.toJSON().stable_token ?? {}).reduce((a, b) => a + b, 0);

  it('is fetched once for concurrent callers and cached until 5 minutes before expiry', async () => {
    let clock = Date.now();
    const login = createWechatLogin(options({ now: () => clock }));
    const tokens = await Promise.all(Array.from({ length: 10 }, () => login.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenCalls()).toBe(1);
    clock += 7200_000 - 5 * 60_000 - 1_000;
    expect(await login.accessToken()).toBe(tokens[0]);
    expect(tokenCalls()).toBe(1);
    clock += 2_000;
    t.sandbox.clock.advance(7200_000 - 4 * 60_000);
    const renewed = await login.accessToken();
    expect(tokenCalls()).toBe(2);
    expect(renewed).not.toBe(tokens[0]);
  });

  it('does not cache a failure', async () => {
    const login = createWechatLogin(options());
    t.sandbox.faults.api.add({ api: 'stable_token', mode: 'http500', times: 1 });
    expect(await rejection(login.accessToken())).toMatchObject({ name: 'WechatUnavailable', reason: 'http5xx' });
    expect(await login.accessToken()).toMatch(/^\d+_/);
    const wrong = createWechatLogin(options({ secret: 'ffffffffffffffffffffffffffffffff' }));
    expect(await rejection(wrong.accessToken())).toMatchObject({ name: 'WechatApiRejected', api: 'token', errcode: 40125 });
  });

  it('can use the classic getAccessToken', async () => {
    const login = createWechatLogin(options({ tokenMode: 'classic' }));
    await login.accessToken();
    expect(t.sandbox.stats.toJSON().token).toEqual({ '200': 1 });
    expect(t.sandbox.stats.toJSON().stable_token).toBeUndefined();
  });
});

describe('subscribe messages', () => {
  const input = () => ({
    toOpenid: t.sandbox.miniProgram.openidOf('h5-device-1'),
    templateId: 'kLx8R3vQ2s9mT4nB7cY1pZ6wE0aD5fG8hJ3uK2iO9qW',
    page: 'packages/payment/pages/result/index?orderId=42',
    data: { thing1: '心血管内科门诊缴费', amount2: '135.10元', phrase3: '已支付' },
    state: 'developer' as const,
  });

  it('sends the documented body and answers the msgid', async () => {
    const login = createWechatLogin(options());
    const { msgid } = await login.sendSubscribeMessage(input());
    expect(t.sandbox.state.messages).toEqual([
      {
        msgid,
        touser: t.sandbox.miniProgram.openidOf('h5-device-1'),
        template_id: 'kLx8R3vQ2s9mT4nB7cY1pZ6wE0aD5fG8hJ3uK2iO9qW',
        page: 'packages/payment/pages/result/index?orderId=42',
        data: { thing1: { value: '心血管内科门诊缴费' }, amount2: { value: '135.10元' }, phrase3: { value: '已支付' } },
        miniprogram_state: 'developer',
        lang: 'zh_CN',
        sentAt: expect.any(String) as unknown,
      },
    ]);
  });

  it('takes a new token once when WeChat says the cached one is no longer valid', async () => {
    const login = createWechatLogin(options());
    await login.sendSubscribeMessage(input());
    // Another instance forces a refresh: our cached token is revoked.
    await fetch(`${t.sandbox.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: t.sandbox.config.appid, secret: t.sandbox.config.secret, force_refresh: true }) });
    await login.sendSubscribeMessage(input());
    expect(t.sandbox.state.messages).toHaveLength(2);
    expect(t.sandbox.stats.toJSON().subscribe).toEqual({ '200': 3 });
  });

  it('maps refusals to WechatApiRejected with the errcode', async () => {
    const login = createWechatLogin(options());
    const bad = await rejection(login.sendSubscribeMessage({ ...input(), data: { thing1: '这是一个超过二十个字的事项描述，用来检查长度限制' } }));
    expect(bad).toBeInstanceOf(WechatApiRejected);
    expect(bad).toMatchObject({ api: 'subscribe', errcode: 47003 });
    expect(await rejection(login.sendSubscribeMessage({ ...input(), toOpenid: 'nobody' }))).toMatchObject({ errcode: 40003 });
    expect(t.sandbox.state.messages).toEqual([]);
  });
});
