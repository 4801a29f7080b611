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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  card_bindings: CardBindingsTable;
  rate_limit_events: RateLimitEventsTable;
  audit_log: AuditLogTable;
}

export type CardBinding = Selectable<CardBindingsTable>;
export type NewCardBinding = Insertable<CardBindingsTable>;

export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
