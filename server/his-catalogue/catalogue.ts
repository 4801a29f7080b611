/**
 * The project's machine-readable copy of the HIS interface catalogue.
 *
 * `endpoints.json` is the field-by-field extraction of the hospital's interface document (kept byte-for-byte
 * as extracted, so that it can be diffed against a newer extraction). `readings.ts` lists the few places where
 * the document contradicts itself and the project had to choose a reading; `catalogue` below is the extraction
 * with those readings applied, and it is what the sandbox validates against, what the contract tests check and
 * what the generated TypeScript types describe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyReadings } from './readings';

export type FieldType = 'string' | 'integer' | 'number' | 'object' | 'object[]';

export interface Field {
  name: string;
  type: FieldType;
  required: boolean;
  desc_zh: string;
  desc_en: string;
  example?: string;
  children?: Field[];
  /** Only for `object[]` fields whose items are in fact scalars (a reading, see readings.ts). */
  itemType?: 'string';
}

export interface Endpoint {
  path: string;
  method: 'POST';
  content_type: 'application/json' | 'application/x-www-form-urlencoded';
  group_zh: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  request: Field[];
  response: Field[];
  notes: string[];
}

const FIELD_TYPES: readonly string[] = ['string', 'integer', 'number', 'object', 'object[]'];

function checkField(where: string, value: unknown): Field {
  const f = value as Partial<Field> | null;
  if (!f || typeof f.name !== 'string' || typeof f.type !== 'string' || !FIELD_TYPES.includes(f.type)) {
    throw new Error(`catalogue: bad field at ${where}: ${JSON.stringify(value)}`);
  }
  if (typeof f.required !== 'boolean') throw new Error(`catalogue: field ${where}.${f.name} has no required flag`);
  return {
    ...(f as Field),
    ...(f.children ? { children: f.children.map((c, i) => checkField(`${where}.${f.name}[${i}]`, c)) } : {}),
  };
}

function checkEndpoint(value: unknown, index: number): Endpoint {
  const e = value as Partial<Endpoint> | null;
  if (!e || typeof e.path !== 'string' || !e.path.startsWith('/')) throw new Error(`catalogue: endpoint #${index} has no path`);
  if (e.method !== 'POST') throw new Error(`catalogue: ${e.path} is not POST`);
  if (e.content_type !== 'application/json' && e.content_type !== 'application/x-www-form-urlencoded') {
    throw new Error(`catalogue: ${e.path} has content type ${String(e.content_type)}`);
  }
  return {
    ...(e as Endpoint),
    request: (e.request ?? []).map((f, i) => checkField(`${e.path}.request[${i}]`, f)),
    response: (e.response ?? []).map((f, i) => checkField(`${e.path}.response[${i}]`, f)),
    notes: e.notes ?? [],
  };
}

/** The endpoints exactly as extracted from the interface document (no readings applied). */
export const extractedCatalogue: readonly Endpoint[] = (
  JSON.parse(readFileSync(join(__dirname, 'endpoints.json'), 'utf8')) as unknown[]
).map(checkEndpoint);

/** The catalogue the project works with: the extraction with the readings of readings.ts applied. */
export const catalogue: readonly Endpoint[] = applyReadings(extractedCatalogue);

const byPath = new Map(catalogue.map((e) => [e.path, e]));

export function endpoint(path: string): Endpoint {
  const e = byPath.get(path);
  if (!e) throw new Error(`catalogue: no endpoint ${path}`);
  return e;
}

export function hasEndpoint(path: string): boolean {
  return byPath.has(path);
}

/** True for the one endpoint whose request body is a bare JSON array (`/getPatientList`). */
export function takesArrayBody(e: Endpoint): boolean {
  return e.request.length === 1 && e.request[0]?.name === '' && e.request[0].type === 'object[]';
}
