/**
 * The three envelope conventions of the HIS and each endpoint's success rule.
 *
 * - `head`:   `{ head: { code, msg }, ...payload }`, success when code > 0 — except /getDoctorAndNurse
 *             (0 = success, 1 = failure) and /registerGetPrice (string "1" = success, anything else failure).
 * - `result`: `{ ResultCode, ResultMsg, ...payload }` (预约挂号), 0 = success, -1 = failure.
 * - `flat`:   `{ code, msg, ...payload }`: /card/update (1 = success, 0 = failure) and the 核酸检测预约 group
 *             (0 = success, -1 = failure; /appointment/result/get and /appointment/cancel fail with 1).
 *
 * The code's JSON type (integer, number or string) is each endpoint's own, taken from the catalogue.
 */
import type { Endpoint, Field } from './catalogue';

export type EnvelopeKind = 'head' | 'result' | 'flat';
export type CodeType = 'integer' | 'number' | 'string';

export interface EnvelopeRule {
  kind: EnvelopeKind;
  codeType: CodeType;
  /** `positive`: every code > 0 is success; otherwise exactly this value is. */
  success: 'positive' | { equals: number };
  /** The code a HIS sends on success and on failure (as a number; sent as a string where codeType is string). */
  successCode: number;
  failureCode: number;
}

const SPECIAL: Record<string, Pick<EnvelopeRule, 'success' | 'successCode' | 'failureCode'>> = {
  '/getDoctorAndNurse': { success: { equals: 0 }, successCode: 0, failureCode: 1 },
  '/registerGetPrice': { success: { equals: 1 }, successCode: 1, failureCode: 0 },
  '/card/update': { success: { equals: 1 }, successCode: 1, failureCode: 0 },
  '/appointment/result/get': { success: { equals: 0 }, successCode: 0, failureCode: 1 },
  '/appointment/cancel': { success: { equals: 0 }, successCode: 0, failureCode: 1 },
};

const DEFAULTS: Record<EnvelopeKind, Pick<EnvelopeRule, 'success' | 'successCode' | 'failureCode'>> = {
  head: { success: 'positive', successCode: 1, failureCode: -1 },
  result: { success: { equals: 0 }, successCode: 0, failureCode: -1 },
  flat: { success: { equals: 0 }, successCode: 0, failureCode: -1 },
};

export const ENVELOPE_FIELDS: Record<EnvelopeKind, readonly string[]> = {
  head: ['head'],
  result: ['ResultCode', 'ResultMsg'],
  flat: ['code', 'msg'],
};

function codeField(e: Endpoint): { kind: EnvelopeKind; field: Field | undefined } {
  const top = (name: string) => e.response.find((f) => f.name === name);
  const head = top('head');
  if (head) return { kind: 'head', field: head.children?.find((c) => c.name === 'code') };
  if (top('ResultCode')) return { kind: 'result', field: top('ResultCode') };
  if (top('code') && top('msg')) return { kind: 'flat', field: top('code') };
  throw new Error(`${e.path}: no envelope in the catalogue response`);
}

const rules = new WeakMap<Endpoint, EnvelopeRule>();

export function envelopeRule(e: Endpoint): EnvelopeRule {
  const cached = rules.get(e);
  if (cached) return cached;
  const { kind, field } = codeField(e);
  if (!field || (field.type !== 'integer' && field.type !== 'number' && field.type !== 'string')) {
    throw new Error(`${e.path}: envelope code has no scalar type`);
  }
  const rule: EnvelopeRule = { kind, codeType: field.type, ...(SPECIAL[e.path] ?? DEFAULTS[kind]) };
  rules.set(e, rule);
  return rule;
}

/** The code as a number, whether the HIS sent it as a number or as a numeric string; NaN otherwise. */
export function codeNumber(code: unknown): number {
  if (typeof code === 'number') return code;
  if (typeof code === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(code)) return Number(code);
  return Number.NaN;
}

export function isSuccessCode(rule: EnvelopeRule, code: unknown): boolean {
  const n = codeNumber(code);
  return rule.success === 'positive' ? n > 0 : n === rule.success.equals;
}

function typedCode(rule: EnvelopeRule, code: number): number | string {
  return rule.codeType === 'string' ? String(code) : code;
}

/** The envelope fields of an answer: `{ head: { code, msg } }`, `{ ResultCode, ResultMsg }` or `{ code, msg }`. */
export function envelopeFields(rule: EnvelopeRule, code: number, msg: string): Record<string, unknown> {
  const c = typedCode(rule, code);
  switch (rule.kind) {
    case 'head':
      return { head: { code: c, msg } };
    case 'result':
      return { ResultCode: c, ResultMsg: msg };
    case 'flat':
      return { code: c, msg };
  }
}

/** Reads code and message out of any answer of this endpoint; undefined parts when the envelope is absent. */
export function readEnvelope(rule: EnvelopeRule, body: unknown): { code: unknown; msg: unknown } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  switch (rule.kind) {
    case 'head': {
      const head = (typeof b.head === 'object' && b.head !== null ? b.head : {}) as Record<string, unknown>;
      return { code: head.code, msg: head.msg };
    }
    case 'result':
      return { code: b.ResultCode, msg: b.ResultMsg };
    case 'flat':
      return { code: b.code, msg: b.msg };
  }
}

/** The response fields other than the envelope: what a handler produces. */
export function payloadFields(e: Endpoint): Field[] {
  const env = ENVELOPE_FIELDS[envelopeRule(e).kind];
  return e.response.filter((f) => !env.includes(f.name));
}
