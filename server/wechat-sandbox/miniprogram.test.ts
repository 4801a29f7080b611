import { useWechatSandbox } from './test-harness';

const t = useWechatSandbox();

async function get(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${t.sandbox.url}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function post(path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${t.sandbox.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function loginCode(deviceId: string): Promise<string> {
  const { status, json } = await post('/sandbox/login-code', { deviceId });
  expect(status).toBe(200);
  expect(json.code).toMatch(/^sbx[0-9A-Za-z]{29}$/);
  return json.code as string;
}

function session(code: string, over: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { appid, secret } = t.sandbox.config;
  const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code', ...over });
  return get(`/sns/jscode2session?${q.toString()}`);
}

const errcodeOf = (body: Record<string, unknown>) => ({ errcode: body.errcode, errmsg: String(body.errmsg).replace(/, rid: [0-9a-f-]+$/, '') });

beforeEach(() => t.sandbox.reset());

describe('login: code2Session', () => {
  it('maps a deviceId to the same openid every time, and different devices to different openids', async () => {
    const a1 = await session(await loginCode('device-a'));
    const a2 = await session(await loginCode('device-a'));
    const b = await session(await loginCode('device-b'));
    expect(a1.openid).toMatch(/^o[0-9A-Za-z_-]{27}$/);
    expect(a2.openid).toBe(a1.openid);
    expect(b.openid).not.toBe(a1.openid);
    expect(a1.session_key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a1).not.toHaveProperty('unionid');
    expect(a1).not.toHaveProperty('errcode');
    expect(t.sandbox.miniProgram.openidOf('device-a')).toBe(a1.openid);
  });

  it('uses a code once: the second exchange is 40163 code been used', async () => {
    const code = await loginCode('device-a');
    await session(code);
    expect(errcodeOf(await session(code))).toEqual({ errcode: 40163, errmsg: 'code been used' });
  });

  it('lets a code lapse after 5 minutes: 40029 invalid code', async () => {
    const fresh = await loginCode('device-a');
    const lapsing = await loginCode('device-a');
    t.sandbox.clock.advance(4 * 60_000 + 59_000);
    expect((await session(fresh)).openid).toBe(t.sandbox.miniProgram.openidOf('device-a'));
    t.sandbox.clock.advance(2_000);
    expect(errcodeOf(await session(lapsing))).toEqual({ errcode: 40029, errmsg: 'invalid code' });
  });

  it('maps a code it did not issue (WeChat DevTools) to the one DevTools user, still single-use', async () => {
    const first = await session('0a3Xk91Ga2nDcD0qJv1Ga5Pz1H3Xk91Y');
    const other = await session('0b1Yx2Lm3Nq4Rs5Tu6Vw7Xy8Za9Bc0De');
    expect(first.openid).toBe(t.sandbox.miniProgram.devToolsOpenid);
    expect(other.openid).toBe(first.openid);
    expect(errcodeOf(await session('0a3Xk91Ga2nDcD0qJv1Ga5Pz1H3Xk91Y'))).toEqual({ errcode: 40163, errmsg: 'code been used' });
  });

  it('answers WeChat’s errors for bad codes and bad credentials', async () => {
    expect(errcodeOf(await session('sbxNotIssuedByThisSandbox0000000'))).toEqual({ errcode: 40029, errmsg: 'invalid code' });
    expect(errcodeOf(await session('x'))).toEqual({ errcode: 40029, errmsg: 'invalid code' });
    const code = await loginCode('device-a');
    expect(errcodeOf(await session(code, { appid: 'wx0000000000000000' }))).toEqual({ errcode: 40013, errmsg: 'invalid appid' });
    expect(errcodeOf(await session(code, { secret: 'wrong-secret-wrong-secret' }))).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' });
    expect(errcodeOf(await session(code, { grant_type: 'client_credential' }))).toEqual({ errcode: 40002, errmsg: 'invalid grant_type' });
    expect(errcodeOf(await get(`/sns/jscode2session?appid=${t.sandbox.config.appid}&secret=${t.sandbox.config.secret}`))).toEqual({ errcode: 41008, errmsg: 'missing code' });
    expect(errcodeOf(await get('/sns/jscode2session?js_code=abc'))).toEqual({ errcode: 41002, errmsg: 'appid missing' });
    // The failed attempts did not use the code up.
    expect((await session(code)).openid).toBe(t.sandbox.miniProgram.openidOf('device-a'));
  });

  it('puts WeChat’s rid on every errmsg', async () => {
    expect((await session('x')).errmsg).toMatch(/^invalid code, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('serves login codes to the H5 build across origins (CORS) and refuses a missing deviceId', async () => {
    const pre = await fetch(`${t.sandbox.url}/sandbox/login-code`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:10086', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
    const ok = await post('/sandbox/login-code', { deviceId: 'd' });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect((await post('/sandbox/login-code', {})).status).toBe(400);
    expect((await post('/sandbox/login-code', { deviceId: 'x'.repeat(129) })).status).toBe(400);
  });
});

describe('login: unionid', () => {
  it('is answered only when the mini-program is bound to an Open Platform account', async () => {
    const config = t.sandbox.config;
    config.withUnionId = true;
    try {
      const s = await session(await loginCode('device-a'));
      expect(s.unionid).toBe(t.sandbox.miniProgram.unionidOf('device-a'));
      expect(s.unionid).not.toBe(s.openid);
    } finally {
      config.withUnionId = false;
    }
  });
});

describe('access tokens', () => {
  const tokenUrl = (over: Record<string, string> = {}) =>
    `/cgi-bin/token?${new URLSearchParams({ grant_type: 'client_credential', appid: t.sandbox.config.appid, secret: t.sandbox.config.secret, ...over }).toString()}`;
  const stable = (over: Record<string, unknown> = {}) =>
    post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: t.sandbox.config.appid, secret: t.sandbox.config.secret, ...over });

  it('issues a 7200 s token; a newer one leaves the old valid for 5 minutes', async () => {
    const first = await get(tokenUrl());
    expect(first.expires_in).toBe(7200);
    expect(first.access_token).toMatch(/^\d+_[0-9A-Za-z]{124}$/);
    const second = await get(tokenUrl());
    expect(second.access_token).not.toBe(first.access_token);
    expect((await send(String(first.access_token))).errcode).toBe(0);
    t.sandbox.clock.advance(5 * 60_000 + 1_000);
    expect(errcodeOf(await send(String(first.access_token)))).toEqual({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    expect((await send(String(second.access_token))).errcode).toBe(0);
    t.sandbox.clock.advance(7200_000);
    expect(errcodeOf(await send(String(second.access_token)))).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
  });

  it('refuses a wrong secret, appid or grant_type', async () => {
    expect(errcodeOf(await get(tokenUrl({ secret: 'nope-nope-nope-nope' })))).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' });
    expect(errcodeOf(await get(tokenUrl({ appid: 'wx1111111111111111' })))).toEqual({ errcode: 40013, errmsg: 'invalid appid' });
    expect(errcodeOf(await get(tokenUrl({ grant_type: 'password' })))).toEqual({ errcode: 40002, errmsg: 'invalid grant_type' });
  });

  it('keeps the stable token stable until 5 minutes before expiry; force_refresh replaces it at once', async () => {
    const a = (await stable()).json;
    const b = (await stable()).json;
    expect(b.access_token).toBe(a.access_token);
    expect(Number(b.expires_in)).toBeLessThanOrEqual(7200);
    t.sandbox.clock.advance(7200_000 - 4 * 60_000);
    const renewed = (await stable()).json;
    expect(renewed.access_token).not.toBe(a.access_token);
    expect(renewed.expires_in).toBe(7200);
    expect((await send(String(a.access_token))).errcode).toBe(0);
    const forced = (await stable({ force_refresh: true })).json;
    expect(forced.access_token).not.toBe(renewed.access_token);
    expect((await send(String(renewed.access_token))).errcode).toBe(40001);
    expect((await stable({ secret: 'x'.repeat(32) })).json.errcode).toBe(40125);
  });
});

async function send(token: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const { json } = await post(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
    touser: t.sandbox.miniProgram.openidOf('device-a'),
    template_id: 'kLx8R3vQ2s9mT4nB7cY1pZ6wE0aD5fG8hJ3uK2iO9qW',
    page: 'packages/payment/pages/result/index?orderId=42',
    data: { thing1: { value: '心血管内科门诊缴费' }, amount2: { value: '135.10元' }, time3: { value: '2026-11-29 09:30' }, character_string4: { value: 'P2026112900042' }, phrase5: { value: '已支付' } },
    miniprogram_state: 'developer',
    lang: 'zh_CN',
    ...body,
  });
  return json;
}

describe('subscribe messages', () => {
  let token = '';
  beforeEach(async () => {
    token = String((await get(`/cgi-bin/token?grant_type=client_credential&appid=${t.sandbox.config.appid}&secret=${t.sandbox.config.secret}`)).access_token);
  });

  it('sends a message, answers a msgid and keeps it for the admin API', async () => {
    const answer = await send(token);
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) as number });
    const listed = (await t.admin.call('GET', '/messages')) as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({
        msgid: answer.msgid,
        touser: t.sandbox.miniProgram.openidOf('device-a'),
        template_id: 'kLx8R3vQ2s9mT4nB7cY1pZ6wE0aD5fG8hJ3uK2iO9qW',
        page: 'packages/payment/pages/result/index?orderId=42',
        miniprogram_state: 'developer',
        lang: 'zh_CN',
        data: expect.objectContaining({ amount2: { value: '135.10元' } }) as unknown,
      }),
    ]);
  });

  it('refuses a bad token, a bad openid, a bad template and values that break the key’s rules', async () => {
    expect((await send('not-a-token')).errcode).toBe(40001);
    expect((await post('/cgi-bin/message/subscribe/send', {})).json.errcode).toBe(41001);
    expect(errcodeOf(await send(token, { touser: 'abc' }))).toEqual({ errcode: 40003, errmsg: 'invalid openid' });
    expect(errcodeOf(await send(token, { template_id: '' }))).toEqual({ errcode: 40037, errmsg: 'invalid template_id' });
    expect(errcodeOf(await send(token, { data: { thing1: { value: '这是一个超过二十个字的事项描述，用来检查长度限制' } } }))).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
    expect(errcodeOf(await send(token, { data: { phrase1: { value: 'paid' } } }))).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.phrase1.value invalid' });
    expect(errcodeOf(await send(token, { data: { amount1: { value: '十二元' } } }))).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.amount1.value invalid' });
    expect(errcodeOf(await send(token, { miniprogram_state: 'beta' }))).toEqual({ errcode: 47003, errmsg: 'argument invalid! miniprogram_state invalid' });
    expect(errcodeOf(await send(token, { data: {} }))).toEqual({ errcode: 47003, errmsg: 'argument invalid! data invalid' });
    const bad = await post(`/cgi-bin/message/subscribe/send?access_token=${token}`, '{"touser":', { 'content-type': 'application/json' });
    expect(bad.json.errcode).toBe(47001);
    expect(t.sandbox.state.messages).toEqual([]);
  });
});

describe('API faults on the mini-program APIs', () => {
  it('answers an injected errcode, an HTML 500, and a held connection', async () => {
    await t.admin.addFault('api', { api: 'jscode2session', mode: 'error', times: 1 });
    const code = await loginCode('device-a');
    expect(errcodeOf(await session(code))).toEqual({ errcode: -1, errmsg: 'system error' });
    expect((await session(code)).openid).toBe(t.sandbox.miniProgram.openidOf('device-a'));

    await t.admin.addFault('api', { api: 'token', mode: 'http500', times: 1 });
    const res = await fetch(`${t.sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=${t.sandbox.config.appid}&secret=${t.sandbox.config.secret}`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('text/html');

    await t.admin.addFault('api', { api: 'token', mode: 'timeout', times: 1 });
    await expect(fetch(`${t.sandbox.url}/cgi-bin/token?grant_type=client_credential`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const stats = (await t.admin.call('GET', '/stats')) as { calls: Record<string, Record<string, number>> };
    expect(stats.calls.token).toEqual({ '0': 1, '500': 1 });
  });

  it('refuses a fault it cannot apply', async () => {
    await expect(t.admin.addFault('api', { api: 'nope', mode: 'error' })).rejects.toThrow(/HTTP 400/);
    await expect(t.admin.addFault('api', { api: 'token' })).rejects.toThrow(/HTTP 400/);
  });
});

describe('admin API', () => {
  it('moves the clock, resets everything, and refuses nonsense', async () => {
    const before = t.sandbox.clock.now();
    const moved = (await t.admin.call('POST', '/clock', { advanceMinutes: 6 })) as { offsetMs: number; now: string };
    expect(moved.offsetMs).toBe(360_000);
    expect(t.sandbox.clock.now() - before).toBeGreaterThanOrEqual(360_000);
    await expect(t.admin.call('POST', '/clock', { set: 'yesterday-ish' })).rejects.toThrow(/HTTP 400/);
    await expect(t.admin.call('POST', '/clock', {})).rejects.toThrow(/HTTP 400/);
    await loginCode('device-a');
    await t.admin.addFault('api', { api: 'token', mode: 'error' });
    await t.admin.reset();
    expect((await t.admin.call('GET', '/clock')) as { offsetMs: number }).toMatchObject({ offsetMs: 0 });
    expect(t.sandbox.state.codes.size).toBe(0);
    expect((await t.admin.call('GET', '/faults')) as Record<string, unknown[]>).toEqual({ api: [], notifications: [], refunds: [] });
    await expect(t.admin.call('POST', '/faults/nope', {})).rejects.toThrow(/HTTP 404/);
    await expect(t.admin.call('GET', '/transactions/P404')).rejects.toThrow(/HTTP 404/);
  });

  it('needs the token except for health and the platform key', async () => {
    expect((await fetch(`${t.sandbox.url}/__sandbox/messages`)).status).toBe(401);
    expect((await fetch(`${t.sandbox.url}/__sandbox/health`)).status).toBe(200);
    const key = (await (await fetch(`${t.sandbox.url}/__sandbox/platform-key`)).json()) as { publicKeyId: string; publicKeyPem: string };
    expect(key).toEqual(t.sandbox.platformKey);
    expect(key.publicKeyId).toMatch(/^PUB_KEY_ID_\d{32}$/);
    expect(key.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(key).not.toHaveProperty('privateKeyPem');
  });
});
