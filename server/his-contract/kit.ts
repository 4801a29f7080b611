/**
 * The contract kit: calls HIS endpoints like the palm hospital does and holds every success answer to the
 * project's catalogue (envelope, success rule, every required field present with its documented type), and every
 * endpoint to its failure envelope for a missing required field.
 *
 * It runs against the embedded HIS sandbox by default, or against any HIS given by HIS_BASE_URL (see README,
 * "Contract tests against a real HIS").
 */
import { catalogue, endpoint, takesArrayBody, type Endpoint } from '../his-catalogue/catalogue';
import { envelopeRule, isSuccessCode, readEnvelope } from '../his-catalogue/envelope';
import type { HisPath, HisRequests, HisResponses } from '../his-catalogue/types.generated';
import { checkBody, formatProblems } from '../his-catalogue/validate';
import { hisClient, type HisClient, type RawAnswer } from '../his-sandbox/testing';

export interface Coverage {
  /** Paths whose success answer was validated field by field. */
  validated: Set<string>;
  /** A valid request body per path, to derive the missing-field checks from. */
  bodies: Map<string, unknown>;
  /** Fields the HIS sent that the catalogue does not document (allowed, reported). */
  extras: Map<string, string[]>;
}

export class ContractError extends Error {}

function describeAnswer(a: RawAnswer): string {
  return `HTTP ${a.status} ${a.text.slice(0, 400)}`;
}

export class Contract {
  readonly his: HisClient;
  readonly coverage: Coverage = { validated: new Set(), bodies: new Map(), extras: new Map() };

  constructor(readonly baseUrl: string) {
    this.his = hisClient(baseUrl);
  }

  /** Calls an endpoint that must succeed; validates the answer against the catalogue and returns it typed. */
  async ok<P extends HisPath>(path: P, body: HisRequests[P]): Promise<HisResponses[P]> {
    const e = endpoint(path);
    const answer = await this.his.raw(path, body);
    const rule = envelopeRule(e);
    if (answer.status !== 200 || answer.json === undefined) throw new ContractError(`${path}: not a JSON answer: ${describeAnswer(answer)}`);
    const { code, msg } = readEnvelope(rule, answer.json);
    if (!isSuccessCode(rule, code)) throw new ContractError(`${path}: failed with code ${JSON.stringify(code)} (${String(msg)}) for ${JSON.stringify(body)}`);
    const problems = checkBody(e.response, answer.json);
    if (problems.length) throw new ContractError(`${path}: answer breaks the catalogue: ${formatProblems(problems)}`);
    const extras = checkBody(e.response, answer.json, { strict: true }).filter((p) => p.kind === 'extra').map((p) => p.field);
    if (extras.length) this.coverage.extras.set(path, extras);
    this.coverage.validated.add(path);
    if (!this.coverage.bodies.has(path)) this.coverage.bodies.set(path, body);
    return answer.json as HisResponses[P];
  }

  /** Calls an endpoint that must fail with its own failure envelope (HTTP 200, the documented code type). */
  async fails(path: string, body: unknown): Promise<{ code: unknown; msg: string }> {
    const e = endpoint(path);
    const answer = await this.his.raw(path, body);
    return checkFailure(e, answer);
  }
}

export function checkFailure(e: Endpoint, answer: RawAnswer): { code: unknown; msg: string } {
  const rule = envelopeRule(e);
  if (answer.status !== 200 || answer.json === undefined) throw new ContractError(`${e.path}: failure is not a JSON answer: ${describeAnswer(answer)}`);
  const { code, msg } = readEnvelope(rule, answer.json);
  const expectedType = rule.codeType === 'string' ? 'string' : 'number';
  if (typeof code !== expectedType) throw new ContractError(`${e.path}: failure code ${JSON.stringify(code)} is not a ${expectedType}`);
  if (isSuccessCode(rule, code)) throw new ContractError(`${e.path}: answered success where it must fail: ${describeAnswer(answer)}`);
  if (typeof msg !== 'string' || msg.trim() === '') throw new ContractError(`${e.path}: failure without a message: ${describeAnswer(answer)}`);
  return { code, msg };
}

/** The first required request field of an endpoint (of the array items for /getPatientList), if any. */
export function firstRequiredField(e: Endpoint): string | undefined {
  const fields = takesArrayBody(e) ? (e.request[0]?.children ?? []) : e.request;
  return fields.find((f) => f.required)?.name;
}

/** A valid body with its first required field removed. */
export function withoutField(e: Endpoint, body: unknown, field: string): unknown {
  if (takesArrayBody(e) && Array.isArray(body)) {
    return body.map((item: Record<string, unknown>) => {
      const { [field]: _removed, ...rest } = item;
      return rest;
    });
  }
  const { [field]: _removed, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** Endpoints without any required request field: a missing field cannot be tested there. */
export const WITHOUT_REQUIRED_FIELDS = catalogue.filter((e) => firstRequiredField(e) === undefined).map((e) => e.path);
