/**
 * The sandbox's business clock: real time plus an offset that tests and QA move through the admin API. It decides
 * when login codes, access tokens and unpaid orders (`time_expire`) lapse, and stamps create / success times.
 * Signatures are NOT read from it: a request's timestamp is checked against real time, and responses are signed
 * with real time, as a client that checks the ±5 minute window would expect.
 */
export class SandboxClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets the clock to an instant (anything Date.parse reads, e.g. `2026-11-30T08:00:00+08:00`). */
  set(instant: string): void {
    const ms = Date.parse(instant);
    if (Number.isNaN(ms)) throw new Error(`invalid instant ${instant}`);
    this.offsetMs = ms - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
