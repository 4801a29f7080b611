/**
 * Abuse limits of card binding over real HTTP: failed attempts counted per user and per target identity, holding
 * across two BFF instances that share one database; and the audit log of binds, unbinds and refusals.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiErrorBody, CardSummary } from '../../../../contract/api';
import { buildBff } from '../../build';
import { openDatabase } from '../../db/database';
import { auditRepository } from '../../db/repositories/audit';
import { useBff } from '../../test-harness';

const t = useBff({ config: (c) => ({ ...c, cards: { limit: 5, bindFailureLimit: 3, bindFailureWindowMs: 3_600_000 } }) });

const ZHANGWEI = { name: '张伟', cardNo: '5000100001', idNo: '520103198503120358', phone: '13800138001' };
const WANGFANG = { name: '王芳', cardNo: '5000100003', idNo: '520115199211031281', phone: '13800138003' };
const CHENJING = { name: '陈静', cardNo: '5000100005', idNo: '520103197902272469', phone: '13800138005' };
const ZHAOGUOQIANG = { name: '赵国强', cardNo: '5000100006', idNo: '520113196009090716', phone: '13800138006' };

let device = 0;
async function user(): Promise<string> {
  device += 1;
  return (await t.login(`limits-device-${device}`)).token;
}

const bindByCard = (token: string, p: { name: string; cardNo: string; idNo: string }, relation = 'self') =>
  t.api<CardSummary & ApiErrorBody>('POST', '/api/v1/cards/bind', { token, body: { method: 'card', name: p.name, cardNo: p.cardNo, idNo: p.idNo, relation } });

function hisCalls(path: string): number {
  return t.his.stats.calls[path] ?? 0;
}

describe('rate limits and audit', () => {
  let second: FastifyInstance;
  let secondUrl = '';
  beforeAll(async () => {
    second = await buildBff(t.config, { logStream: { write: () => undefined } });
    secondUrl = await second.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await second.close();
  });

  const bindAt = async (url: string, token: string, body: Record<string, string>) => {
    const res = await fetch(`${url}/api/v1/cards/bind`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ relation: 'other', ...body }) });
    return { status: res.status, body: (await res.json()) as ApiErrorBody };
  };

  it('trips after the configured failures of one user, on every instance sharing the database, before asking HIS', async () => {
    const token = await user();
    for (const instance of [t.url, secondUrl, t.url]) {
      expect((await bindAt(instance, token, { method: 'card', name: '张为', cardNo: ZHANGWEI.cardNo, idNo: ZHANGWEI.idNo })).status).toBe(422);
    }
    const calls = hisCalls('/getPatient');
    const refused = await bindAt(secondUrl, token, { method: 'phone', name: WANGFANG.name, idNo: WANGFANG.idNo, phone: WANGFANG.phone });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(refused.body.message).toMatch(/^验证失败次数过多，请于\d{2}:\d{2}后再试$/);
    expect(hisCalls('/getPatient')).toBe(calls);
  });

  it('trips for a target identity tried by several users', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await bindAt(i % 2 ? secondUrl : t.url, await user(), { method: 'phone', name: CHENJING.name, idNo: CHENJING.idNo, phone: '13900000001' })).status).toBe(422);
    }
    const honest = await bindAt(secondUrl, await user(), { method: 'phone', name: CHENJING.name, idNo: CHENJING.idNo, phone: CHENJING.phone });
    expect(honest.status).toBe(429);
  });

  it('audit-logs binds, unbinds and refusals with masked data only', async () => {
    const token = await user();
    await bindByCard(token, { ...ZHAOGUOQIANG, name: '赵国' });
    const card = await bindByCard(token, ZHAOGUOQIANG);
    await t.api('DELETE', `/api/v1/cards/${card.body.id}`, { token });
    const me = await t.api<{ user: { id: string } }>('GET', '/api/v1/me', { token });
    const handle = openDatabase(t.config.database);
    try {
      const entries = await auditRepository(handle.db).ofUser(me.body.user.id);
      expect(entries.map((e) => e.action).sort()).toEqual(['card.bind', 'card.bind_refused', 'card.unbind']);
      const text = JSON.stringify(entries);
      expect(text).not.toContain(ZHAOGUOQIANG.idNo);
      expect(text).not.toContain('赵国强');
      expect(text).not.toContain('赵国');
      expect(text).toContain('520***********0716');
    } finally {
      await handle.close();
    }
    const logs = t.logs.map((l) => JSON.stringify(l)).join('\n');
    expect(logs).not.toContain(ZHAOGUOQIANG.idNo);
    expect(logs).not.toContain(WANGFANG.phone);
  });
});
