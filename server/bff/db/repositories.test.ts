import { migrateToLatest, type DatabaseHandle } from './database';
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
});
