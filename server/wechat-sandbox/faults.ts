/**
 * Faults the sandbox can inject, set through the admin API (or from code). In each list the most recently added
 * fault that matches wins; `times` limits how many calls / notifications / refunds it affects (then it is removed),
 * without it the fault stays until cleared.
 *
 * API faults (`/__sandbox/faults/api`) — what a caller of one WeChat API sees:
 *   `timeout`           no answer (the connection is held until the client gives up or the sandbox stops)
 *   `http500`           HTTP 500 with an HTML page (a gateway error); nothing applied
 *   `error`             the API's own error: mini-program APIs `{errcode, errmsg}` (default -1 system error);
 *                       pay APIs HTTP `status` + `{code, message}` (default 500 SYSTEM_ERROR); nothing applied
 *   `applyThenError`    the call is carried out (order created, refund accepted…), then answered with that error
 *   `applyThenTimeout`  the call is carried out, then never answered
 *   `latencyMs`         delays the answer (alone or before a mode)
 *
 * Notification faults (`/__sandbox/faults/notifications`), per out_trade_no or `*`, optionally per event kind:
 *   `none`       never notify;  `delay` the first delivery `delayMs` later;  `duplicate` deliver `count` times;
 *   `forged`     first deliver a forged notification of `kind`, then the genuine one on the normal schedule.
 *
 * Refund faults (`/__sandbox/faults/refunds`), per out_trade_no or `*`: the refund ends `ABNORMAL` or `CLOSED`
 * instead of SUCCESS.
 */

export const API_NAMES = ['jscode2session', 'token', 'stable_token', 'subscribe', 'prepay', 'query', 'close', 'refund', 'refund-query'] as const;
export type ApiName = (typeof API_NAMES)[number];
export const API_FAULT_MODES = ['timeout', 'http500', 'error', 'applyThenError', 'applyThenTimeout'] as const;
export type ApiFaultMode = (typeof API_FAULT_MODES)[number];

export interface ApiFaultSpec {
  api: ApiName | '*';
  mode?: ApiFaultMode;
  latencyMs?: number;
  /** Pay APIs: HTTP status, WeChat Pay error code and message of `error` modes. */
  status?: number;
  code?: string;
  message?: string;
  /** Mini-program APIs: errcode / errmsg of `error` modes. */
  errcode?: number;
  errmsg?: string;
  times?: number;
}

export const FORGE_KINDS = ['badSignature', 'staleTimestamp', 'wrongKey', 'unknownSerial', 'wrongApiV3Key', 'wrongAmount', 'wrongAppid', 'wrongMchid'] as const;
export type ForgeKind = (typeof FORGE_KINDS)[number];
export const NOTIFICATION_FAULT_MODES = ['none', 'delay', 'duplicate', 'forged'] as const;
export type NotificationFaultMode = (typeof NOTIFICATION_FAULT_MODES)[number];
export type NotificationEvent = 'transaction' | 'refund';

export interface NotificationFaultSpec {
  /** The order the notification is about (`*`: every order). */
  outTradeNo: string;
  /** Only notifications of this kind (payment or refund); both when absent. */
  event?: NotificationEvent;
  mode: NotificationFaultMode;
  delayMs?: number;
  count?: number;
  kind?: ForgeKind;
  times?: number;
}

export const REFUND_OUTCOMES = ['abnormal', 'closed'] as const;
export type RefundOutcome = (typeof REFUND_OUTCOMES)[number];

export interface RefundFaultSpec {
  outTradeNo: string;
  outcome: RefundOutcome;
  times?: number;
}

export type Stored<T> = T & { id: string; hits: number };

export class FaultSpecError extends Error {}

/** One list of faults of one family. */
export class FaultList<T extends { times?: number }> {
  private list: Array<Stored<T>> = [];
  private seq = 0;

  constructor(private readonly prefix: string) {}

  add(spec: T): Stored<T> {
    this.seq += 1;
    const fault: Stored<T> = { ...spec, id: `${this.prefix}${this.seq}`, hits: 0 };
    this.list.push(fault);
    return { ...fault };
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== before;
  }

  clear(): void {
    this.list = [];
  }

  all(): Array<Stored<T>> {
    return this.list.map((f) => ({ ...f }));
  }

  /** The latest fault matching `pred`, counted as used (and removed once its `times` are spent). */
  take(pred: (f: T) => boolean): Stored<T> | undefined {
    for (let i = this.list.length - 1; i >= 0; i -= 1) {
      const f = this.list[i];
      if (!f || !pred(f)) continue;
      f.hits += 1;
      if (f.times !== undefined && f.hits >= f.times) this.list.splice(i, 1);
      return { ...f };
    }
    return undefined;
  }
}

export interface SandboxFaults {
  api: FaultList<ApiFaultSpec>;
  notifications: FaultList<NotificationFaultSpec>;
  refunds: FaultList<RefundFaultSpec>;
}

export function createFaults(): SandboxFaults {
  return { api: new FaultList('api'), notifications: new FaultList('nf'), refunds: new FaultList('rf') };
}

export function clearFaults(faults: SandboxFaults): void {
  faults.api.clear();
  faults.notifications.clear();
  faults.refunds.clear();
}

// ---- checking specs that come from the admin API / the command line ----

type Loose = Record<string, unknown>;

function asRecord(value: unknown): Loose {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultSpecError('a fault is a JSON object');
  return value as Loose;
}

function optionalInt(v: Loose, key: string, min: number, max: number): number | undefined {
  const x = v[key];
  if (x === undefined) return undefined;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) throw new FaultSpecError(`${key} must be an integer ${min}–${max}`);
  return x;
}

function optionalString(v: Loose, key: string): string | undefined {
  const x = v[key];
  if (x === undefined) return undefined;
  if (typeof x !== 'string' || x === '') throw new FaultSpecError(`${key} must be a non-empty string`);
  return x;
}

function oneOf<T extends string>(v: Loose, key: string, values: readonly T[], required: boolean): T | undefined {
  const x = v[key];
  if (x === undefined && !required) return undefined;
  if (typeof x !== 'string' || !values.includes(x as T)) throw new FaultSpecError(`${key} must be one of ${values.join(', ')}`);
  return x as T;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined)) as T;
}

export function checkApiFault(value: unknown): ApiFaultSpec {
  const v = asRecord(value);
  const api = oneOf(v, 'api', [...API_NAMES, '*'] as const, true) as ApiName | '*';
  const spec: ApiFaultSpec = defined({
    api,
    mode: oneOf(v, 'mode', API_FAULT_MODES, false),
    latencyMs: optionalInt(v, 'latencyMs', 0, 600_000),
    status: optionalInt(v, 'status', 400, 599),
    code: optionalString(v, 'code'),
    message: optionalString(v, 'message'),
    errcode: optionalInt(v, 'errcode', -1, 99_999_999),
    errmsg: optionalString(v, 'errmsg'),
    times: optionalInt(v, 'times', 1, 1_000_000),
  });
  if (spec.mode === undefined && spec.latencyMs === undefined) throw new FaultSpecError('an API fault needs a mode or latencyMs');
  return spec;
}

export function checkNotificationFault(value: unknown): NotificationFaultSpec {
  const v = asRecord(value);
  const outTradeNo = optionalString(v, 'outTradeNo');
  if (!outTradeNo) throw new FaultSpecError('outTradeNo is required (an out_trade_no or *)');
  const mode = oneOf(v, 'mode', NOTIFICATION_FAULT_MODES, true) as NotificationFaultMode;
  const spec: NotificationFaultSpec = defined({
    outTradeNo,
    event: oneOf(v, 'event', ['transaction', 'refund'] as const, false),
    mode,
    delayMs: optionalInt(v, 'delayMs', 0, 86_400_000),
    count: optionalInt(v, 'count', 2, 100),
    kind: oneOf(v, 'kind', FORGE_KINDS, mode === 'forged'),
    times: optionalInt(v, 'times', 1, 1_000_000),
  });
  if (mode === 'delay' && spec.delayMs === undefined) throw new FaultSpecError('delay needs delayMs');
  if (mode === 'duplicate' && spec.count === undefined) throw new FaultSpecError('duplicate needs count (≥ 2)');
  if (spec.kind === 'wrongAppid' && spec.event === 'refund') throw new FaultSpecError('refund notifications carry no appid');
  return spec;
}

export function checkRefundFault(value: unknown): RefundFaultSpec {
  const v = asRecord(value);
  const outTradeNo = optionalString(v, 'outTradeNo');
  if (!outTradeNo) throw new FaultSpecError('outTradeNo is required (an out_trade_no or *)');
  return defined({
    outTradeNo,
    outcome: oneOf(v, 'outcome', REFUND_OUTCOMES, true) as RefundOutcome,
    times: optionalInt(v, 'times', 1, 1_000_000),
  });
}
