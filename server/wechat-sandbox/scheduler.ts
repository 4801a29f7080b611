/**
 * Timers of the sandbox (notification retries, refund processing) in one place, so that `close()` can cancel them
 * all and wait for the work already running: nothing outlives the sandbox.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Runs `task` after `ms` (real milliseconds); returns a cancel function. */
  after(ms: number, task: () => Promise<void> | void): () => void {
    if (this.closed) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      const run = Promise.resolve()
        .then(task)
        .catch((err: unknown) => this.onError(err))
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, Math.max(0, ms));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  get pending(): number {
    return this.timers.size + this.running.size;
  }

  /** Cancels every pending timer (the sandbox is being reset); running tasks finish. */
  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelAll();
    await Promise.allSettled([...this.running]);
  }
}
