/**
 * The jest harness of the WeChat sandbox's tests: one merchant key set and one sandbox per test file, started before
 * the first test and closed after the last, with "no sandbox crash" asserted at the end.
 *
 *   const t = useWechatSandbox({ timeScale: 0.001 });
 *   it('…', async () => { const res = await t.pay.request('GET', `/v3/pay/transactions/out-trade-no/x?mchid=${t.sandbox.config.mchid}`); });
 */
import { generateMerchantKeys, type MerchantKeys } from './keys';
import { startWechatSandbox, type WechatSandbox, type WechatSandboxOptions } from './sandbox';
import { merchantClient, sandboxOptionsFor, wechatAdmin } from './testing';

export interface WechatSandboxUnderTest {
  readonly sandbox: WechatSandbox;
  readonly merchant: MerchantKeys;
  readonly pay: ReturnType<typeof merchantClient>;
  readonly admin: ReturnType<typeof wechatAdmin>;
}

export function useWechatSandbox(extra: Partial<WechatSandboxOptions> = {}): WechatSandboxUnderTest {
  let env: WechatSandboxUnderTest | undefined;
  const started = () => {
    if (!env) throw new Error('the sandbox starts in beforeAll: use it inside tests and hooks');
    return env;
  };
  beforeAll(async () => {
    const merchant = generateMerchantKeys();
    const sandbox = await startWechatSandbox(sandboxOptionsFor(merchant, extra));
    env = { sandbox, merchant, pay: merchantClient(sandbox, merchant), admin: wechatAdmin(sandbox.url, sandbox.config.adminToken) };
  });
  afterAll(async () => {
    const { sandbox } = started();
    await sandbox.close();
    expect(sandbox.internalErrors).toEqual([]);
  });
  return {
    get sandbox() {
      return started().sandbox;
    },
    get merchant() {
      return started().merchant;
    },
    get pay() {
      return started().pay;
    },
    get admin() {
      return started().admin;
    },
  };
}
