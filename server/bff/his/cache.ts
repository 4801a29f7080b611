/**
 * Short-lived caches of HIS answers, with request coalescing: while a value is being loaded, every other caller
 * of the same key waits for that one load (100 concurrent identical reads → 1 HIS call). A failure is handed to
 * everyone waiting and not kept: the next caller tries again. Each key has its own TTL; the number of keys is
 * bounded (least recently used first out), so keys built from request input cannot grow it without limit.
 */
export interface CacheStats {
  entries: number;
  hits: number;
  misses: number;
  /** Callers that joined a load already in progress. */
  coalesced: number;
  evictions: number;
}

export interface TtlCache {
  /** The cached value of `key`, or the result of `load()` kept for `ttlMs`. */
  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  delete(key: string): void;
  clear(): void;
  stats(): CacheStats;
}

export interface TtlCacheOptions {
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export function createTtlCache(options: TtlCacheOptions = {}): TtlCache {
  const maxEntries = options.maxEntries ?? 1_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error('maxEntries must be a positive integer');
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<unknown>>();
  const counts = { hits: 0, misses: 0, coalesced: 0, evictions: 0 };

  function fresh(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= now()) return undefined;
    entries.set(key, entry); // most recently used last
    return entry;
  }

  function store(key: string, value: unknown, ttlMs: number): void {
    entries.set(key, { value, expiresAt: now() + ttlMs });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
      counts.evictions += 1;
    }
  }

  /** Loads once for everyone asking meanwhile; keeps the value unless the key was deleted or cleared meanwhile. */
  function startLoad(key: string, ttlMs: number, load: () => Promise<unknown>): Promise<unknown> {
    const promise: Promise<unknown> = Promise.resolve()
      .then(load)
      .then(
        (value) => {
          if (loading.get(key) === promise) {
            loading.delete(key);
            if (ttlMs > 0) store(key, value, ttlMs);
          }
          return value;
        },
        (err: unknown) => {
          if (loading.get(key) === promise) loading.delete(key);
          throw err;
        },
      );
    loading.set(key, promise);
    return promise;
  }

  return {
    get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const entry = fresh(key);
      if (entry) {
        counts.hits += 1;
        return Promise.resolve(entry.value as T);
      }
      const pending = loading.get(key);
      if (pending) {
        counts.coalesced += 1;
        return pending as Promise<T>;
      }
      counts.misses += 1;
      return startLoad(key, ttlMs, load) as Promise<T>;
    },
    delete(key) {
      entries.delete(key);
      loading.delete(key);
    },
    clear() {
      entries.clear();
      loading.clear();
    },
    stats: () => ({ entries: entries.size, ...counts }),
  };
}

/** A cache that keeps nothing and coalesces nothing: every `get` loads. */
export function passThroughCache(): TtlCache {
  let misses = 0;
  return {
    get: (_key, _ttlMs, load) => {
      misses += 1;
      return load();
    },
    delete: () => undefined,
    clear: () => undefined,
    stats: () => ({ entries: 0, hits: 0, misses, coalesced: 0, evictions: 0 }),
  };
}
