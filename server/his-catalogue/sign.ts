/**
 * The MD5 `sign` of /recharge and /recipeCharge, shared by the BFF (which signs) and the HIS sandbox (which
 * verifies).
 *
 * The document says only "支付签名MD5加密". The project uses the convention that Chinese payment interfaces
 * share (WeChat Pay API v2, Alipay MD5): every request field except `sign` itself and empty values (absent,
 * null or ""), sorted by name in ASCII order, written as `name=value` and joined with `&`; then `&key=SECRET`
 * is appended, the UTF-8 bytes are hashed with MD5 and the hex digest is upper-cased. Numbers are written as
 * JavaScript prints them (`12.5`, not `12.50`), and arrays / objects (the `orders` of /recipeCharge) as
 * compact JSON, so that both sides derive the same string from the same JSON body.
 */
import MD5 from 'crypto-js/md5';

function written(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The string that is hashed, without the key: exposed for tests and for integrators debugging a mismatch. */
export function hisSignBase(params: object): string {
  return Object.entries(params)
    .filter(([k, v]) => k !== 'sign' && v !== undefined && v !== null && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${written(v)}`)
    .join('&');
}

export function hisSign(params: object, key: string): string {
  return MD5(`${hisSignBase(params)}&key=${key}`).toString().toUpperCase();
}

export function verifyHisSign(params: object, key: string): boolean {
  const given = 'sign' in params ? params.sign : undefined;
  return typeof given === 'string' && given.toUpperCase() === hisSign(params, key);
}
