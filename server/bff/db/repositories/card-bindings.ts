import type { Db } from '../database';
import type { CardBinding, CardBindingsTable, NewCardBinding } from '../schema';

export interface CardBindingsRepository {
  /** The user's live bindings, the default first, then oldest first. */
  listLive(userId: string): Promise<CardBinding[]>;
  /** One live binding of this user (undefined for anyone else's id: callers answer 404). */
  liveOfUser(userId: string, id: string): Promise<CardBinding | undefined>;
  countLive(userId: string): Promise<number>;
  findLiveByPatient(userId: string, hisPatientId: string, kind: CardBinding['kind']): Promise<CardBinding | undefined>;
  /** Adds a binding; it becomes the default when the user had none. Throws on a duplicate live binding. */
  insert(binding: Omit<NewCardBinding, 'is_default'>): Promise<CardBinding>;
  setDefault(userId: string, id: string, now: string): Promise<void>;
  update(userId: string, id: string, changes: Partial<Pick<CardBindingsTable, 'relation'>>, now: string): Promise<void>;
  /** Removes a live binding; the oldest remaining one becomes the default when it was the default. */
  remove(userId: string, id: string, now: string): Promise<boolean>;
}

export function cardBindingsRepository(db: Db): CardBindingsRepository {
  const live = (userId: string) => db.selectFrom('card_bindings').selectAll().where('user_id', '=', userId).where('removed_at', 'is', null);
  return {
    listLive: (userId) => live(userId).orderBy('is_default', 'desc').orderBy('created_at', 'asc').orderBy('id').execute(),
    liveOfUser: (userId, id) => live(userId).where('id', '=', id).executeTakeFirst(),
    countLive: async (userId) => {
      const row = await db
        .selectFrom('card_bindings')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('user_id', '=', userId)
        .where('removed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    findLiveByPatient: (userId, hisPatientId, kind) => live(userId).where('his_patient_id', '=', hisPatientId).where('kind', '=', kind).executeTakeFirst(),
    insert: (binding) =>
      db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('card_bindings').select('id').where('user_id', '=', binding.user_id).where('removed_at', 'is', null).where('is_default', '=', 1).executeTakeFirst();
        return trx
          .insertInto('card_bindings')
          .values({ ...binding, is_default: existing ? 0 : 1 })
          .returningAll()
          .executeTakeFirstOrThrow();
      }),
    setDefault: (userId, id, now) =>
      db.transaction().execute(async (trx) => {
        await trx.updateTable('card_bindings').set({ is_default: 0, updated_at: now }).where('user_id', '=', userId).where('removed_at', 'is', null).where('is_default', '=', 1).execute();
        await trx.updateTable('card_bindings').set({ is_default: 1, updated_at: now }).where('user_id', '=', userId).where('id', '=', id).where('removed_at', 'is', null).execute();
      }),
    update: async (userId, id, changes, now) => {
      await db
        .updateTable('card_bindings')
        .set({ ...changes, updated_at: now })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .execute();
    },
    remove: (userId, id, now) =>
      db.transaction().execute(async (trx) => {
        const target = await trx.selectFrom('card_bindings').selectAll().where('user_id', '=', userId).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
        if (!target) return false;
        await trx.updateTable('card_bindings').set({ removed_at: now, is_default: 0, updated_at: now }).where('id', '=', id).execute();
        if (target.is_default === 1) {
          const next = await trx.selectFrom('card_bindings').select('id').where('user_id', '=', userId).where('removed_at', 'is', null).orderBy('created_at', 'asc').orderBy('id').executeTakeFirst();
          if (next) await trx.updateTable('card_bindings').set({ is_default: 1, updated_at: now }).where('id', '=', next.id).execute();
        }
        return true;
      }),
  };
}
