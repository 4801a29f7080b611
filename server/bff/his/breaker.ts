/**
 * The circuit breaker toward the HIS (one for the whole HIS: its endpoints share a server, a database and a
 * network path, so when it stops answering, it stops for all of them).
 *
 * closed     calls pass; `failureThreshold` transport failures within `windowMs`, with no success in between, open it
 * open       calls are refused at once (the HIS is not called) for `openMs`
 * half_open  then one trial call passes (the others are still refused): success closes the circuit, failure opens
 *            it again for another `openMs`
 *
 * Only transport failures count (timeouts, refused or broken connections, HTTP 5xx, unreadable bodies). A business
 * rejection — or an answer that breaks the catalogue — is the HIS answering, so it counts as a success here.
 * No timers: the state moves when it is looked at, so nothing is left running.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  windowMs: number;
  openMs: number;
  now?: () => number;
}

export interface BreakerStats {
  state: BreakerState;
  /** Transport failures counted toward opening (closed state). */
  recentFailures: number;
  /** How many times it has opened since start. */
  opened: number;
}

export class CircuitBreaker {
  private failures: number[] = [];
  private openedAt: number | undefined;
  private trialInFlight = false;
  private opened = 0;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new Error('failureThreshold must be a positive integer');
    this.now = options.now ?? Date.now;
  }

  state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half_open' : 'open';
  }

  /** True when a call could pass now (read-only: for failing fast before queueing). */
  allows(): boolean {
    const state = this.state();
    return state === 'closed' || (state === 'half_open' && !this.trialInFlight);
  }

  /**
   * Claims the right to call now: in half-open state only one caller gets it (the trial). Returns false when the
   * call must not be made. A caller that gets true must report `success()`, `failure()` or `abandon()`.
   */
  admit(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.trialInFlight = false;
    this.openedAt = undefined;
    this.failures = [];
  }

  failure(): void {
    const now = this.now();
    if (this.openedAt !== undefined) {
      // The trial failed (or a call admitted before the circuit opened): stay open for another period.
      if (this.trialInFlight || this.state() === 'half_open') this.open(now);
      this.trialInFlight = false;
      return;
    }
    this.failures = this.failures.filter((t) => now - t < this.options.windowMs);
    this.failures.push(now);
    if (this.failures.length >= this.options.failureThreshold) this.open(now);
  }

  /** The admitted call ended without telling anything about the HIS (the adapter closed): free the trial. */
  abandon(): void {
    this.trialInFlight = false;
  }

  stats(): BreakerStats {
    return { state: this.state(), recentFailures: this.failures.length, opened: this.opened };
  }

  private open(now: number): void {
    this.openedAt = now;
    this.failures = [];
    this.opened += 1;
  }
}
