/** The patient's session with the BFF: token, user, and where the login stands. */
import { create } from 'zustand';
import type { LoginResponse, UserView } from '@contract/api';
import * as auth from '@/services/auth';
import { ApiError } from '@/services/api-error';
import { isStillValid } from '@/utils/dates';
import { STORAGE_KEYS, isRecord, readStored, removeStored, writeStored } from '@/utils/storage';
import { toApiError } from './loadable';

export type SessionStatus =
  | 'idle' //        not started (no consent yet)
  | 'loggingIn'
  | 'loggedIn'
  | 'loggedOut' //   the patient logged out: no silent login until they ask
  | 'failed'; //     the last login failed: `error` says why

interface StoredSession {
  token: string;
  expiresAt: string;
  user: UserView;
}

interface SessionState {
  status: SessionStatus;
  token: string | null;
  expiresAt: string | null;
  user: UserView | null;
  error: ApiError | null;
  /** At launch, after consent: reuse a stored session that is still valid, else log in silently. */
  start(): Promise<void>;
  /** Log in now (the 登录 button); never rejects: `status` and `error` tell the outcome. */
  login(): Promise<void>;
  /** For http.ts: a new token after the BFF said the session is gone; rejects when that is not possible. */
  renew(): Promise<string>;
  logout(): Promise<void>;
}

function isUserView(value: unknown): value is UserView {
  return isRecord(value) && typeof value.id === 'string' && typeof value.createdAt === 'string';
}

function isStoredSession(value: unknown): value is StoredSession {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    typeof value.expiresAt === 'string' &&
    isUserView(value.user)
  );
}

/** The login under way, shared by everybody who needs it. */
let inFlight: Promise<string> | null = null;

export const useSession = create<SessionState>()((set, get) => {
  function loggedIn(answer: LoginResponse): void {
    writeStored<StoredSession>(STORAGE_KEYS.session, {
      token: answer.token,
      expiresAt: answer.expiresAt,
      user: answer.user,
    });
    set({ status: 'loggedIn', token: answer.token, expiresAt: answer.expiresAt, user: answer.user, error: null });
  }

  function signIn(): Promise<string> {
    if (!inFlight) {
      set({ status: 'loggingIn', error: null });
      inFlight = auth
        .login()
        .then((answer) => {
          loggedIn(answer);
          return answer.token;
        })
        .catch((error: unknown) => {
          const failure = toApiError(error);
          set({ status: 'failed', error: failure, token: null, expiresAt: null, user: null });
          removeStored(STORAGE_KEYS.session);
          throw failure;
        })
        .finally(() => {
          inFlight = null;
        });
    }
    return inFlight;
  }

  return {
    status: 'idle',
    token: null,
    expiresAt: null,
    user: null,
    error: null,

    async start() {
      if (get().status === 'loggedIn' || get().status === 'loggingIn') return;
      const stored = readStored(STORAGE_KEYS.session, isStoredSession);
      if (stored && isStillValid(stored.expiresAt)) {
        set({ status: 'loggedIn', token: stored.token, expiresAt: stored.expiresAt, user: stored.user, error: null });
        return;
      }
      await signIn().catch(() => undefined);
    },

    async login() {
      await signIn().catch(() => undefined);
    },

    renew() {
      if (get().status === 'loggedOut') {
        return Promise.reject(new ApiError({ status: 401, code: 'UNAUTHORIZED' }));
      }
      return signIn();
    },

    async logout() {
      if (get().token) {
        // Revoke on the server if we can; the device forgets the session either way.
        await auth.logout().catch(() => undefined);
      }
      removeStored(STORAGE_KEYS.session);
      set({ status: 'loggedOut', token: null, expiresAt: null, user: null, error: null });
    },
  };
});
