/**
 * The BFF's tables as Kysely sees them. Times are ISO 8601 UTC strings (`2026-11-29T12:00:00.000Z`): portable
 * between SQLite and PostgreSQL, and ordered as text.
 */
import type { Insertable, Selectable } from 'kysely';

export interface UsersTable {
  id: string;
  /** The WeChat openid of the mini-program: who the user is. */
  openid: string;
  unionid: string | null;
  created_at: string;
  last_login_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the bearer token: a leaked table does not give sessions away. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface CardBindingsTable {
  /** The only card id the app ever sees. */
  id: string;
  user_id: string;
  his_patient_id: string;
  kind: 'outpatient' | 'inpatient';
  /** 就诊卡号, or 住院号 for an inpatient binding. */
  card_no: string;
  /** Lists show the holder masked; the full record stays in HIS. */
  holder_name_masked: string;
  relation: 'self' | 'parent' | 'spouse' | 'child' | 'other';
  /** 1 for the card the app acts on (at most one live per user). */
  is_default: number;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
}

export interface RateLimitEventsTable {
  id: string;
  key: string;
  at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  /** card.bind, card.bind_refused, card.create, card.unbind, card.update… */
  action: string;
  /** The binding (or other record) acted on. */
  subject_id: string | null;
  request_id: string | null;
  /** JSON with masked data only. */
  detail: string;
}

export type OrderState = 'created' | 'paying' | 'paid' | 'fulfilling' | 'fulfilled' | 'refunding' | 'refunded' | 'closed' | 'needs_review';
export type OrderKind = 'recharge' | 'outpatient';

export interface OrdersTable {
  /** The order's id, shown to the patient and used by the app. */
  id: string;
  user_id: string;
  binding_id: string;
  /** From the client: a double tap or a retry creates one order. */
  idempotency_key: string;
  kind: OrderKind;
  /** wechat, or the card balance (outpatient payments). */
  pay_method: 'wechat' | 'balance';
  title: string;
  /** Decided by HIS, never by the client. */
  amount_fen: number;
  his_patient_id: string;
  account_kind: 'outpatient' | 'inpatient';
  /** 就诊卡号, or 住院号 for an inpatient deposit. */
  account_no: string;
  holder_name_masked: string;
  /** JSON of what the kind needs (visit, fee groups…). */
  details: string;
  his_order_no: string | null;
  out_trade_no: string;
  prepay_id: string | null;
  transaction_id: string | null;
  /** Fixed when the refund is first asked for: every retry uses it, so WeChat never refunds twice. */
  out_refund_no: string | null;
  refund_id: string | null;
  state: OrderState;
  version: number;
  /** What the patient is told when it did not go through. */
  failure_reason: string | null;
  /** 1 after a HIS business call with no clear answer: HIS is asked before anything is tried again. */
  outcome_unknown: number;
  /** 1 once /paymentUpdateStatus has been told the final outcome. */
  his_status_synced: number;
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  expires_at: string;
  paid_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderEventsTable {
  id: string;
  order_id: string;
  at: string;
  /** The order's version after this event (0 for its creation): orders the events. */
  version: number;
  from_state: OrderState | null;
  to_state: OrderState;
  /** What moved it: notification, query, his.applied, his.rejected, expired, cancelled… */
  cause: string;
  detail: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  card_bindings: CardBindingsTable;
  rate_limit_events: RateLimitEventsTable;
  audit_log: AuditLogTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
}

export type Order = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderEvent = Selectable<OrderEventsTable>;

export type CardBinding = Selectable<CardBindingsTable>;
export type NewCardBinding = Insertable<CardBindingsTable>;

export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
