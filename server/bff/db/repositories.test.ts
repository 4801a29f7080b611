import { migrateToLatest, type DatabaseHandle } from './database';
import { auditRepository } from './repositories/audit';
import { cardBindingsRepository } from './repositories/card-bindings';
import { ordersRepository } from './repositories/orders';
import { rateLimitsRepository } from './repositories/rate-limits';
import { sessionsRepository } from './repositories/sessions';
import { usersRepository } from './repositories/users';
import { testDatabases } from './test-databases';

const databases = testDatabases();

it('runs on PostgreSQL too when TEST_DATABASE_URL is set (CI sets it)', () => {
  expect(databases.map((d) => d.name)).toEqual(process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']);
});

describe.each(databases.map((d) => [d.name, d] as const))('repositories on %s', (_name, database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await database.dispose(handle);
  });

  it('migrates idempotently: a second run applies nothing', async () => {
    expect(await migrateToLatest(handle)).toEqual([]);
  });

  it('creates a user on first login and keeps the same user after, updating the last login and unionid', async () => {
    const users = usersRepository(handle.db);
    const first = await users.upsertOnLogin({ id: 'u-1', openid: 'o-abc', unionid: null, now: '2026-11-29T01:00:00.000Z' });
    expect(first).toEqual({ id: 'u-1', openid: 'o-abc', unionid: null, created_at: '2026-11-29T01:00:00.000Z', last_login_at: '2026-11-29T01:00:00.000Z' });
    const again = await users.upsertOnLogin({ id: 'u-2', openid: 'o-abc', unionid: 'un-1', now: '2026-11-30T02:00:00.000Z' });
    expect(again).toEqual({ id: 'u-1', openid: 'o-abc', unionid: 'un-1', created_at: '2026-11-29T01:00:00.000Z', last_login_at: '2026-11-30T02:00:00.000Z' });
    const third = await users.upsertOnLogin({ id: 'u-3', openid: 'o-abc', unionid: null, now: '2026-12-01T02:00:00.000Z' });
    expect(third.unionid).toBe('un-1');
    expect(await users.byId('u-1')).toEqual(third);
    expect(await users.byId('u-2')).toBeUndefined();
  });

  it('stores sessions by token hash, revokes once, purges old ones', async () => {
    const users = usersRepository(handle.db);
    const sessions = sessionsRepository(handle.db);
    await users.upsertOnLogin({ id: 'u-9', openid: 'o-9', unionid: null, now: '2026-11-29T00:00:00.000Z' });
    const base = { user_id: 'u-9', created_at: '2026-11-29T00:00:00.000Z', revoked_at: null };
    await sessions.create({ ...base, id: 's-1', token_hash: 'h1', expires_at: '2026-12-06T00:00:00.000Z' });
    await sessions.create({ ...base, id: 's-2', token_hash: 'h2', expires_at: '2026-11-29T06:00:00.000Z' });
    // (errors of the native driver may come from another realm under jest: match on the message)
    await expect(sessions.create({ ...base, id: 's-3', token_hash: 'h1', expires_at: '2026-12-06T00:00:00.000Z' })).rejects.toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });
    expect(await sessions.byTokenHash('h1')).toMatchObject({ id: 's-1', user_id: 'u-9', revoked_at: null });
    expect(await sessions.revoke('s-1', '2026-11-29T08:00:00.000Z')).toBe(true);
    expect(await sessions.revoke('s-1', '2026-11-29T09:00:00.000Z')).toBe(false);
    expect((await sessions.byTokenHash('h1'))?.revoked_at).toBe('2026-11-29T08:00:00.000Z');
    expect(await sessions.purge('2026-11-29T07:00:00.000Z')).toBe(1); // s-2 expired at 06:00
    expect(await sessions.purge('2026-11-30T00:00:00.000Z')).toBe(1); // s-1 revoked at 08:00
    expect(await sessions.byTokenHash('h2')).toBeUndefined();
  });

  it('refuses a session of an unknown user (foreign key)', async () => {
    const sessions = sessionsRepository(handle.db);
    await expect(sessions.create({ id: 's-x', user_id: 'nobody', token_hash: 'hx', created_at: 'a', expires_at: 'b', revoked_at: null })).rejects.toMatchObject({ message: expect.stringMatching(/foreign key/i) });
  });

  it('keeps card bindings: one default, one live binding per patient and kind, history on removal', async () => {
    const users = usersRepository(handle.db);
    const bindings = cardBindingsRepository(handle.db);
    await users.upsertOnLogin({ id: 'u-c', openid: 'o-c', unionid: null, now: '2026-11-29T00:00:00.000Z' });
    const base = { user_id: 'u-c', holder_name_masked: '张*', relation: 'self' as const, updated_at: 't', removed_at: null };
    const a = await bindings.insert({ ...base, id: 'b-1', his_patient_id: 'p1', kind: 'outpatient', card_no: 'c1', created_at: '2026-11-29T01:00:00.000Z' });
    const b = await bindings.insert({ ...base, id: 'b-2', his_patient_id: 'p2', kind: 'outpatient', card_no: 'c2', relation: 'child', created_at: '2026-11-29T02:00:00.000Z' });
    const c = await bindings.insert({ ...base, id: 'b-3', his_patient_id: 'p1', kind: 'inpatient', card_no: 'z1', relation: 'other', created_at: '2026-11-29T03:00:00.000Z' });
    expect([a.is_default, b.is_default, c.is_default]).toEqual([1, 0, 0]);
    await expect(bindings.insert({ ...base, id: 'b-4', his_patient_id: 'p1', kind: 'outpatient', card_no: 'c1', created_at: 'x' })).rejects.toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });
    expect(await bindings.countLive('u-c')).toBe(3);
    await bindings.setDefault('u-c', 'b-2', 't2');
    expect((await bindings.listLive('u-c')).map((x) => [x.id, x.is_default])).toEqual([
      ['b-2', 1],
      ['b-1', 0],
      ['b-3', 0],
    ]);
    expect(await bindings.remove('u-c', 'b-2', 't3')).toBe(true);
    expect(await bindings.remove('u-c', 'b-2', 't3')).toBe(false);
    expect((await bindings.listLive('u-c')).map((x) => [x.id, x.is_default])).toEqual([
      ['b-1', 1],
      ['b-3', 0],
    ]);
    // the same patient can be bound again once the old binding is removed
    await bindings.insert({ ...base, id: 'b-5', his_patient_id: 'p2', kind: 'outpatient', card_no: 'c2', created_at: '2026-11-29T04:00:00.000Z' });
    expect(await bindings.liveOfUser('u-c', 'b-5')).toMatchObject({ his_patient_id: 'p2', is_default: 0 });
    expect(await bindings.liveOfUser('someone-else', 'b-5')).toBeUndefined();
    await bindings.update('u-c', 'b-5', { relation: 'parent' }, 't5');
    expect((await bindings.findLiveByPatient('u-c', 'p2', 'outpatient'))?.relation).toBe('parent');
  });

  it('counts failures in a sliding window and knows when the oldest leaves it', async () => {
    const limits = rateLimitsRepository(handle.db);
    await limits.recordFailure('k', '2026-11-29T01:00:00.000Z');
    await limits.recordFailure('k', '2026-11-29T01:30:00.000Z');
    await limits.recordFailure('other', '2026-11-29T01:30:00.000Z');
    expect(await limits.state('k', '2026-11-29T00:30:00.000Z', 3_600_000)).toEqual({ failures: 2, oldestExpiresAt: '2026-11-29T02:00:00.000Z' });
    expect(await limits.state('k', '2026-11-29T01:10:00.000Z', 3_600_000)).toEqual({ failures: 1, oldestExpiresAt: '2026-11-29T02:30:00.000Z' });
    expect(await limits.state('none', '2026-11-29T00:00:00.000Z', 3_600_000)).toEqual({ failures: 0 });
    expect(await limits.purge('2026-11-29T01:15:00.000Z')).toBe(1);
  });

  it('appends audit entries with their detail', async () => {
    const audit = auditRepository(handle.db);
    await audit.record({ userId: 'u-c', action: 'card.bind', subjectId: 'b-1', requestId: 'r1', detail: { holder: '张*' } }, '2026-11-29T05:00:00.000Z');
    expect(await audit.ofUser('u-c')).toEqual([{ at: '2026-11-29T05:00:00.000Z', action: 'card.bind', subjectId: 'b-1', detail: { holder: '张*' } }]);
  });
  it('moves an order only from the state and version read: of racing moves exactly one wins, each logged once', async () => {
    const users = usersRepository(handle.db);
    const orders = ordersRepository(handle.db);
    await users.upsertOnLogin({ id: 'u-o', openid: 'o-o', unionid: null, now: '2026-11-29T00:00:00.000Z' });
    const at = '2026-11-29T01:00:00.000Z';
    const order = await orders.insert(
      {
        id: 'o-1', user_id: 'u-o', binding_id: 'b-1', idempotency_key: 'key-1', kind: 'recharge', pay_method: 'wechat', title: '门诊充值', amount_fen: 5_000,
        his_patient_id: 'p-1', account_kind: 'outpatient', account_no: '5000100001', holder_name_masked: '张*', details: '{}', his_order_no: 'H1',
        out_trade_no: 'P1', prepay_id: null, transaction_id: null, out_refund_no: null, refund_id: null, failure_reason: null, outcome_unknown: 0,
        his_status_synced: 0, attempts: 0, next_attempt_at: null, lease_until: null, expires_at: '2026-11-29T01:15:00.000Z', paid_at: null, finished_at: null,
        created_at: at, updated_at: at,
      },
      'order.created',
    );
    await expect(orders.insert({ ...order, id: 'o-2', out_trade_no: 'P2' }, 'order.created')).rejects.toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });

    const paying = await orders.transition(order, 'paying', 'prepay', { prepay_id: 'wx1', updated_at: '2026-11-29T01:00:01.000Z' });
    expect(paying).toMatchObject({ state: 'paying', version: 1, prepay_id: 'wx1' });
    if (!paying) throw new Error('no move');
    // a notification and a query mark it paid at the same moment: one wins
    const results = await Promise.all([
      orders.transition(paying, 'paid', 'notification', { transaction_id: 'T1' }),
      orders.transition(paying, 'paid', 'query', { transaction_id: 'T1' }),
      orders.transition(paying, 'closed', 'expired'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await orders.update(paying, { attempts: 3 })).toBeUndefined(); // stale version
    const events = await orders.events('o-1');
    expect(events.map((e) => [e.version, e.from_state, e.to_state])).toEqual([[0, null, 'created'], [1, 'created', 'paying'], [2, 'paying', results.find(Boolean)?.state]]);

    // one worker at a time
    expect(await orders.claim('o-1', '2026-11-29T01:01:00.000Z', '2026-11-29T01:02:00.000Z')).toBe(true);
    expect(await orders.claim('o-1', '2026-11-29T01:01:30.000Z', '2026-11-29T01:02:30.000Z')).toBe(false);
    expect((await orders.due('2026-11-29T01:01:30.000Z', 10)).map((o) => o.id)).toEqual([]);
    // a dead worker's lease runs out (paid: due to be applied; closed: due to tell HIS)
    expect((await orders.due('2026-11-29T01:03:00.000Z', 10)).map((o) => o.id)).toEqual(['o-1']);
    expect(await orders.claim('o-1', '2026-11-29T01:03:00.000Z', '2026-11-29T01:04:00.000Z')).toBe(true);
    await orders.release('o-1');
    expect(await orders.byOutTradeNo('P1')).toMatchObject({ lease_until: null });
    expect(await orders.byIdempotencyKey('u-o', 'key-1')).toMatchObject({ id: 'o-1' });
    expect(await orders.ofUser('someone-else', 'o-1')).toBeUndefined();
  });
});
