/**
 * Test support for the adapter: a WeChat sandbox with a fresh merchant key set, and the adapter options that point
 * at it (what the BFF core will build from its config in `npm start`).
 */
import { generateMerchantKeys, type MerchantKeys } from '../../wechat-sandbox/keys';
import { startWechatSandbox, type WechatSandbox, type WechatSandboxOptions } from '../../wechat-sandbox/sandbox';
import { sandboxOptionsFor } from '../../wechat-sandbox/testing';
import type { WechatOptions } from './options';

export function adapterOptionsFor(sandbox: WechatSandbox, merchant: MerchantKeys, notifyUrl: string, extra: Partial<WechatOptions> = {}): WechatOptions {
  return {
    appid: sandbox.config.appid,
    secret: sandbox.config.secret,
    loginBaseUrl: sandbox.url,
    timeoutMs: 2_000,
    pay: {
      mchid: sandbox.config.mchid,
      merchantSerialNo: merchant.serialNo,
      merchantPrivateKeyPem: merchant.privateKeyPem,
      apiV3Key: merchant.apiV3Key,
      platformPublicKeyPem: sandbox.platformKey.publicKeyPem,
      platformPublicKeyId: sandbox.platformKey.publicKeyId,
      baseUrl: sandbox.url,
      notifyUrl,
    },
    ...extra,
  };
}

export interface AdapterUnderTest {
  readonly sandbox: WechatSandbox;
  readonly merchant: MerchantKeys;
}

/** One sandbox per test file (jest hooks), closed after the last test with "no sandbox crash" asserted. */
export function useSandboxForAdapter(extra: Partial<WechatSandboxOptions> = {}): AdapterUnderTest {
  let env: AdapterUnderTest | undefined;
  const started = () => {
    if (!env) throw new Error('the sandbox starts in beforeAll');
    return env;
  };
  beforeAll(async () => {
    const merchant = generateMerchantKeys();
    env = { merchant, sandbox: await startWechatSandbox(sandboxOptionsFor(merchant, extra)) };
  });
  afterAll(async () => {
    await started().sandbox.close();
    expect(started().sandbox.internalErrors).toEqual([]);
  });
  return {
    get sandbox() {
      return started().sandbox;
    },
    get merchant() {
      return started().merchant;
    },
  };
}
