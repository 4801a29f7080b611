/** Seeded randomness for deterministic demo data (pure-rand's xoroshiro128+). */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A stable 31-bit hash of a string, to derive independent streams from one seed. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 1;
}

export class Rng {
  private readonly gen: RandomGenerator;

  /** One stream per (seed, name): adding data to one domain's seed does not change another domain's data. */
  constructor(seed: number, name: string) {
    this.gen = xoroshiro128plus((seed ^ hash(name)) | 0);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.gen, min, max);
  }

  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** `n` distinct items (all of them, shuffled, when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }

  /** A string of `length` digits. */
  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i += 1) s += String(this.int(0, 9));
    return s;
  }
}
