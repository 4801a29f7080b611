/**
 * Failure counting in a sliding window, kept in the database so that every BFF instance sees the same counts.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';

export interface RateLimitState {
  failures: number;
  /** When the oldest failure in the window leaves it (ISO), if any. */
  oldestExpiresAt?: string;
}

export interface RateLimitsRepository {
  state(key: string, windowStart: string, windowMs: number): Promise<RateLimitState>;
  recordFailure(key: string, at: string): Promise<void>;
  /** Forgets events older than `before`. */
  purge(before: string): Promise<number>;
}

export function rateLimitsRepository(db: Db): RateLimitsRepository {
  return {
    state: async (key, windowStart, windowMs) => {
      const row = await db
        .selectFrom('rate_limit_events')
        .select((eb) => [eb.fn.countAll<number | string | bigint>().as('n'), eb.fn.min('at').as('oldest')])
        .where('key', '=', key)
        .where('at', '>', windowStart)
        .executeTakeFirstOrThrow();
      const failures = Number(row.n);
      const oldest = typeof row.oldest === 'string' ? row.oldest : undefined;
      return oldest ? { failures, oldestExpiresAt: new Date(Date.parse(oldest) + windowMs).toISOString() } : { failures };
    },
    recordFailure: async (key, at) => {
      await db.insertInto('rate_limit_events').values({ id: randomUUID(), key, at }).execute();
    },
    purge: async (before) => Number((await db.deleteFrom('rate_limit_events').where('at', '<', before).executeTakeFirst()).numDeletedRows),
  };
}
