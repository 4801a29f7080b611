/**
 * The one place that calls Taro.request: base URL, bearer token, JSON, timeout, typed errors, and one silent
 * re-login when the session is gone. Never logs tokens, bodies or query strings (they may carry personal data).
 */
import Taro from '@tarojs/taro';
import { appConfig } from '@/config';
import { ApiError, apiErrorFromResponse } from './api-error';

export { ApiError, isApiError } from './api-error';
export type { ApiErrorCode, ClientErrorCode } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined>;

/** What http.ts needs from the session, wired once at launch (src/bootstrap.ts). */
export interface HttpSession {
  /** The current bearer token, if any. */
  getToken(): string | null;
  /** Log in again silently; resolves with the new token. */
  renew(): Promise<string>;
  /** False until the patient has accepted the privacy notice: nothing is sent before. */
  mayConnect(): boolean;
}

export interface RequestOptions<B> {
  method: HttpMethod;
  /** A BFF path (`/api/v1/...`) or an absolute URL (the WeChat sandbox). */
  path: string;
  query?: Query;
  body?: B;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** With auth: log in again silently once on UNAUTHORIZED / SESSION_EXPIRED and retry (default true). */
  renew?: boolean;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 12_000;

const noSession: HttpSession = {
  getToken: () => null,
  renew: () => Promise.reject(new ApiError({ status: 0, code: 'UNAUTHORIZED' })),
  mayConnect: () => false,
};

let session: HttpSession = noSession;
let baseUrl: string = appConfig.bffUrl;
/** One silent login at a time, whatever the number of requests that found the session gone. */
let renewing: Promise<string> | null = null;

export function configureHttp(next: HttpSession, options: { baseUrl?: string } = {}): void {
  session = next;
  if (options.baseUrl !== undefined) baseUrl = options.baseUrl;
  renewing = null;
}

/** Back to the unconfigured state (tests). */
export function resetHttp(): void {
  configureHttp(noSession, { baseUrl: appConfig.bffUrl });
}

export async function request<T, B = undefined>(options: RequestOptions<B>): Promise<T> {
  if (!session.mayConnect()) {
    throw new ApiError({ status: 0, code: 'CONSENT_REQUIRED' });
  }
  const auth = options.auth !== false;
  const token = auth ? session.getToken() : null;
  try {
    return await send<T, B>(options, token);
  } catch (error) {
    const mayRenew = auth && options.renew !== false;
    if (!mayRenew || !(error instanceof ApiError) || !error.isSessionError) throw error;
    // Exactly one silent login, then one retry: a second session error is the caller's.
    const fresh = await renewOnce(token);
    return send<T, B>(options, fresh);
  }
}

export function get<T>(path: string, query?: Query, options: Partial<RequestOptions<undefined>> = {}): Promise<T> {
  return request<T>({ ...options, method: 'GET', path, query });
}

export function post<T, B = undefined>(path: string, body?: B, options: Partial<RequestOptions<B>> = {}): Promise<T> {
  return request<T, B>({ ...options, method: 'POST', path, body });
}

export function put<T, B = undefined>(path: string, body?: B, options: Partial<RequestOptions<B>> = {}): Promise<T> {
  return request<T, B>({ ...options, method: 'PUT', path, body });
}

export function patch<T, B = undefined>(path: string, body?: B, options: Partial<RequestOptions<B>> = {}): Promise<T> {
  return request<T, B>({ ...options, method: 'PATCH', path, body });
}

export function del<T>(path: string, options: Partial<RequestOptions<undefined>> = {}): Promise<T> {
  return request<T>({ ...options, method: 'DELETE', path });
}

async function renewOnce(staleToken: string | null): Promise<string> {
  // Another request may already have logged in again while this one was in flight.
  const current = session.getToken();
  if (current && current !== staleToken) return current;
  if (!renewing) {
    renewing = session.renew().finally(() => {
      renewing = null;
    });
  }
  return renewing;
}

function urlFor(path: string, query?: Query): string {
  const absolute = /^https?:\/\//i.test(path);
  const url = absolute ? path : `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  const pairs = Object.entries(query ?? {}).filter((entry): entry is [string, string | number | boolean] => {
    return entry[1] !== undefined;
  });
  if (pairs.length === 0) return url;
  const search = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${url}${url.includes('?') ? '&' : '?'}${search.join('&')}`;
}

/** Path without host or query, for logs. */
function logPath(path: string): string {
  return path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? '';
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

function failureOf(error: unknown): ApiError {
  const errMsg =
    typeof error === 'object' && error !== null && 'errMsg' in error && typeof error.errMsg === 'string'
      ? error.errMsg
      : '';
  return new ApiError({ status: 0, code: /time\s?out|timed out/i.test(errMsg) ? 'TIMEOUT' : 'NETWORK_ERROR' });
}

async function send<T, B>(options: RequestOptions<B>, token: string | null): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const header: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  const method = wireMethod(options.method, header);

  const task = Taro.request<unknown>({
    url: urlFor(options.path, options.query),
    method,
    header,
    data: options.body === undefined ? undefined : JSON.stringify(options.body),
    dataType: 'json',
    // the platform's own timeout is a backstop; ours below decides
    timeout: timeoutMs + 2_000,
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      task.abort?.();
      reject(new ApiError({ status: 0, code: 'TIMEOUT' }));
    }, timeoutMs);
  });

  try {
    const answered = task.then(
      (res) => res,
      (error: unknown) => Promise.reject(failureOf(error)),
    );
    const response = await Promise.race([answered, timedOut]);
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      return readBody<T>(status, response.data);
    }
    throw apiErrorFromResponse(status, response.data, headerValue(response.header, 'x-request-id'));
  } catch (error) {
    const failure = error instanceof ApiError ? error : failureOf(error);
    logFailure(options, failure);
    throw failure;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * wx.request cannot send PATCH (its methods stop at OPTIONS GET HEAD POST PUT DELETE TRACE CONNECT): the
 * mini-program sends a PATCH as POST with `X-HTTP-Method-Override: PATCH`, which the BFF turns back into PATCH.
 */
function wireMethod(method: HttpMethod, header: Record<string, string>): HttpMethod {
  if (method !== 'PATCH' || appConfig.platform !== 'weapp') return method;
  header['X-HTTP-Method-Override'] = 'PATCH';
  return 'POST';
}

function readBody<T>(status: number, data: unknown): T {
  if (status === 204) return undefined as T;
  // a 2xx whose body is not JSON (a captive portal, a proxy page) is not an answer of the BFF
  if (data === null || data === undefined || typeof data === 'string') {
    throw new ApiError({ status, code: 'INTERNAL' });
  }
  return data as T;
}

function logFailure(options: RequestOptions<unknown>, failure: ApiError): void {
  if (process.env.NODE_ENV !== 'development') return;
  console.warn(
    `[http] ${options.method} ${logPath(options.path)} → ${failure.status || '-'} ${failure.code}` +
      (failure.requestId ? ` (requestId ${failure.requestId})` : ''),
  );
}
