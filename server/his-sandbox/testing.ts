/**
 * A small HTTP client for the HIS (sandbox or real) and its admin API, for tests and scripts. It speaks the
 * catalogue's content types and envelope rules, so tests read like the business they check:
 *
 *   const his = hisClient(sandbox.url);
 *   const { patient } = await his.ok('/getPatient', { op_flag: 1, card_no: '5000100001', name: '张伟' });
 *   const { msg } = await his.fail('/recipeCharge', sameBodyAgain);
 */
import { endpoint } from '../his-catalogue/catalogue';
import { envelopeRule, isSuccessCode, readEnvelope } from '../his-catalogue/envelope';
import type { HisPath, HisRequests, HisResponses } from '../his-catalogue/types.generated';
import type { FaultSpec } from './faults';

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export class HisCallError extends Error {
  constructor(
    message: string,
    readonly answer: RawAnswer,
  ) {
    super(message);
  }
}

function encode(path: string, body: unknown): { contentType: string; payload: string } {
  const e = endpoint(path);
  if (e.content_type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) params.set(k, String(v));
    return { contentType: e.content_type, payload: params.toString() };
  }
  return { contentType: 'application/json; charset=utf-8', payload: JSON.stringify(body ?? {}) };
}

export interface HisClient {
  baseUrl: string;
  /** POSTs and returns whatever came back, parsed when it is JSON. */
  raw(path: string, body: unknown, options?: { timeoutMs?: number; contentType?: string; payload?: string }): Promise<RawAnswer>;
  /** POSTs and expects the endpoint's success envelope; returns the typed body. */
  ok<P extends HisPath>(path: P, body: HisRequests[P]): Promise<HisResponses[P]>;
  /** POSTs and expects the endpoint's failure envelope; returns its code and message. */
  fail(path: HisPath, body: unknown): Promise<{ code: unknown; msg: string; body: Record<string, unknown> }>;
}

export function hisClient(baseUrl: string): HisClient {
  const client: HisClient = {
    baseUrl,
    async raw(path, body, options = {}) {
      const encoded = encode(path, body);
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': options.contentType ?? encoded.contentType },
        body: options.payload ?? encoded.payload,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
    },
    async ok(path, body) {
      const answer = await client.raw(path, body);
      const rule = envelopeRule(endpoint(path));
      const { code, msg } = readEnvelope(rule, answer.json);
      if (answer.status !== 200 || !isSuccessCode(rule, code)) {
        throw new HisCallError(`${path} failed: HTTP ${answer.status}, code ${String(code)}, ${String(msg)} ${answer.text.slice(0, 300)}`, answer);
      }
      return answer.json as HisResponses[typeof path];
    },
    async fail(path, body) {
      const answer = await client.raw(path, body);
      const rule = envelopeRule(endpoint(path));
      const { code, msg } = readEnvelope(rule, answer.json);
      if (answer.status !== 200 || answer.json === undefined || isSuccessCode(rule, code)) {
        throw new HisCallError(`${path} was expected to fail: HTTP ${answer.status} ${answer.text.slice(0, 300)}`, answer);
      }
      return { code, msg: String(msg), body: answer.json as Record<string, unknown> };
    },
  };
  return client;
}

/** The sandbox's admin API (see admin.ts). `origin` is the server root, without the HIS prefix. */
export function sandboxAdmin(origin: string, token: string) {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${origin}/__sandbox${path}`, {
      method,
      headers: { 'x-sandbox-token': token, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    addFault: (spec: FaultSpec) => call('POST', '/faults', spec),
    clearFaults: () => call('DELETE', '/faults'),
    reset: () => call('POST', '/reset'),
    advanceMinutes: (minutes: number) => call('POST', '/clock', { advanceMinutes: minutes }),
    setClock: (instant: string) => call('POST', '/clock', { set: instant }),
    stats: () => call('GET', '/stats') as Promise<{ inFlight: number; peakInFlight: number; calls: Record<string, number>; failures: Record<string, number> }>,
    messages: () => call('GET', '/messages'),
    call,
  };
}
