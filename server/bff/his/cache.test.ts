/** The TTL cache with request coalescing: on its own (a fake clock), and in front of the sandbox. */
import { createTtlCache } from './cache';
import { HisUnavailableError } from './errors';
import { ctx, hisFailure, useHisAdapter } from './testkit';

/** A loader that counts its calls and resolves (or rejects) when told to. */
function loader<T>() {
  const calls: Array<{ resolve(v: T): void; reject(e: unknown): void }> = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('the TTL cache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('coalesces concurrent loads of one key into one, and serves the value until its TTL is over', async () => {
    const cache = createTtlCache({ now });
    const l = loader<string>();
    const waiting = Array.from({ length: 100 }, () => cache.get('k', 1_000, l.load));
    await settle();
    expect(l.calls).toHaveLength(1);
    l.calls[0]?.resolve('v1');
    expect(await Promise.all(waiting)).toEqual(Array(100).fill('v1'));
    clock += 999;
    expect(await cache.get('k', 1_000, l.load)).toBe('v1');
    clock += 1;
    const again = cache.get('k', 1_000, l.load);
    await settle();
    l.calls[1]?.resolve('v2');
    expect(await again).toBe('v2');
    expect(cache.stats()).toEqual({ entries: 1, hits: 1, misses: 2, coalesced: 99, evictions: 0 });
  });

  it('keeps each key for its own TTL', async () => {
    const cache = createTtlCache({ now });
    await cache.get('short', 100, async () => 's');
    await cache.get('long', 10_000, async () => 'l');
    clock += 500;
    expect(await cache.get('short', 100, async () => 's2')).toBe('s2');
    expect(await cache.get('long', 10_000, async () => 'l2')).toBe('l');
  });

  it('hands a failure to everyone waiting, and does not keep it', async () => {
    const cache = createTtlCache({ now });
    const l = loader<string>();
    const waiting = Array.from({ length: 3 }, () => cache.get('k', 1_000, l.load));
    await settle();
    l.calls[0]?.reject(new Error('HIS down'));
    expect(await Promise.allSettled(waiting)).toEqual(Array(3).fill({ status: 'rejected', reason: new Error('HIS down') }));
    expect(await cache.get('k', 1_000, async () => 'back')).toBe('back');
  });

  it('holds at most maxEntries keys, dropping the least recently used', async () => {
    const cache = createTtlCache({ now, maxEntries: 2 });
    await cache.get('a', 1_000, async () => 'a');
    await cache.get('b', 1_000, async () => 'b');
    await cache.get('a', 1_000, async () => 'a2'); // a is used again: b is now the oldest
    await cache.get('c', 1_000, async () => 'c');
    expect(await cache.get('a', 1_000, async () => 'a3')).toBe('a');
    expect(await cache.get('b', 1_000, async () => 'b2')).toBe('b2');
    expect(cache.stats()).toMatchObject({ entries: 2, evictions: 2 });
  });

  it('does not keep a value whose load began before the key was deleted', async () => {
    const cache = createTtlCache({ now });
    const l = loader<string>();
    const old = cache.get('k', 1_000, l.load);
    await settle();
    cache.delete('k');
    l.calls[0]?.resolve('stale');
    expect(await old).toBe('stale');
    expect(await cache.get('k', 1_000, async () => 'fresh')).toBe('fresh');
  });
});

describe('in front of the HIS', () => {
  const a = useHisAdapter();

  it('turns 100 concurrent identical reads into ONE HIS call', async () => {
    const his = a.his();
    a.t.sandbox.faults.add({ path: '/getHospital', latencyMs: 50, times: 1 });
    const before = a.calls('/getHospital');
    const answers = await Promise.all(Array.from({ length: 100 }, () => his.reference.campuses(ctx)));
    expect(a.calls('/getHospital') - before).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toEqual([
      { id: '01', name: '本院' },
      { id: '02', name: '东院区' },
      { id: '03', name: '妇女儿童院区' },
    ]);
    expect(his.stats().cache).toMatchObject({ misses: 1, coalesced: 99 });
  });

  it('does not cache a HIS failure', async () => {
    const his = a.his({ retry: { retries: 0 } });
    a.t.sandbox.faults.add({ path: '/getAllDoctorList', mode: 'http500', times: 1 });
    await hisFailure(his.reference.doctors(ctx), HisUnavailableError);
    const before = a.calls('/getAllDoctorList');
    expect((await his.reference.doctors(ctx)).length).toBeGreaterThan(50);
    expect(a.calls('/getAllDoctorList') - before).toBe(1);
  });
});
