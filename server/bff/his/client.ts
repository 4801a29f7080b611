/**
 * The transport toward the HIS: every call the BFF makes goes through `call()`, which
 *  - refuses at once while the circuit is open, or when the waiting queue is full (HisBusyError);
 *  - waits for a place under the concurrency cap;
 *  - encodes the body per the catalogue (and signs /recharge, /recipeCharge), sends `X-Request-Id`;
 *  - gives up after the endpoint's timeout (reads shorter than writes);
 *  - decodes, applies the envelope rule, validates against the catalogue, and returns the typed body — or throws
 *    the typed error (errors.ts);
 *  - retries READ endpoints after a transport failure, with jittered exponential backoff; never writes
 *    (classification.ts);
 *  - logs endpoint, request id, duration and outcome — never a body (they hold personal data).
 */
import { setMaxListeners } from 'node:events';
import { keepAliveTransport } from './http-transport';
import type { HisPath } from '../../his-catalogue/types.generated';
import { CircuitBreaker, type BreakerStats } from './breaker';
import { isWrite } from './classification';
import { HisBusyError, HisError, hisError, HisProtocolError, HisRejectedError, HisTimeoutError, HisUnavailableError, type HisCallSite, type HisOutcome } from './errors';
import { Limiter, LimiterRefusal } from './limiter';
import type { HisResult } from './readings';
import { encodeRequest, readAnswer, type HisBody } from './wire';

/** The subset of a pino (or Fastify) logger the adapter uses. */
export interface HisLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface HisClientOptions {
  /** Base URL of the HIS endpoints, e.g. `http://his.example:8080/his` (the catalogue path is appended). */
  baseUrl: string;
  /** Key of the MD5 sign of /recharge and /recipeCharge. */
  signKey: string;
  timeouts?: {
    /** Default for read endpoints. */
    readMs?: number;
    /** Default for write endpoints. */
    writeMs?: number;
    /** Per endpoint, over the defaults. */
    byPath?: Partial<Record<HisPath, number>>;
  };
  /** Calls in flight toward the HIS at most (per BFF instance). */
  maxConcurrent?: number;
  /** Calls waiting for a place at most; beyond, HisBusyError at once. */
  maxQueue?: number;
  /** How long a call may wait for a place before HisBusyError. */
  queueTimeoutMs?: number;
  breaker?: { failureThreshold?: number; windowMs?: number; openMs?: number };
  /** Retries of read endpoints after a transport failure (writes are never retried). */
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** For tests: replaces the global fetch. */
  fetch?: typeof fetch;
  logger?: HisLogger;
}

export interface HisCallContext {
  /** The BFF request id: sent as `X-Request-Id`, kept on errors and log lines. */
  requestId: string;
  /** Overrides the endpoint's timeout for this call. */
  timeoutMs?: number;
  /** Overrides the retry count for this call (reads only; writes are never retried). */
  retries?: number;
}

export type HisCall = <P extends HisPath>(path: P, body: HisBody<P>, ctx: HisCallContext) => Promise<HisResult<P>>;

export interface HisClientStats {
  inFlight: number;
  peakInFlight: number;
  queued: number;
  peakQueued: number;
  maxConcurrent: number;
  maxQueue: number;
  breaker: BreakerStats;
  calls: {
    /** Calls asked for (a retried call counts once). */
    total: number;
    ok: number;
    /** Business rejections (the HIS said no). */
    rejected: number;
    /** Timeouts, unavailability, protocol errors (after retries). */
    failed: number;
    /** Refused for want of a place: the queue was full, or the wait longer than queueTimeoutMs. */
    busy: number;
    /** Refused at once: circuit open. */
    shortCircuited: number;
    /** Extra attempts made by retries. */
    retries: number;
  };
}

export interface HisClient {
  call: HisCall;
  stats(): HisClientStats;
  /** Refuses new and queued calls, aborts the calls in flight, and resolves when they have ended. */
  close(): Promise<void>;
}

export const HIS_CLIENT_DEFAULTS = {
  readTimeoutMs: 5_000,
  writeTimeoutMs: 15_000,
  maxConcurrent: 32,
  maxQueue: 500,
  queueTimeoutMs: 3_000,
  breaker: { failureThreshold: 5, windowMs: 10_000, openMs: 5_000 },
  retry: { retries: 1, baseDelayMs: 100, maxDelayMs: 1_000 },
} as const;

type Outcome = 'ok' | 'rejected' | 'timeout' | 'unavailable' | 'protocol' | 'busy' | 'circuit_open' | 'error';

function outcomeOf(err: unknown): Outcome {
  if (err instanceof HisRejectedError) return 'rejected';
  if (err instanceof HisTimeoutError) return 'timeout';
  if (err instanceof HisProtocolError) return 'protocol';
  if (err instanceof HisBusyError) return 'busy';
  if (err instanceof HisUnavailableError) return err.reason === 'circuit_open' ? 'circuit_open' : 'unavailable';
  return 'error'; // not a HIS failure: a bug in the adapter
}

/** Why a fetch was aborted: our timeout, or the adapter closing. */
type AbortReason = 'timeout' | 'closed';

/**
 * True when the connection was refused (nothing was sent). fetch wraps the socket error in `cause`, or in an
 * AggregateError's `errors` when several addresses were tried; checked structurally, since fetch's errors may come
 * from another realm (instanceof Error fails under test runners).
 */
function refusedConnection(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  if ('code' in err && err.code === 'ECONNREFUSED') return true;
  if ('errors' in err && Array.isArray(err.errors) && err.errors.length > 0) return err.errors.every((e) => refusedConnection(e, depth + 1));
  return 'cause' in err && refusedConnection(err.cause, depth + 1);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

export function createHisClient(options: HisClientOptions): HisClient {
  const d = HIS_CLIENT_DEFAULTS;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const readMs = options.timeouts?.readMs ?? d.readTimeoutMs;
  const writeMs = options.timeouts?.writeMs ?? d.writeTimeoutMs;
  const maxConcurrent = options.maxConcurrent ?? d.maxConcurrent;
  const maxQueue = options.maxQueue ?? d.maxQueue;
  const retries = options.retry?.retries ?? d.retry.retries;
  const baseDelayMs = options.retry?.baseDelayMs ?? d.retry.baseDelayMs;
  const maxDelayMs = options.retry?.maxDelayMs ?? d.retry.maxDelayMs;
  // Keep-alive node:http by default: several times cheaper per call than the global fetch (see http-transport.ts).
  const transport = options.fetch ? undefined : keepAliveTransport(maxConcurrent);
  const fetchImpl = options.fetch ?? transport?.fetch ?? fetch;
  const logger = options.logger;

  const limiter = new Limiter(maxConcurrent, maxQueue, options.queueTimeoutMs ?? d.queueTimeoutMs);
  const breaker = new CircuitBreaker({ ...d.breaker, ...options.breaker });
  const closing = new AbortController();
  // one listener per call in flight (bounded by the cap and the queue): not a leak
  setMaxListeners(0, closing.signal);
  const inFlight = new Set<Promise<unknown>>();
  const counts = { total: 0, ok: 0, rejected: 0, failed: 0, busy: 0, shortCircuited: 0, retries: 0 };

  function timeoutFor(path: HisPath, ctx: HisCallContext): number {
    return ctx.timeoutMs ?? options.timeouts?.byPath?.[path] ?? (isWrite(path) ? writeMs : readMs);
  }

  function log(site: HisCallSite, attempt: number, startedAt: number, err?: unknown): void {
    if (!logger) return;
    const outcome = err === undefined ? 'ok' : outcomeOf(err);
    const entry = {
      his: {
        endpoint: site.endpoint,
        requestId: site.requestId,
        attempt,
        durationMs: Math.round(performance.now() - startedAt),
        outcome,
        ...(err instanceof HisRejectedError ? { code: err.code } : {}),
        ...(err instanceof HisUnavailableError && err.status !== undefined ? { status: err.status } : {}),
      },
    };
    if (outcome === 'ok' || outcome === 'rejected') logger.info(entry, 'his call');
    else logger.warn(entry, 'his call failed');
  }

  /** One HTTP exchange: the answer text, or the transport outcome that ended it. */
  async function exchange(path: HisPath, body: unknown, ctx: HisCallContext, site: HisCallSite): Promise<{ status: number; text: string }> {
    const timeoutMs = timeoutFor(path, ctx);
    const { contentType, payload } = encodeRequest(path, body, options.signKey);
    const controller = new AbortController();
    let aborted: AbortReason | undefined;
    const abort = (reason: AbortReason) => {
      aborted ??= reason;
      controller.abort();
    };
    const timer = setTimeout(() => abort('timeout'), timeoutMs);
    const onClose = () => abort('closed');
    if (closing.signal.aborted) onClose();
    else closing.signal.addEventListener('abort', onClose);
    try {
      const res = await fetchImpl(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, 'x-request-id': ctx.requestId },
        body: payload,
        signal: controller.signal,
      });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      const outcome: HisOutcome =
        aborted === 'timeout' ? { kind: 'timeout', timeoutMs } : aborted === 'closed' ? { kind: 'closed', sent: true } : { kind: 'network', cause: err, refused: refusedConnection(err) };
      throw hisError(outcome, site);
    } finally {
      clearTimeout(timer);
      closing.signal.removeEventListener('abort', onClose);
    }
  }

  /** One attempt: breaker, place under the cap, exchange, answer. */
  async function attempt(path: HisPath, body: unknown, ctx: HisCallContext, site: HisCallSite): Promise<unknown> {
    if (!breaker.allows()) throw hisError({ kind: 'circuit_open' }, site);
    let release: () => void;
    try {
      release = await limiter.acquire();
    } catch (err) {
      if (err instanceof LimiterRefusal) throw hisError(err.reason === 'closed' ? { kind: 'closed', sent: false } : { kind: 'busy', reason: err.reason }, site);
      throw err;
    }
    try {
      // The circuit may have opened while this call waited.
      if (!breaker.admit()) throw hisError({ kind: 'circuit_open' }, site);
      try {
        const { status, text } = await exchange(path, body, ctx, site);
        const answer = readAnswer(path, status, text, site);
        breaker.success();
        return answer;
      } catch (err) {
        if (!(err instanceof HisError) || (err instanceof HisUnavailableError && err.reason === 'closed')) breaker.abandon();
        else if (err.transient) breaker.failure();
        else breaker.success(); // the HIS answered: a rejection or a catalogue problem says nothing about its health
        throw err;
      }
    } finally {
      release();
    }
  }

  async function run(path: HisPath, body: unknown, ctx: HisCallContext): Promise<unknown> {
    const site: HisCallSite = { endpoint: path, requestId: ctx.requestId, write: isWrite(path) };
    if (closing.signal.aborted) throw hisError({ kind: 'closed', sent: false }, site);
    const attempts = site.write ? 1 : 1 + (ctx.retries ?? retries);
    counts.total += 1;
    for (let n = 1; ; n += 1) {
      const startedAt = performance.now();
      try {
        const answer = await attempt(path, body, ctx, site);
        log(site, n, startedAt);
        counts.ok += 1;
        return answer;
      } catch (err) {
        log(site, n, startedAt, err);
        const retry = err instanceof HisError && err.transient && n < attempts && breaker.allows() && !closing.signal.aborted;
        if (!retry) {
          const outcome = outcomeOf(err);
          if (outcome === 'rejected') counts.rejected += 1;
          else if (outcome === 'busy') counts.busy += 1;
          else if (outcome === 'circuit_open') counts.shortCircuited += 1;
          else counts.failed += 1;
          throw err;
        }
        counts.retries += 1;
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
        await delay(backoff / 2 + Math.random() * (backoff / 2), closing.signal);
      }
    }
  }

  const call: HisCall = <P extends HisPath>(path: P, body: HisBody<P>, ctx: HisCallContext) => {
    const pending = run(path, body, ctx);
    inFlight.add(pending);
    const forget = () => inFlight.delete(pending);
    pending.then(forget, forget);
    // Validated against the catalogue in readAnswer (with the readings' relaxations that HisResult describes).
    return pending as Promise<HisResult<P>>;
  };

  return {
    call,
    stats: () => ({ ...limiter.stats(), maxConcurrent, maxQueue, breaker: breaker.stats(), calls: { ...counts } }),
    async close() {
      limiter.close();
      closing.abort();
      await Promise.allSettled([...inFlight]);
      transport?.destroy();
    },
  };
}
