import Taro from '@tarojs/taro';
import { ApiError, DEFAULT_TIMEOUT_MS, configureHttp, get, post, resetHttp, type HttpSession } from '../../src/services/http';
import { type FakeAnswer, type RequestOption, fakeTask } from './helpers';

const BASE = 'http://bff.test';
let requestMock: jest.SpiedFunction<typeof Taro.request>;
let tasks: Array<ReturnType<typeof fakeTask>>;

/** Taro.request answering from a queue (the last answer repeats), recording every call. */
function answerWith(...answers: Array<FakeAnswer | Error | 'hang'>): RequestOption[] {
  const calls: RequestOption[] = [];
  requestMock.mockImplementation((option) => {
    calls.push(option);
    const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? 'hang';
    const task = fakeTask(answer);
    tasks.push(task);
    return task;
  });
  return calls;
}

type TestSession = HttpSession & { renew: jest.Mock<Promise<string>, []> };

function session(overrides: Partial<HttpSession> = {}): TestSession {
  let token: string | null = 'token-1';
  const renew = jest.fn(async () => {
    token = 'token-2';
    return token;
  });
  return { getToken: () => token, mayConnect: () => true, ...overrides, renew };
}

function authHeader(option: RequestOption | undefined): unknown {
  const header: unknown = option?.header;
  return typeof header === 'object' && header !== null && 'Authorization' in header ? header.Authorization : undefined;
}

beforeEach(() => {
  tasks = [];
  requestMock = jest.spyOn(Taro, 'request');
});

afterEach(() => {
  requestMock.mockRestore();
  resetHttp();
  jest.useRealTimers();
});

describe('http: requests', () => {
  it('sends JSON with the bearer token to the BFF base URL, query encoded', async () => {
    configureHttp(session(), { baseUrl: BASE });
    const calls = answerWith({ statusCode: 200, data: { ok: true } });

    await expect(get('/api/v1/hospital/departments', { campusId: '01', q: '心内 科', skip: undefined })).resolves.toEqual(
      { ok: true },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${BASE}/api/v1/hospital/departments?campusId=01&q=%E5%BF%83%E5%86%85%20%E7%A7%91`);
    expect(calls[0]?.method).toBe('GET');
    expect(authHeader(calls[0])).toBe('Bearer token-1');
    expect(calls[0]?.header).toMatchObject({ Accept: 'application/json' });
    expect(calls[0]?.data).toBeUndefined();
  });

  it('posts a JSON body with Content-Type', async () => {
    configureHttp(session(), { baseUrl: BASE });
    const calls = answerWith({ statusCode: 200, data: { token: 't' } });
    await post('/api/v1/auth/login', { code: 'abc' }, { auth: false });
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.data).toBe('{"code":"abc"}');
    expect(calls[0]?.header).toMatchObject({ 'Content-Type': 'application/json' });
    expect(authHeader(calls[0])).toBeUndefined();
  });

  it('sends absolute URLs as they are (the WeChat sandbox), without the token when auth is off', async () => {
    configureHttp(session(), { baseUrl: BASE });
    const calls = answerWith({ statusCode: 200, data: { code: 'c' } });
    await post('http://127.0.0.1:4020/sandbox/login-code', { deviceId: 'd' }, { auth: false });
    expect(calls[0]?.url).toBe('http://127.0.0.1:4020/sandbox/login-code');
    expect(authHeader(calls[0])).toBeUndefined();
  });

  it('answers 204 with undefined', async () => {
    configureHttp(session(), { baseUrl: BASE });
    answerWith({ statusCode: 204, data: '' });
    await expect(post('/api/v1/auth/logout')).resolves.toBeUndefined();
  });

  it('sends nothing before the privacy notice is accepted', async () => {
    configureHttp(session({ mayConnect: () => false }), { baseUrl: BASE });
    const calls = answerWith({ statusCode: 200, data: {} });
    await expect(get('/api/v1/hospital/campuses')).rejects.toMatchObject({ code: 'CONSENT_REQUIRED', status: 0 });
    expect(calls).toHaveLength(0);
  });

  it('is closed until configured', async () => {
    const calls = answerWith({ statusCode: 200, data: {} });
    await expect(get('/api/v1/hospital/campuses')).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(calls).toHaveLength(0);
  });
});

describe('http: errors', () => {
  beforeEach(() => configureHttp(session(), { baseUrl: BASE }));

  it('turns the BFF error body into an ApiError with status, code, message, requestId and fields', async () => {
    answerWith({
      statusCode: 400,
      data: { code: 'VALIDATION', message: '手机号格式不正确', requestId: 'req-42', fields: { phone: '手机号格式不正确' } },
    });
    const error = await get('/api/v1/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      message: '手机号格式不正确',
      requestId: 'req-42',
      fields: { phone: '手机号格式不正确' },
    });
  });

  it('maps HIS_BUSY and keeps the server message', async () => {
    answerWith({ statusCode: 503, data: { code: 'HIS_BUSY', message: '排队中，请稍候', requestId: 'r1' } });
    await expect(get('/api/v1/x')).rejects.toMatchObject({ status: 503, code: 'HIS_BUSY', message: '排队中，请稍候' });
  });

  it('shows a Chinese message when the server message is not one (no English reaches the patient)', async () => {
    answerWith({ statusCode: 500, data: { code: 'INTERNAL', message: 'Internal Server Error', requestId: 'r2' } });
    await expect(get('/api/v1/x')).rejects.toMatchObject({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' });
  });

  it('maps an answer that is not an error body by its status (proxy pages, rate limits)', async () => {
    answerWith(
      { statusCode: 502, data: '<html>Bad Gateway</html>', header: { 'X-Request-Id': 'edge-1' } },
      { statusCode: 429, data: null },
      { statusCode: 404, data: { message: 'Route GET:/api/v1/y not found', error: 'Not Found' } },
    );
    await expect(get('/api/v1/x')).rejects.toMatchObject({ status: 502, code: 'INTERNAL', requestId: 'edge-1' });
    await expect(get('/api/v1/x')).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' });
    await expect(get('/api/v1/y')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: '没有找到相关内容' });
  });

  it('treats a 2xx that is not JSON as a failure', async () => {
    answerWith({ statusCode: 200, data: '<html>portal</html>' });
    await expect(get('/api/v1/x')).rejects.toMatchObject({ status: 200, code: 'INTERNAL' });
  });

  it('maps a request that got no answer to NETWORK_ERROR', async () => {
    answerWith(Object.assign(new Error('Failed to fetch'), { errMsg: 'request:fail' }));
    await expect(get('/api/v1/x')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: '网络连接失败，请检查网络后重试',
    });
  });

  it("maps the platform's own timeout to TIMEOUT", async () => {
    answerWith(Object.assign(new Error('timeout'), { errMsg: 'request:fail timeout' }));
    await expect(get('/api/v1/x')).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('gives up after the timeout, aborts the request and reports TIMEOUT', async () => {
    jest.useFakeTimers();
    const calls = answerWith('hang');
    const pending = get('/api/v1/slow', undefined, { timeoutMs: 5_000 });
    const outcome = pending.catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(4_999);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toMatchObject({ code: 'TIMEOUT', message: '网络请求超时，请稍后重试' });
    expect(tasks[0]?.abort).toHaveBeenCalledTimes(1);
  });

  it('uses a default timeout', async () => {
    jest.useFakeTimers();
    answerWith('hang');
    const outcome = get('/api/v1/slow').catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS);
    await expect(outcome).resolves.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('http: silent re-login', () => {
  it('on SESSION_EXPIRED logs in again once and retries with the new token', async () => {
    const bridge = session();
    configureHttp(bridge, { baseUrl: BASE });
    const calls = answerWith(
      { statusCode: 401, data: { code: 'SESSION_EXPIRED', message: '登录已过期', requestId: 'a' } },
      { statusCode: 200, data: { campuses: [] } },
    );
    await expect(get('/api/v1/hospital/campuses')).resolves.toEqual({ campuses: [] });
    expect(bridge.renew).toHaveBeenCalledTimes(1);
    expect(calls.map(authHeader)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('on UNAUTHORIZED without any token logs in and retries', async () => {
    let token: string | null = null;
    const renew = jest.fn(async () => (token = 'fresh'));
    configureHttp({ getToken: () => token, renew, mayConnect: () => true }, { baseUrl: BASE });
    const calls = answerWith(
      { statusCode: 401, data: { code: 'UNAUTHORIZED', message: '请先登录', requestId: 'a' } },
      { statusCode: 200, data: { ok: 1 } },
    );
    await expect(get('/api/v1/me')).resolves.toEqual({ ok: 1 });
    expect(renew).toHaveBeenCalledTimes(1);
    expect(calls.map(authHeader)).toEqual([undefined, 'Bearer fresh']);
  });

  it('does not loop: a second session error after the retry is thrown, with one re-login only', async () => {
    const bridge = session();
    configureHttp(bridge, { baseUrl: BASE });
    const calls = answerWith({ statusCode: 401, data: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录', requestId: 'z' } });
    await expect(get('/api/v1/me')).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(bridge.renew).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('shares one re-login among requests that failed together', async () => {
    let token = 'token-1';
    // the new token arrives a little later, as over the network
    const renew = jest.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      token = 'token-2';
      return token;
    });
    const bridge = { getToken: () => token, renew, mayConnect: () => true };
    configureHttp(bridge, { baseUrl: BASE });
    const expired = { statusCode: 401, data: { code: 'SESSION_EXPIRED', message: '登录已过期', requestId: 'a' } };
    let served = 0;
    requestMock.mockImplementation((option) => {
      served += 1;
      const fresh = authHeader(option) === 'Bearer token-2';
      return fakeTask(fresh ? { statusCode: 200, data: { n: served } } : expired);
    });
    const results = await Promise.all([get('/api/v1/a'), get('/api/v1/b'), get('/api/v1/c')]);
    expect(results).toHaveLength(3);
    expect(bridge.renew).toHaveBeenCalledTimes(1);
  });

  it('reports the re-login failure and does not retry', async () => {
    const renew = jest.fn(() => Promise.reject(new ApiError({ status: 401, code: 'LOGIN_FAILED', message: '登录失败，请稍后重试' })));
    configureHttp({ ...session(), renew }, { baseUrl: BASE });
    const calls = answerWith({ statusCode: 401, data: { code: 'SESSION_EXPIRED', message: '登录已过期', requestId: 'a' } });
    await expect(get('/api/v1/me')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    expect(calls).toHaveLength(1);
  });

  it('never re-logs in for requests without auth (the login itself) or with renew off (logout)', async () => {
    const bridge = session();
    configureHttp(bridge, { baseUrl: BASE });
    answerWith({ statusCode: 401, data: { code: 'LOGIN_FAILED', message: '登录失败', requestId: 'a' } });
    await expect(post('/api/v1/auth/login', { code: 'x' }, { auth: false })).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    answerWith({ statusCode: 401, data: { code: 'SESSION_EXPIRED', message: '登录已过期', requestId: 'b' } });
    await expect(post('/api/v1/auth/logout', undefined, { renew: false })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(bridge.renew).not.toHaveBeenCalled();
  });
});

describe('http: logs', () => {
  const previousEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = previousEnv;
  });

  it('logs failures in development without token, query or body', async () => {
    process.env.NODE_ENV = 'development';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    configureHttp(session({ getToken: () => 'secret-token-value' }), { baseUrl: BASE });
    answerWith({ statusCode: 400, data: { code: 'VALIDATION', message: '身份证号不正确', requestId: 'req-7' } });
    await expect(
      post('/api/v1/cards?idNo=520103198503120358', { name: '张伟', idNo: '520103198503120358' }, { renew: false }),
    ).rejects.toBeInstanceOf(ApiError);
    const written = [...warn.mock.calls, ...log.mock.calls].flat().join(' ');
    expect(written).toContain('POST /api/v1/cards → 400 VALIDATION (requestId req-7)');
    expect(written).not.toContain('secret-token-value');
    expect(written).not.toContain('520103198503120358');
    expect(written).not.toContain('张伟');
    warn.mockRestore();
    log.mockRestore();
  });
});
