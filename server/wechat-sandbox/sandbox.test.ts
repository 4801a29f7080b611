import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { ensureSandboxKeys, generateMerchantKeys, KEY_FILES } from './keys';
import { createWechatSandbox, startWechatSandbox } from './sandbox';
import { sandboxOptionsFor } from './testing';

describe('keys', () => {
  it('generates a merchant key set: RSA 2048 PEM pair, a 40-hex serial, a 32-character APIv3 key', () => {
    const m = generateMerchantKeys();
    expect(createPrivateKey(m.privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPublicKey(m.privateKeyPem).export({ type: 'spki', format: 'pem' })).toBe(m.publicKeyPem);
    expect(m.serialNo).toMatch(/^[0-9A-F]{40}$/);
    expect(m.apiV3Key).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(generateMerchantKeys().serialNo).not.toBe(m.serialNo);
  });

  it('keeps both sides’ keys in a folder: written once (private files 0600), read back unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wechat-keys-'));
    try {
      const first = ensureSandboxKeys(join(dir, 'keys'));
      const again = ensureSandboxKeys(join(dir, 'keys'));
      expect(again).toEqual(first);
      expect(first.platform.publicKeyId).toMatch(/^PUB_KEY_ID_\d{32}$/);
      for (const secret of [KEY_FILES.merchantPrivateKey, KEY_FILES.merchant, KEY_FILES.platformPrivateKey]) {
        expect((statSync(join(dir, 'keys', secret)).mode & 0o777).toString(8)).toBe('600');
      }
      expect(readFileSync(join(dir, 'keys', KEY_FILES.platformPublicKey), 'utf8')).toBe(first.platform.publicKeyPem);
      expect(JSON.parse(readFileSync(join(dir, 'keys', KEY_FILES.merchant), 'utf8'))).toEqual({ serialNo: first.merchant.serialNo, apiV3Key: first.merchant.apiV3Key });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  const merchant = generateMerchantKeys();

  it('must be told the merchant public key and a 32-byte APIv3 key', () => {
    expect(() => createWechatSandbox({ merchantPublicKeys: [], apiV3Key: merchant.apiV3Key })).toThrow(/at least one merchant public key/);
    expect(() => createWechatSandbox(sandboxOptionsFor(merchant, { apiV3Key: 'short' }))).toThrow(/32 bytes/);
    expect(() => createWechatSandbox(sandboxOptionsFor(merchant, { appid: 'not-an-appid' }))).toThrow(/appid/);
    expect(() => createWechatSandbox(sandboxOptionsFor(merchant, { timeScale: 0 }))).toThrow(/timeScale/);
  });

  it('uses the platform key it is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wechat-keys-'));
    try {
      const keys = ensureSandboxKeys(dir);
      const sandbox = createWechatSandbox(sandboxOptionsFor(merchant, { platformKey: keys.platform }));
      expect(sandbox.platformKey).toEqual({ publicKeyId: keys.platform.publicKeyId, publicKeyPem: keys.platform.publicKeyPem });
      await sandbox.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lifecycle', () => {
  it('closes at once even with a held connection and pending notification retries', async () => {
    const merchant = generateMerchantKeys();
    const sandbox = await startWechatSandbox(sandboxOptionsFor(merchant));
    sandbox.faults.api.add({ api: 'token', mode: 'timeout' });
    const held = fetch(`${sandbox.url}/cgi-bin/token`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    sandbox.notifier.notify({ event: 'transaction', eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', outTradeNo: 'X1', notifyUrl: 'http://127.0.0.1:9/nowhere', resource: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await held).toBe('cut');
    expect(sandbox.internalErrors).toEqual([]);
  });
});
