/**
 * The cap on calls in flight toward the HIS, with a bounded FIFO queue in front of it. A hospital HIS degrades
 * badly under load (the 放号 morning: thousands of patients at once), so this BFF instance never has more than
 * `maxConcurrent` calls open; up to `maxQueue` more wait their turn (at most `queueTimeoutMs`), and beyond that a
 * call is refused at once rather than piling up.
 */
import type { HisBusyReason } from './errors';

export class LimiterRefusal extends Error {
  constructor(readonly reason: HisBusyReason | 'closed') {
    super(reason);
  }
}

interface Waiter {
  grant(): void;
  refuse(reason: LimiterRefusal): void;
}

export class Limiter {
  private active = 0;
  private peak = 0;
  private peakWaiting = 0;
  private readonly waiting: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueue: number,
    private readonly queueTimeoutMs: number,
  ) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new Error('maxConcurrent must be a positive integer');
    if (!Number.isInteger(maxQueue) || maxQueue < 0) throw new Error('maxQueue must be a non-negative integer');
  }

  /** Resolves with a release function once a place is free; rejects with a LimiterRefusal. */
  acquire(): Promise<() => void> {
    if (this.closed) return Promise.reject(new LimiterRefusal('closed'));
    if (this.active < this.maxConcurrent) {
      this.take();
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new LimiterRefusal('queue_full'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
        refuse: (reason) => {
          clearTimeout(timer);
          reject(reason);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new LimiterRefusal('queue_timeout'));
      }, this.queueTimeoutMs);
      this.waiting.push(waiter);
      this.peakWaiting = Math.max(this.peakWaiting, this.waiting.length);
    });
  }

  /** Refuses every waiting call and any later one; calls in flight finish normally. */
  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.refuse(new LimiterRefusal('closed'));
  }

  stats(): { inFlight: number; peakInFlight: number; queued: number; peakQueued: number } {
    return { inFlight: this.active, peakInFlight: this.peak, queued: this.waiting.length, peakQueued: this.peakWaiting };
  }

  private take(): void {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
  }

  /** A release that works once: the place goes to the next waiter, or becomes free. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}
