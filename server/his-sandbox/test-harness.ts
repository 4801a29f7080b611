/**
 * The jest harness of the sandbox's own tests: one sandbox per test file, started before the first test and
 * closed after the last, over real HTTP, with its self-check (no answer that breaks the catalogue, no handler
 * crash) asserted at the end.
 *
 *   const t = useHisSandbox();
 *   it('…', async () => { const zw = t.demo('zhangwei'); await t.his.ok('/getPatient', { op_flag: 1, patient_id: zw.id }); });
 */
import type { SandboxConfig } from './config';
import { startHisSandbox, type HisSandbox } from './sandbox';
import type { Patient } from './state/core';
import { hisClient, type HisClient } from './testing';

export interface SandboxUnderTest {
  readonly sandbox: HisSandbox;
  readonly his: HisClient;
  /** A documented demo patient by key (`zhangwei`, `lixiuying`, …). */
  demo(key: string): Patient;
  /** The i-th background (not documented) patient. */
  background(i: number): Patient;
}

export function useHisSandbox(overrides: Partial<SandboxConfig> = {}): SandboxUnderTest {
  let env: { sandbox: HisSandbox; his: HisClient } | undefined;
  const started = () => {
    if (!env) throw new Error('the sandbox starts in beforeAll: use it inside tests and hooks');
    return env;
  };
  beforeAll(async () => {
    const sandbox = await startHisSandbox(overrides);
    env = { sandbox, his: hisClient(sandbox.url) };
  });
  afterAll(async () => {
    const { sandbox } = started();
    expect(sandbox.selfCheck).toEqual({ violations: [], internalErrors: [] });
    await sandbox.close();
  });
  return {
    get sandbox() {
      return started().sandbox;
    },
    get his() {
      return started().his;
    },
    demo(key) {
      const p = started().sandbox.store.patients().find((x) => x.demo === key);
      if (!p) throw new Error(`no demo patient ${key}`);
      return p;
    },
    background(i) {
      const p = started().sandbox.store.patients().filter((x) => !x.demo)[i];
      if (!p) throw new Error(`no background patient ${i}`);
      return p;
    },
  };
}
