/**
 * Test kit of the adapter's tests: one HIS sandbox per test file (server/his-sandbox/test-harness.ts, whose
 * self-check must stay clean), adapters made against it and closed after the file, faults cleared after each test.
 */
import { DEFAULT_SIGN_KEY } from '../../his-sandbox/config';
import { useHisSandbox, type SandboxUnderTest } from '../../his-sandbox/test-harness';
import { HisError } from './errors';
import { createHis, type His, type HisOptions } from './index';

export interface AdapterUnderTest {
  readonly t: SandboxUnderTest;
  /** An adapter against the sandbox; `options` over the defaults. */
  his(options?: Partial<HisOptions>): His;
  /** Calls the sandbox has received on `path` so far. */
  calls(path: string): number;
}

export function useHisAdapter(): AdapterUnderTest {
  const t = useHisSandbox();
  const made: His[] = [];
  afterEach(() => {
    t.sandbox.faults.clear();
  });
  afterAll(async () => {
    await Promise.all(made.map((h) => h.close()));
  });
  return {
    t,
    his(options = {}) {
      const his = createHis({ baseUrl: t.sandbox.url, signKey: DEFAULT_SIGN_KEY, ...options });
      made.push(his);
      return his;
    },
    calls: (path) => t.sandbox.stats.calls[path] ?? 0,
  };
}

export const ctx = { requestId: 'req-test-0001' };

/** The error a promise rejects with (fails the test when it resolves or rejects with something else). */
export async function hisFailure<E extends HisError>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}
