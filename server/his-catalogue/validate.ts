/**
 * Catalogue-driven validation of HIS request and response bodies.
 *
 * Used by the sandbox on every request (a missing or mistyped field gets the endpoint's failure envelope), by
 * the sandbox on its own answers (a self-check that keeps it faithful), and by the contract tests on every
 * success answer, whether from the sandbox or from a real HIS.
 */
import type { Field, FieldType } from './catalogue';

export interface Problem {
  /** Dotted path of the field, with [i] for array items: `patient.balance`, `fees[2].total`. */
  field: string;
  /** `extra`: a field the catalogue does not document (reported only in strict mode). */
  kind: 'missing' | 'type' | 'extra';
  expected: FieldType | 'string[]';
  /** What was found, for messages: `string`, `number 1.5`, `null`, `array`… */
  actual: string;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return `number ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isPlainObject(value);
    case 'object[]':
      return Array.isArray(value);
  }
}

export interface CheckOptions {
  /** Report fields the catalogue does not document: the sandbox holds itself to this; a real HIS may add fields. */
  strict?: boolean;
}

function checkValue(field: Field, value: unknown, at: string, out: Problem[], options: CheckOptions): void {
  if (!matches(field.type, value)) {
    out.push({ field: at, kind: 'type', expected: field.type, actual: describe(value) });
    return;
  }
  if (field.type === 'object') {
    checkFields(field.children ?? [], value as Record<string, unknown>, `${at}.`, out, options);
  } else if (field.type === 'object[]') {
    (value as unknown[]).forEach((item, i) => {
      const itemAt = `${at}[${i}]`;
      if (field.itemType === 'string') {
        if (typeof item !== 'string') out.push({ field: itemAt, kind: 'type', expected: 'string[]', actual: describe(item) });
      } else if (!isPlainObject(item)) {
        out.push({ field: itemAt, kind: 'type', expected: 'object', actual: describe(item) });
      } else {
        checkFields(field.children ?? [], item, `${itemAt}.`, out, options);
      }
    });
  }
}

/**
 * Checks `body` against `fields`. Absent and null are the same: a problem for a required field, fine for an
 * optional one (HIS implementations commonly send null for absent optional values). Unknown fields are ignored,
 * as a HIS ignores them.
 */
export function checkFields(
  fields: readonly Field[],
  body: Record<string, unknown>,
  prefix = '',
  out: Problem[] = [],
  options: CheckOptions = {},
): Problem[] {
  if (options.strict) {
    const known = new Set(fields.map((f) => f.name));
    for (const [name, value] of Object.entries(body)) {
      if (!known.has(name)) out.push({ field: `${prefix}${name}`, kind: 'extra', expected: 'string', actual: describe(value) });
    }
  }
  for (const field of fields) {
    const at = `${prefix}${field.name}`;
    const value = body[field.name];
    if (value === undefined || value === null) {
      if (field.required) out.push({ field: at, kind: 'missing', expected: field.type, actual: describe(value) });
      continue;
    }
    checkValue(field, value, at, out, options);
  }
  return out;
}

/**
 * Checks a request or response body against an endpoint side. A side made of one unnamed `object[]` field
 * (the bare JSON array of /getPatientList) expects the array itself.
 */
export function checkBody(fields: readonly Field[], body: unknown, options: CheckOptions = {}): Problem[] {
  const root = fields[0];
  if (fields.length === 1 && root && root.name === '' && root.type === 'object[]') {
    const out: Problem[] = [];
    checkValue({ ...root, name: '' }, body, '', out, options);
    return out.map((p) => ({ ...p, field: p.field.replace(/^\./, '') || '(body)' }));
  }
  if (!isPlainObject(body)) return [{ field: '(body)', kind: 'type', expected: 'object', actual: describe(body) }];
  return checkFields(fields, body, '', [], options);
}

const TYPE_ZH: Record<Problem['expected'], string> = {
  string: '字符串',
  integer: '整数',
  number: '数值',
  object: '对象',
  'object[]': '数组',
  'string[]': '字符串数组',
};

/** The Chinese message a HIS would give for the first problem of a request. */
export function problemMessageZh(p: Problem): string {
  if (p.field === '(body)') return `请求报文格式错误：应为${TYPE_ZH[p.expected]}`;
  if (p.kind === 'extra') return `未知参数：${p.field}`;
  return p.kind === 'missing' ? `缺少必填参数：${p.field}` : `参数类型错误：${p.field}应为${TYPE_ZH[p.expected]}`;
}

export function formatProblems(problems: readonly Problem[]): string {
  const text = (p: Problem) => (p.kind === 'missing' ? 'missing' : p.kind === 'extra' ? `not in the catalogue (${p.actual})` : `expected ${p.expected}, got ${p.actual}`);
  return problems.map((p) => `${p.field}: ${text(p)}`).join('; ');
}
