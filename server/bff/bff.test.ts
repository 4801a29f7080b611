/**
 * The walking skeleton over real HTTP: login through the WeChat sandbox, sessions, hospital reference data through
 * the HIS adapter and sandbox, errors, readiness, request ids, CORS and log redaction.
 */
import type { ApiErrorBody, CampusesResponse, DepartmentsResponse, MeResponse } from '../../contract/api';
import { useBff } from './test-harness';

const t = useBff();

afterEach(() => {
  t.his.faults.clear();
});

describe('login and sessions', () => {
  it('logs in with a code from the WeChat sandbox, the same device being the same user', async () => {
    const first = await t.login('device-alpha');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(first.expiresAt).getTime() - Date.now()).toBeGreaterThan(3_500_000);
    const me = await t.api<MeResponse>('GET', '/api/v1/me', { token: first.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: first.user, session: { expiresAt: first.expiresAt } });

    const again = await t.login('device-alpha');
    expect(again.user.id).toBe(first.user.id);
    expect(again.token).not.toBe(first.token);
    expect((await t.login('device-beta')).user.id).not.toBe(first.user.id);
  });

  it('refuses a code used twice, an unknown code and a malformed body', async () => {
    const code = await t.loginCode('device-gamma');
    expect((await t.api('POST', '/api/v1/auth/login', { body: { code } })).status).toBe(200);
    const reused = await t.api<ApiErrorBody>('POST', '/api/v1/auth/login', { body: { code } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'LOGIN_FAILED', message: '微信登录失败，请重试' });
    expect(reused.body.requestId).toBe(reused.headers.get('x-request-id'));

    const missing = await t.api<ApiErrorBody>('POST', '/api/v1/auth/login', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION', fields: { code: '必填' } });
    const extra = await t.api<ApiErrorBody>('POST', '/api/v1/auth/login', { body: { code: 'x', openid: 'mine' } });
    expect(extra.body).toMatchObject({ code: 'VALIDATION', fields: { openid: '不支持该字段' } });
  });

  it('rejects missing, forged, revoked and expired tokens', async () => {
    expect((await t.api<ApiErrorBody>('GET', '/api/v1/me')).body.code).toBe('UNAUTHORIZED');
    const forged = await t.api<ApiErrorBody>('GET', '/api/v1/me', { token: 'A'.repeat(43) });
    expect([forged.status, forged.body.code]).toEqual([401, 'UNAUTHORIZED']);
    expect((await t.api<ApiErrorBody>('GET', '/api/v1/me', { token: 'not a token' })).body.code).toBe('UNAUTHORIZED');

    const { token } = await t.login('device-delta');
    expect((await t.api('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const revoked = await t.api<ApiErrorBody>('GET', '/api/v1/me', { token });
    expect([revoked.status, revoked.body.code, revoked.body.message]).toEqual([401, 'SESSION_EXPIRED', '登录已过期，请重新登录']);

    const other = await t.login('device-epsilon');
    const expiredAt = new Date(Date.now() - 1000).toISOString();
    const { sessionsRepository } = await import('./db/repositories/sessions');
    const { hashToken } = await import('./routes/auth/service');
    const { openDatabase } = await import('./db/database');
    const handle = openDatabase(t.config.database);
    try {
      const session = await sessionsRepository(handle.db).byTokenHash(hashToken(other.token));
      expect(session).toBeDefined();
      await handle.db.updateTable('sessions').set({ expires_at: expiredAt }).where('id', '=', session?.id ?? '').execute();
    } finally {
      await handle.close();
    }
    expect((await t.api<ApiErrorBody>('GET', '/api/v1/me', { token: other.token })).body.code).toBe('SESSION_EXPIRED');
  });

  it('answers 503 WECHAT_UNAVAILABLE when WeChat does not answer', async () => {
    const code = await t.loginCode('device-zeta');
    const admin = { 'x-sandbox-token': t.wechat.config.adminToken, 'content-type': 'application/json' };
    const add = await fetch(`${t.wechat.url}/__sandbox/faults/api`, { method: 'POST', headers: admin, body: JSON.stringify({ api: 'jscode2session', mode: 'http500', times: 1 }) });
    expect(add.status).toBeLessThan(300);
    const res = await t.api<ApiErrorBody>('POST', '/api/v1/auth/login', { body: { code } });
    expect([res.status, res.body.code]).toEqual([503, 'WECHAT_UNAVAILABLE']);
  });
});

describe('hospital reference data through the HIS adapter', () => {
  it('lists campuses and their departments in clean terms', async () => {
    const campuses = await t.api<CampusesResponse>('GET', '/api/v1/hospital/campuses');
    expect(campuses.status).toBe(200);
    expect(campuses.body.campuses).toEqual([
      { id: '01', name: '本院' },
      { id: '02', name: '东院区' },
      { id: '03', name: '妇女儿童院区' },
    ]);
    const depts = await t.api<DepartmentsResponse>('GET', '/api/v1/hospital/departments?campusId=02');
    expect(depts.body.departments[0]).toEqual({ id: '1006', name: '肾内科', location: '东院区门诊楼2楼', campusId: '02', campusName: '东院区' });
  });

  it('answers 100 concurrent identical reads with one HIS call', async () => {
    t.his.stats.reset();
    const answers = await Promise.all(Array.from({ length: 100 }, () => t.api<DepartmentsResponse>('GET', '/api/v1/hospital/departments?campusId=03')));
    expect(answers.every((a) => a.status === 200 && a.body.departments.length > 0)).toBe(true);
    expect(t.his.stats.calls['/getDeptsByHospitalId']).toBe(1);
  });

  it('names the wrong field, passes the HIS refusal on, and hides HIS trouble behind a clear 503', async () => {
    const missing = await t.api<ApiErrorBody>('GET', '/api/v1/hospital/departments');
    expect([missing.status, missing.body.fields]).toEqual([400, { campusId: '必填' }]);
    const unknown = await t.api<ApiErrorBody>('GET', '/api/v1/hospital/departments?campusId=99');
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([422, 'HIS_REJECTED', '院区不存在']);

    t.his.faults.add({ path: '/getDeptsByHospitalId', mode: 'http500' });
    const down = await t.api<ApiErrorBody>('GET', '/api/v1/hospital/departments?campusId=01');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ code: 'HIS_UNAVAILABLE', message: '医院系统暂时无法访问，请稍后再试', requestId: down.headers.get('x-request-id') });
  });
});

describe('operations', () => {
  it('is live and ready, and unready when HIS is down', async () => {
    expect((await t.api('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect(await t.api('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'ok', his: 'ok' } } });
    t.his.faults.add({ path: '/getHospital', mode: 'http500' });
    expect(await t.api('GET', '/readyz')).toMatchObject({ status: 503, body: { status: 'unready', checks: { database: 'ok', his: 'failing' } } });
  });

  it('keeps a sane incoming request id and makes one otherwise', async () => {
    const kept = await t.api('GET', '/healthz', { headers: { 'x-request-id': 'gateway-req-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('gateway-req-12345');
    const replaced = await t.api('GET', '/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes and preflights in its own terms', async () => {
    const nope = await t.api<ApiErrorBody>('GET', '/api/v1/nope');
    expect([nope.status, nope.body.code, nope.body.message]).toEqual([404, 'NOT_FOUND', '接口不存在']);
    const preflight = await t.api('OPTIONS', '/api/v1/me', { headers: { origin: 'http://127.0.0.1:4100', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4100');
    const foreign = await t.api('OPTIONS', '/api/v1/me', { headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('writes a request id on every line and no token, code or personal data in any', async () => {
    const { token } = await t.login('device-logs');
    await t.api('GET', '/api/v1/me', { token });
    await t.api('GET', '/api/v1/hospital/departments?campusId=01&id_no=520103198503120358&phone=13800138001');
    const text = t.logs.map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain('520103198503120358');
    expect(text).not.toContain('13800138001');
    expect(text).toContain('520***********0358');
    const requestLines = t.logs.filter((l) => l.req !== undefined || l.res !== undefined);
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((l) => typeof l.reqId === 'string')).toBe(true);
  });
});
