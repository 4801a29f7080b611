/**
 * One call to WeChat over fetch, with the adapter's timeout: answers the status, headers and body text, or throws
 * WechatUnavailable (timeout / network). Interpreting the answer is the caller's business.
 */
import { WechatUnavailable } from './errors';
import type { WechatCallEvent } from './options';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface Transport {
  fetch: typeof fetch;
  timeoutMs: number;
  onCall: ((event: WechatCallEvent) => void) | undefined;
}

export async function call(t: Transport, api: string, url: string, init: RequestInit): Promise<HttpAnswer> {
  try {
    const res = await t.fetch(url, { ...init, signal: AbortSignal.timeout(t.timeoutMs) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (err) {
    // Duck-typed: fetch's DOMException and undici's errors may come from another realm (instanceof fails).
    const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new WechatUnavailable(api, 'timeout', `${api}: no answer within ${t.timeoutMs} ms`, { cause: err });
    const detail = typeof e.cause?.message === 'string' ? e.cause.message : typeof e.message === 'string' ? e.message : String(err);
    throw new WechatUnavailable(api, 'network', `${api}: ${detail}`, { cause: err });
  }
}

/** Runs one API call and reports it (duration, outcome = 'ok' or the error's class name) to the onCall hook. */
export async function observed<T>(t: Transport, api: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const done = (outcome: string, extra: Partial<WechatCallEvent> = {}) => t.onCall?.({ api, ms: Math.round(performance.now() - started), outcome, ...extra });
  try {
    const value = await run();
    done('ok');
    return value;
  } catch (err) {
    const extra: Partial<WechatCallEvent> = {};
    if (typeof err === 'object' && err !== null) {
      const { status, requestId } = err as { status?: unknown; requestId?: unknown };
      if (typeof status === 'number') extra.status = status;
      if (typeof requestId === 'string') extra.requestId = requestId;
    }
    done(err instanceof Error ? err.name : 'Error', extra);
    throw err;
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
