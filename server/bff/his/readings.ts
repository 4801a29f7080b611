/**
 * The literal forms of the five catalogue readings (server/his-catalogue/readings.ts), accepted and turned into
 * the read form before an answer is validated, so that the adapter works whichever way a real HIS answers:
 *
 * | endpoint                         | literal form (the document)          | read form (what callers get)            |
 * |----------------------------------|--------------------------------------|-----------------------------------------|
 * | /getPeisReport                   | `records` one object                 | `records` array                         |
 * | /appointment/language/get        | `data` one object (or `{}`)          | `data` array                            |
 * | /fulltime/getApptTimeRangeList   | `data` objects holding a time range  | `data` strings `'08:00-09:00'`          |
 * | /getInHospitalApply              | no response documented               | `head` + `data` array (empty when none) |
 * | /inHospitalReg                   | no response documented               | `head` + `data` when the HIS sends it   |
 *
 * For the last two the document defines no answer at all, so an HTTP 200 without an envelope (even an empty
 * body) is that endpoint's success.
 */
import { endpoint, type Field } from '../../his-catalogue/catalogue';
import { payloadFields } from '../../his-catalogue/envelope';
import type { HisPath, HisResponses } from '../../his-catalogue/types.generated';

type Body = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One object → a list of it; an empty object → an empty list; anything else is left for validation to judge. */
function asList(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return Object.keys(value).length === 0 ? [] : [value];
}

const RANGE = /^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*$/;
const TIME = /^\s*\d{1,2}:\d{2}(:\d{2})?\s*$/;

/**
 * A time range from an item of the literal /fulltime/getApptTimeRangeList: the string itself, or, in an object,
 * the one value that reads as a range (`{"time_range":"08:00-09:00"}`) or a start and an end time
 * (`{"start_time":"08:00","end_time":"09:00"}`). Anything else is left as it is (and fails validation).
 */
function timeRange(item: unknown): unknown {
  if (!isPlainObject(item)) return item;
  const strings = Object.values(item).filter((v): v is string => typeof v === 'string');
  const range = strings.find((s) => RANGE.test(s));
  if (range) return range.replace(/\s/g, '');
  const times = strings.filter((s) => TIME.test(s)).map((s) => s.trim().slice(0, 5));
  return times.length === 2 ? `${times[0]}-${times[1]}` : item;
}

const toReadForm: Partial<Record<HisPath, (body: Body) => Body>> = {
  '/getPeisReport': (b) => ({ ...b, records: asList(b.records) }),
  '/appointment/language/get': (b) => ({ ...b, data: asList(b.data) }),
  '/fulltime/getApptTimeRangeList': (b) => (Array.isArray(b.data) ? { ...b, data: b.data.map(timeRange) } : b),
  '/getInHospitalApply': (b) => ({ ...b, data: b.data === undefined || b.data === null ? [] : asList(b.data) }),
};

/** The answer in its read form (a new object; the input is not changed). */
export function readForm(path: HisPath, body: Body): Body {
  return toReadForm[path]?.(body) ?? body;
}

const WITHOUT_ENVELOPE: ReadonlySet<string> = new Set<HisPath>(['/getInHospitalApply', '/inHospitalReg']);

/** Endpoints whose documented answer is empty: a 200 without an envelope is their success. */
export function succeedsWithoutEnvelope(path: HisPath): boolean {
  return WITHOUT_ENVELOPE.has(path);
}

const payloads = new Map<HisPath, readonly Field[]>();

/**
 * The response fields an answer is validated against, without the envelope: the catalogue's, except that
 * /inHospitalReg's `data` is optional (see HisResult).
 */
export function expectedPayload(path: HisPath): readonly Field[] {
  let fields = payloads.get(path);
  if (!fields) {
    fields = payloadFields(endpoint(path)).map((f) => (path === '/inHospitalReg' && f.name === 'data' ? { ...f, required: false } : f));
    payloads.set(path, fields);
  }
  return fields;
}

/**
 * The answer type a caller gets: the catalogue's response, except that /inHospitalReg's `data` may be absent
 * (a HIS that follows the document literally answers nothing).
 */
export type HisResult<P extends HisPath> = P extends '/inHospitalReg'
  ? Omit<HisResponses[P], 'data'> & { data?: HisResponses[P]['data'] }
  : HisResponses[P];
