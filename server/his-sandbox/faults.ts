/**
 * Fault injection. A fault applies to one endpoint path or to all (`*`); the most recently added fault that
 * matches a call wins. `times` limits how many calls it affects (then it is removed); without it the fault
 * stays until cleared.
 *
 * Modes:
 * - `timeout`          no answer at all (the connection is held until the client gives up or the sandbox stops)
 * - `fail`             the endpoint's failure envelope, with `code` / `msg` if given; nothing is applied
 * - `http500`          HTTP 500 with an HTML error page; nothing is applied
 * - `malformed`        HTTP 200 with a truncated, unparseable JSON body; nothing is applied
 * - `applyThenFail`    the call is carried out (state changes), then answered with the failure envelope
 * - `applyThenTimeout` the call is carried out, then never answered
 * `latencyMs` delays the answer (alone, or before any mode).
 */
export const FAULT_MODES = ['timeout', 'fail', 'http500', 'malformed', 'applyThenFail', 'applyThenTimeout'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultSpec {
  /** An endpoint path as in the catalogue (`/recharge`), or `*` for every endpoint. */
  path: string;
  mode?: FaultMode;
  latencyMs?: number;
  /** Failure code for `fail` / `applyThenFail` (defaults to the endpoint's own failure code). */
  code?: number;
  msg?: string;
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Calls this fault has affected so far. */
  hits: number;
}

export class FaultSpecError extends Error {}

export function checkFaultSpec(value: unknown, knownPath: (path: string) => boolean): FaultSpec {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { path, mode, latencyMs, code, msg, times } = v;
  if (typeof path !== 'string' || (path !== '*' && !knownPath(path))) throw new FaultSpecError('path must be a catalogue path or *');
  if (mode !== undefined && !FAULT_MODES.includes(mode as FaultMode)) throw new FaultSpecError(`mode must be one of ${FAULT_MODES.join(', ')}`);
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || latencyMs < 0 || latencyMs > 600_000)) throw new FaultSpecError('latencyMs must be 0–600000');
  if (code !== undefined && !Number.isInteger(code)) throw new FaultSpecError('code must be an integer');
  if (msg !== undefined && typeof msg !== 'string') throw new FaultSpecError('msg must be a string');
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) throw new FaultSpecError('times must be a positive integer');
  if (mode === undefined && latencyMs === undefined) throw new FaultSpecError('a fault needs a mode or latencyMs');
  return {
    path,
    ...(mode !== undefined ? { mode: mode as FaultMode } : {}),
    ...(latencyMs !== undefined ? { latencyMs: latencyMs as number } : {}),
    ...(code !== undefined ? { code: code as number } : {}),
    ...(msg !== undefined ? { msg: msg as string } : {}),
    ...(times !== undefined ? { times: times as number } : {}),
  };
}

export class Faults {
  private list: Fault[] = [];
  private seq = 0;

  add(spec: FaultSpec): Fault {
    this.seq += 1;
    const fault: Fault = { ...spec, id: `f${this.seq}`, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== before;
  }

  clear(): void {
    this.list = [];
  }

  all(): readonly Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  /** The fault for one call of `path`, counted as applied (and removed once its `times` are used up). */
  take(path: string): Fault | undefined {
    for (let i = this.list.length - 1; i >= 0; i -= 1) {
      const f = this.list[i];
      if (!f || (f.path !== path && f.path !== '*')) continue;
      f.hits += 1;
      if (f.times !== undefined && f.hits >= f.times) this.list.splice(i, 1);
      return { ...f };
    }
    return undefined;
  }
}
