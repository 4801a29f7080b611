/**
 * Sessions: a wx.login code becomes a user (by openid) and an opaque, revocable bearer token with a TTL. The BFF
 * keeps only the token's SHA-256; a token is accepted while its session is neither expired nor revoked.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionsRepository } from '../../db/repositories/sessions';
import type { UsersRepository } from '../../db/repositories/users';
import type { Session, User } from '../../db/schema';
import { Errors } from '../../lib/errors';

/** What the BFF needs of WeChat to log someone in (server/bff/wechat provides it). */
export interface LoginProvider {
  code2Session(code: string): Promise<{ openid: string; unionid?: string | undefined }>;
}

export interface AuthDeps {
  users: UsersRepository;
  sessions: SessionsRepository;
  wechat: LoginProvider;
  sessionTtlMs: number;
  now?: () => Date;
}

export interface Authenticated {
  user: User;
  session: Session;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Bearer tokens are 43 base64url characters (32 random bytes); anything else is not one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function authService(deps: AuthDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async login(code: string): Promise<{ token: string; session: Session; user: User }> {
      const { openid, unionid } = await deps.wechat.code2Session(code);
      const at = now();
      const user = await deps.users.upsertOnLogin({ id: randomUUID(), openid, unionid: unionid ?? null, now: at.toISOString() });
      const token = randomBytes(32).toString('base64url');
      const session: Session = {
        id: randomUUID(),
        user_id: user.id,
        token_hash: hashToken(token),
        created_at: at.toISOString(),
        expires_at: new Date(at.getTime() + deps.sessionTtlMs).toISOString(),
        revoked_at: null,
      };
      await deps.sessions.create(session);
      return { token, session, user };
    },

    /** The user and session of a bearer token, or UNAUTHORIZED / SESSION_EXPIRED. */
    async authenticate(token: string | undefined): Promise<Authenticated> {
      if (!token || !TOKEN_SHAPE.test(token)) throw Errors.unauthorized();
      const session = await deps.sessions.byTokenHash(hashToken(token));
      if (!session) throw Errors.unauthorized();
      if (session.revoked_at !== null || session.expires_at <= now().toISOString()) throw Errors.sessionExpired();
      const user = await deps.users.byId(session.user_id);
      if (!user) throw Errors.unauthorized();
      return { user, session };
    },

    async logout(session: Session): Promise<void> {
      await deps.sessions.revoke(session.id, now().toISOString());
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
