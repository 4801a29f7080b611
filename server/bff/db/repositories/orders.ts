/**
 * Orders and their event log. Every state change goes through `transition`: a conditional update on the state and
 * version the caller read, and the event appended in the same transaction — two workers, two notifications or a
 * retry cannot both move an order, and no move goes unrecorded.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { NewOrder, Order, OrderEvent, OrderState, OrdersTable } from '../schema';

export const FINAL_STATES: readonly OrderState[] = ['fulfilled', 'refunded', 'closed'];

export type OrderChanges = Partial<Omit<OrdersTable, 'id' | 'state' | 'version' | 'user_id' | 'created_at'>>;

export interface OrdersRepository {
  insert(order: Omit<NewOrder, 'state' | 'version'>, cause: string): Promise<Order>;
  byId(id: string): Promise<Order | undefined>;
  ofUser(userId: string, id: string): Promise<Order | undefined>;
  byIdempotencyKey(userId: string, key: string): Promise<Order | undefined>;
  byOutTradeNo(outTradeNo: string): Promise<Order | undefined>;
  byOutRefundNo(outRefundNo: string): Promise<Order | undefined>;
  listOfUser(userId: string, limit: number): Promise<Order[]>;
  events(orderId: string): Promise<OrderEvent[]>;
  /** Moves the order from the state and version it has in `order` to `to`; undefined when it had moved meanwhile. */
  transition(order: Order, to: OrderState, cause: string, changes?: OrderChanges, detail?: Record<string, unknown>): Promise<Order | undefined>;
  /** Changes fields without a state change, guarded by the version; undefined when the order moved meanwhile. */
  update(order: Order, changes: OrderChanges): Promise<Order | undefined>;
  /** Takes the order for one worker until `until` (ISO); false when another worker holds it. */
  claim(id: string, now: string, until: string): Promise<boolean>;
  release(id: string): Promise<void>;
  /** Orders a worker should look at now: not final and due, or final with HIS not yet told. */
  due(now: string, limit: number): Promise<Order[]>;
  inState(state: OrderState, limit: number): Promise<Order[]>;
  /** How many of the user's orders wait for payment. */
  countUnpaidOfUser(userId: string): Promise<number>;
  createdBetween(from: string, to: string): Promise<Order[]>;
}

export function ordersRepository(db: Db): OrdersRepository {
  const one = (id: string) => db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return {
    insert: (order, cause) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('orders')
          .values({ ...order, state: 'created', version: 0 })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('order_events').values({ id: randomUUID(), order_id: row.id, at: row.created_at, version: 0, from_state: null, to_state: 'created', cause, detail: '{}' }).execute();
        return row;
      }),
    byId: one,
    ofUser: (userId, id) => db.selectFrom('orders').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst(),
    byIdempotencyKey: (userId, key) => db.selectFrom('orders').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst(),
    byOutTradeNo: (no) => db.selectFrom('orders').selectAll().where('out_trade_no', '=', no).executeTakeFirst(),
    byOutRefundNo: (no) => db.selectFrom('orders').selectAll().where('out_refund_no', '=', no).executeTakeFirst(),
    listOfUser: (userId, limit) => db.selectFrom('orders').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute(),
    events: (orderId) => db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('version', 'asc').execute(),
    transition: (order, to, cause, changes = {}, detail = {}) =>
      db.transaction().execute(async (trx) => {
        const at = changes.updated_at ?? new Date().toISOString();
        const moved = await trx
          .updateTable('orders')
          .set({ ...changes, state: to, version: order.version + 1, updated_at: at })
          .where('id', '=', order.id)
          .where('state', '=', order.state)
          .where('version', '=', order.version)
          .returningAll()
          .executeTakeFirst();
        if (!moved) return undefined;
        await trx.insertInto('order_events').values({ id: randomUUID(), order_id: order.id, at, version: order.version + 1, from_state: order.state, to_state: to, cause, detail: JSON.stringify(detail) }).execute();
        return moved;
      }),
    update: (order, changes) =>
      db
        .updateTable('orders')
        .set({ ...changes, version: order.version + 1, updated_at: changes.updated_at ?? new Date().toISOString() })
        .where('id', '=', order.id)
        .where('version', '=', order.version)
        .returningAll()
        .executeTakeFirst(),
    claim: async (id, now, until) => {
      const result = await db
        .updateTable('orders')
        .set({ lease_until: until })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    release: async (id) => {
      await db.updateTable('orders').set({ lease_until: null }).where('id', '=', id).execute();
    },
    due: (now, limit) =>
      db
        .selectFrom('orders')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('state', 'not in', [...FINAL_STATES, 'needs_review']), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)])]),
            eb.and([eb('state', 'in', [...FINAL_STATES]), eb('his_status_synced', '=', 0), eb('his_order_no', 'is not', null), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)])]),
          ]),
        )
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('updated_at', 'asc')
        .limit(limit)
        .execute(),
    inState: (state, limit) => db.selectFrom('orders').selectAll().where('state', '=', state).orderBy('updated_at', 'asc').limit(limit).execute(),
    countUnpaidOfUser: async (userId) => {
      const row = await db.selectFrom('orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId).where('state', 'in', ['created', 'paying']).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    createdBetween: (from, to) => db.selectFrom('orders').selectAll().where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at').execute(),
  };
}
