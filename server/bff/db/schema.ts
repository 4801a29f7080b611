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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
}

export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
