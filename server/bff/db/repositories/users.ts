import type { Db } from '../database';
import type { User } from '../schema';

export interface UsersRepository {
  /** The user of this openid, created on first login; `last_login_at` updated on every login. */
  upsertOnLogin(input: { id: string; openid: string; unionid: string | null; now: string }): Promise<User>;
  byId(id: string): Promise<User | undefined>;
}

export function usersRepository(db: Db): UsersRepository {
  return {
    upsertOnLogin: ({ id, openid, unionid, now }) =>
      db
        .insertInto('users')
        .values({ id, openid, unionid, created_at: now, last_login_at: now })
        .onConflict((oc) =>
          oc.column('openid').doUpdateSet((eb) => ({
            last_login_at: now,
            unionid: eb.fn.coalesce(eb.ref('excluded.unionid'), eb.ref('users.unionid')),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow(),
    byId: (id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  };
}
