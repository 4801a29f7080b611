import type { Db } from '../database';
import type { NewSession, Session } from '../schema';

export interface SessionsRepository {
  create(session: NewSession): Promise<void>;
  byTokenHash(tokenHash: string): Promise<Session | undefined>;
  /** Revokes one session; false when it was unknown or already revoked. */
  revoke(id: string, now: string): Promise<boolean>;
  /** Deletes sessions that expired or were revoked before `before`; returns how many. */
  purge(before: string): Promise<number>;
}

export function sessionsRepository(db: Db): SessionsRepository {
  return {
    create: async (session) => {
      await db.insertInto('sessions').values(session).execute();
    },
    byTokenHash: (tokenHash) => db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    revoke: async (id, now) => {
      const result = await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    purge: async (before) => {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
