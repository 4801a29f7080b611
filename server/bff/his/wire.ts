/**
 * The HIS wire format of one call: the request encoded per the catalogue (JSON, form or bare array; the MD5 sign
 * where the HIS wants one), and the answer decoded, judged by the endpoint's envelope rule, turned into the read
 * form of the catalogue readings and validated against the catalogue (non-strict: a HIS may send more fields).
 */
import { endpoint } from '../../his-catalogue/catalogue';
import { codeNumber, envelopeFields, envelopeRule, isSuccessCode, readEnvelope } from '../../his-catalogue/envelope';
import { hisSign } from '../../his-catalogue/sign';
import type { HisPath, HisRequests } from '../../his-catalogue/types.generated';
import { checkBody } from '../../his-catalogue/validate';
import { hisError, type HisCallSite } from './errors';
import { expectedPayload, isPlainObject, readForm, succeedsWithoutEnvelope } from './readings';

/** Endpoints whose request carries the MD5 `sign` (server/his-catalogue/sign.ts); the adapter adds it. */
export const SIGNED_ENDPOINTS = ['/recharge', '/recipeCharge'] as const satisfies readonly HisPath[];
type SignedPath = (typeof SIGNED_ENDPOINTS)[number];

/** What a caller passes for an endpoint: its catalogue request, without the `sign` the adapter computes. */
export type HisBody<P extends HisPath> = P extends SignedPath ? Omit<HisRequests[P], 'sign'> : HisRequests[P];

const signed: ReadonlySet<string> = new Set(SIGNED_ENDPOINTS);

export interface EncodedRequest {
  contentType: string;
  payload: string;
}

export function encodeRequest(path: HisPath, body: unknown, signKey: string): EncodedRequest {
  const e = endpoint(path);
  if (e.content_type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(isPlainObject(body) ? body : {})) if (v !== undefined && v !== null) form.set(k, String(v));
    return { contentType: e.content_type, payload: form.toString() };
  }
  const fields = signed.has(path) && isPlainObject(body) ? { ...body, sign: hisSign(body, signKey) } : body;
  return { contentType: 'application/json; charset=utf-8', payload: JSON.stringify(fields) };
}

function parse(path: HisPath, text: string, site: HisCallSite): unknown {
  if (text.trim() === '') {
    if (succeedsWithoutEnvelope(path)) return {};
    throw hisError({ kind: 'not_json', text }, site);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw hisError({ kind: 'not_json', text }, site);
  }
}

/**
 * The answer of a call with an HTTP status and body text: the validated body in read form, its envelope written
 * with the catalogue's code type; or the typed error.
 */
export function readAnswer(path: HisPath, status: number, text: string, site: HisCallSite): unknown {
  if (status < 200 || status >= 300) throw hisError({ kind: 'http', status, text }, site);
  const json = parse(path, text, site);
  if (!isPlainObject(json)) throw hisError({ kind: 'no_envelope', text }, site);

  const rule = envelopeRule(endpoint(path));
  const envelope = readEnvelope(rule, json);
  let code = envelope.code;
  const msg = typeof envelope.msg === 'string' ? envelope.msg : '';
  if ((code === undefined || code === null) && succeedsWithoutEnvelope(path)) code = rule.successCode;
  if ((typeof code !== 'number' && typeof code !== 'string') || Number.isNaN(codeNumber(code))) {
    throw hisError({ kind: 'no_envelope', text }, site);
  }
  if (!isSuccessCode(rule, code)) throw hisError({ kind: 'rejected', code, msg, text }, site);

  const body = readForm(path, json);
  const problems = checkBody(expectedPayload(path), body);
  if (problems.length) throw hisError({ kind: 'catalogue', problems, text }, site);
  return { ...body, ...envelopeFields(rule, codeNumber(code), msg) };
}
