/**
 * The re-drive job: at start-up and then periodically, every order that is not final (and every final one HIS was
 * not yet told about) is driven again — a BFF crash at any step of any order is repaired here, on any instance.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { OrderMachine } from './machine';

export interface OrderJobs {
  /** Runs one pass now (tests, start-up). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startOrderJobs(machine: OrderMachine, options: { intervalMs: number; log: FastifyBaseLogger }): OrderJobs {
  let running: Promise<number> | undefined;
  let stopped = false;
  const runOnce = () => {
    running ??= machine
      .redriveDue()
      .catch((err: unknown) => {
        options.log.error({ err }, 'order re-drive pass failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, options.intervalMs);
  timer.unref();
  void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
