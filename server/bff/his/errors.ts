/**
 * Typed HIS failures. Every way a HIS call can go wrong ends as one of these, built by one factory
 * (`hisError`) from the raw outcome, the way stripe-node turns an upstream answer into its typed errors:
 *
 *   HisRejectedError     the HIS answered with its failure envelope (a business "no": code + message)
 *   HisTimeoutError      no answer within the timeout
 *   HisUnavailableError  connection refused or broken, HTTP error status, circuit open, adapter closed
 *   HisProtocolError     an answer that breaks the catalogue: not JSON, no envelope, a required field missing…
 *   HisBusyError         the waiting queue toward the HIS is full (or the wait was too long)
 *
 * Each keeps the endpoint and the request id. `raw` (the HIS answer text, or the cause) is kept for debugging but
 * is not enumerable, so that a logger serialising the error does not write a body that may hold personal data.
 */
import type { Problem } from '../../his-catalogue/validate';

/** The raw outcome of a failed call, before it becomes a typed error. */
export type HisOutcome =
  | { kind: 'rejected'; code: number | string; msg: string; text: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; cause: unknown; refused: boolean }
  | { kind: 'http'; status: number; text: string }
  | { kind: 'not_json'; text: string }
  | { kind: 'no_envelope'; text: string }
  | { kind: 'catalogue'; problems: readonly Problem[]; text: string }
  | { kind: 'circuit_open' }
  /** `sent`: the call was already on its way when the adapter closed (so a write may have been applied). */
  | { kind: 'closed'; sent: boolean }
  | { kind: 'busy'; reason: HisBusyReason };

export interface HisCallSite {
  endpoint: string;
  requestId: string;
  /** A write endpoint (see classification.ts): decides whether an unclear outcome may have been applied. */
  write: boolean;
}

export type HisUnavailableReason = 'refused' | 'network' | 'http_status' | 'circuit_open' | 'closed';
export type HisProtocolReason = 'not_json' | 'no_envelope' | 'catalogue';
export type HisBusyReason = 'queue_full' | 'queue_timeout';

/** A catalogue problem without the offending value (which may be personal data). */
export interface HisProblem {
  field: string;
  kind: Problem['kind'];
  expected: Problem['expected'];
}

interface HisErrorInit extends HisCallSite {
  message: string;
  raw: unknown;
  transient: boolean;
  outcomeUnknown: boolean;
  cause?: unknown;
}

export abstract class HisError extends Error {
  readonly endpoint: string;
  readonly requestId: string;
  /**
   * A transport failure (timeout, refused, HTTP 5xx, unreadable body): the kind that read endpoints retry and
   * that counts toward the circuit breaker. Business rejections never are.
   */
  readonly transient: boolean;
  /**
   * Only for writes: the request may have reached the HIS and been carried out, but the answer does not say so
   * (timeout, broken connection, 5xx, unreadable answer). Ask the HIS (`/requestSucess`, `/payment/get`, `/query`…)
   * before refunding or retrying.
   */
  readonly outcomeUnknown: boolean;
  /** The HIS answer text, or the transport error; not enumerable (see the file comment). */
  declare readonly raw: unknown;

  protected constructor(init: HisErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.endpoint = init.endpoint;
    this.requestId = init.requestId;
    this.transient = init.transient;
    this.outcomeUnknown = init.outcomeUnknown;
    Object.defineProperty(this, 'raw', { value: init.raw, enumerable: false });
  }
}

export class HisRejectedError extends HisError {
  /** The failure code exactly as the HIS sent it (number or string, per endpoint). */
  readonly code: number | string;
  /** The HIS's own message (Chinese, written for a clerk or a patient). */
  readonly hisMessage: string;

  constructor(init: HisErrorInit & { code: number | string; hisMessage: string }) {
    super(init);
    this.code = init.code;
    this.hisMessage = init.hisMessage;
  }
}

export class HisTimeoutError extends HisError {
  readonly timeoutMs: number;

  constructor(init: HisErrorInit & { timeoutMs: number }) {
    super(init);
    this.timeoutMs = init.timeoutMs;
  }
}

export class HisUnavailableError extends HisError {
  readonly reason: HisUnavailableReason;
  /** The HTTP status, for `http_status`. */
  readonly status?: number;

  constructor(init: HisErrorInit & { reason: HisUnavailableReason; status?: number }) {
    super(init);
    this.reason = init.reason;
    if (init.status !== undefined) this.status = init.status;
  }
}

export class HisProtocolError extends HisError {
  readonly reason: HisProtocolReason;
  readonly problems: readonly HisProblem[];

  constructor(init: HisErrorInit & { reason: HisProtocolReason; problems: readonly HisProblem[] }) {
    super(init);
    this.reason = init.reason;
    this.problems = init.problems;
  }
}

export class HisBusyError extends HisError {
  readonly reason: HisBusyReason;

  constructor(init: HisErrorInit & { reason: HisBusyReason }) {
    super(init);
    this.reason = init.reason;
  }
}

/** HTTP statuses worth another try: the server side failed or asked us to slow down. */
function transientStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

function problemText(problems: readonly HisProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => `${p.field} ${p.kind === 'missing' ? 'missing' : `not ${p.expected}`}`)
    .join('; ');
}

/** The one factory from a raw outcome to the typed error. */
export function hisError(outcome: HisOutcome, site: HisCallSite): HisError {
  const { endpoint, requestId, write } = site;
  const base = { endpoint, requestId, write };
  // The request reached the HIS (or may have), and the answer does not tell what happened.
  const unclear = (transient: boolean) => ({ ...base, transient, outcomeUnknown: write });
  const notSent = (transient: boolean) => ({ ...base, transient, outcomeUnknown: false });

  switch (outcome.kind) {
    case 'rejected':
      return new HisRejectedError({
        ...notSent(false),
        message: `HIS ${endpoint} rejected the call (code ${String(outcome.code)}): ${outcome.msg}`,
        raw: outcome.text,
        code: outcome.code,
        hisMessage: outcome.msg,
      });
    case 'timeout':
      return new HisTimeoutError({ ...unclear(true), message: `HIS ${endpoint} did not answer within ${outcome.timeoutMs} ms`, raw: undefined, timeoutMs: outcome.timeoutMs });
    case 'network': {
      const init = outcome.refused ? notSent(true) : unclear(true);
      const cause: unknown = outcome.cause;
      const detail = typeof cause === 'object' && cause !== null && 'message' in cause ? String(cause.message) : String(cause);
      return new HisUnavailableError({
        ...init,
        message: `HIS ${endpoint} is unreachable (${outcome.refused ? 'connection refused' : detail})`,
        raw: outcome.cause,
        cause: outcome.cause,
        reason: outcome.refused ? 'refused' : 'network',
      });
    }
    case 'http':
      return new HisUnavailableError({
        ...unclear(transientStatus(outcome.status)),
        message: `HIS ${endpoint} answered HTTP ${outcome.status}`,
        raw: outcome.text,
        reason: 'http_status',
        status: outcome.status,
      });
    case 'not_json':
      return new HisProtocolError({ ...unclear(true), message: `HIS ${endpoint} answered with a body that is not JSON`, raw: outcome.text, reason: 'not_json', problems: [] });
    case 'no_envelope':
      return new HisProtocolError({ ...unclear(false), message: `HIS ${endpoint} answered without its result envelope`, raw: outcome.text, reason: 'no_envelope', problems: [] });
    case 'catalogue': {
      const problems = outcome.problems.map(({ field, kind, expected }) => ({ field, kind, expected }));
      return new HisProtocolError({
        ...unclear(false),
        message: `HIS ${endpoint} answer breaks the catalogue: ${problemText(problems)}`,
        raw: outcome.text,
        reason: 'catalogue',
        problems,
      });
    }
    case 'circuit_open':
      return new HisUnavailableError({ ...notSent(false), message: `HIS circuit is open: ${endpoint} not called`, raw: undefined, reason: 'circuit_open' });
    case 'closed':
      return new HisUnavailableError({
        ...(outcome.sent ? unclear(false) : notSent(false)),
        message: outcome.sent ? `HIS adapter closed during the call of ${endpoint}` : `HIS adapter is closed: ${endpoint} not called`,
        raw: undefined,
        reason: 'closed',
      });
    case 'busy':
      return new HisBusyError({
        ...notSent(false),
        message: outcome.reason === 'queue_full' ? `HIS call queue is full: ${endpoint} not called` : `HIS call of ${endpoint} waited too long in the queue`,
        raw: undefined,
        reason: outcome.reason,
      });
  }
}
