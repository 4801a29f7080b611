/**
 * The HIS sandbox: an HTTP server that answers every endpoint of the catalogue the way the hospital's HIS
 * does — its paths, content types, field names and types, its three envelope conventions — on a seeded,
 * stateful hospital, with faults that can be injected per endpoint.
 *
 *   const his = await startHisSandbox({ seed: 7 });   // listens on 127.0.0.1, ephemeral port
 *   await fetch(`${his.url}/getPatient`, …);
 *   await his.close();
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { catalogue, takesArrayBody, type Endpoint } from '../his-catalogue/catalogue';
import { envelopeFields, envelopeRule, type EnvelopeRule } from '../his-catalogue/envelope';
import { checkBody, formatProblems, problemMessageZh, type Problem } from '../his-catalogue/validate';
import type { HisPath } from '../his-catalogue/types.generated';
import { registerAdmin } from './admin';
import { Clock } from './clock';
import { sandboxConfig, type SandboxConfig } from './config';
import { handlers, runTicks } from './domains/index';
import { pdfSources } from './domains/pdfs';
import { Faults, type Fault } from './faults';
import { renderPdf } from './files';
import { HisFail, type Handler, type HandlerContext } from './runtime';
import { seedCore } from './state/seed-core';
import { Store } from './state/store';
import { sliceSeeders } from './domains/index';

export class Stats {
  inFlight = 0;
  peakInFlight = 0;
  calls: Record<string, number> = {};
  failures: Record<string, number> = {};

  enter(path: string): void {
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    this.calls[path] = (this.calls[path] ?? 0) + 1;
  }

  leave(path: string, failed: boolean): void {
    this.inFlight -= 1;
    if (failed) this.failures[path] = (this.failures[path] ?? 0) + 1;
  }

  reset(): void {
    this.peakInFlight = this.inFlight;
    this.calls = {};
    this.failures = {};
  }

  toJSON(): Record<string, unknown> {
    return { inFlight: this.inFlight, peakInFlight: this.peakInFlight, calls: this.calls, failures: this.failures };
  }
}

export interface SelfCheck {
  /** Answers that broke the catalogue (a sandbox bug): should stay empty. */
  violations: Array<{ path: string; problems: string }>;
  /** Handler crashes, answered with a failure envelope (a sandbox bug): should stay empty. */
  internalErrors: Array<{ path: string; error: string }>;
}

export interface HisSandbox {
  readonly app: FastifyInstance;
  readonly config: SandboxConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly faults: Faults;
  readonly stats: Stats;
  readonly selfCheck: SelfCheck;
  /** Base URL of the HIS endpoints (including the prefix), once listening. */
  readonly url: string;
  /** Base URL of the server (admin API under /__sandbox), once listening. */
  readonly origin: string;
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Restores the seeded state (anchored to the clock's today), the start-up faults, the clock and the stats. */
  reset(): void;
  close(): Promise<void>;
}

const SUCCESS_MSG: Record<EnvelopeRule['kind'], string> = { head: '成功', result: '成功', flat: '交互成功' };

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
    return out;
  }
  return value;
}

function contentTypeOf(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Parses the raw body by the endpoint's content type; a problem message when it cannot. */
function parseBody(e: Endpoint, request: FastifyRequest): { body: unknown } | { error: string } {
  const raw = typeof request.body === 'string' ? request.body : '';
  const type = contentTypeOf(request);
  if (raw.trim() === '') return { body: takesArrayBody(e) ? [] : {} };
  if (type !== e.content_type) return { error: `Content-Type应为${e.content_type}` };
  if (e.content_type === 'application/x-www-form-urlencoded') return { body: Object.fromEntries(new URLSearchParams(raw)) };
  try {
    return { body: JSON.parse(raw) as unknown };
  } catch {
    return { error: '请求报文不是合法的JSON' };
  }
}

export function createHisSandbox(overrides: Partial<SandboxConfig> = {}): HisSandbox {
  const config = sandboxConfig(overrides);
  const clock = new Clock(config.timeZone);
  const store = new Store(config, clock, seedCore, sliceSeeders);
  if (config.snapshotFile && existsSync(config.snapshotFile)) store.load(readFileSync(config.snapshotFile, 'utf8'));
  const faults = new Faults();
  const startFaults = () => config.faults.forEach((f) => faults.add(f));
  startFaults();
  const stats = new Stats();
  const selfCheck: SelfCheck = { violations: [], internalErrors: [] };

  const app = Fastify({
    logger: config.logRequests ? { level: 'info' } : false,
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  let origin = '';
  const publicBase = (request: FastifyRequest) =>
    `${config.publicUrl ?? `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`}${config.prefix}`;

  function answerFailure(reply: FastifyReply, rule: EnvelopeRule, code: number, msg: string) {
    return reply.code(200).type('application/json; charset=utf-8').send(envelopeFields(rule, code, msg));
  }

  function hold(reply: FastifyReply): void {
    // No answer: the connection stays open until the client gives up or the sandbox closes.
    reply.hijack();
  }

  for (const e of catalogue) {
    const rule = envelopeRule(e);
    const path = e.path as HisPath;
    const handler = handlers[path] as Handler<HisPath> | undefined;
    app.post(`${config.prefix}${e.path}`, async (request, reply) => {
      stats.enter(e.path);
      let failed = true;
      try {
        const fault: Fault | undefined = faults.take(e.path);
        if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
        switch (fault?.mode) {
          case 'timeout':
            return hold(reply);
          case 'http500':
            return reply.code(500).type('text/html; charset=utf-8').send('<html><head><title>500 Internal Server Error</title></head><body><h1>HTTP Status 500 – Internal Server Error</h1></body></html>');
          case 'malformed':
            return reply.code(200).type('application/json; charset=utf-8').send(`{"head":{"code":1,"msg":"成功"},"data":[{"id":"${store.opaqueId()}","name":`);
          case 'fail':
            return answerFailure(reply, rule, fault.code ?? rule.failureCode, fault.msg ?? '系统繁忙，请稍后再试');
          default:
            break;
        }

        const parsed = parseBody(e, request);
        if ('error' in parsed) return answerFailure(reply, rule, rule.failureCode, parsed.error);
        const problems: Problem[] = checkBody(e.request, parsed.body);
        const first = problems[0];
        if (first) return answerFailure(reply, rule, rule.failureCode, problemMessageZh(first));
        if (!handler) return answerFailure(reply, rule, rule.failureCode, '沙箱尚未实现该接口');

        const now = clock.now();
        runTicks(store, now, (err) => {
          selfCheck.internalErrors.push({ path: `${e.path} (tick)`, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
        });
        let msg = SUCCESS_MSG[rule.kind];
        const ctx: HandlerContext = {
          store,
          clock,
          now,
          today: now.format('YYYY-MM-DD'),
          config,
          baseUrl: publicBase(request),
          setMessage: (m) => {
            msg = m;
          },
        };
        let payload: object;
        try {
          payload = handler(stripNulls(parsed.body) as never, ctx);
        } catch (err) {
          if (err instanceof HisFail) return answerFailure(reply, rule, err.code ?? rule.failureCode, err.message);
          const text = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
          selfCheck.internalErrors.push({ path: e.path, error: text });
          request.log.error({ err }, `handler of ${e.path} crashed`);
          return answerFailure(reply, rule, rule.failureCode, '系统异常，请稍后重试');
        }

        if (fault?.mode === 'applyThenFail') return answerFailure(reply, rule, fault.code ?? rule.failureCode, fault.msg ?? '系统繁忙，请稍后再试');
        if (fault?.mode === 'applyThenTimeout') return hold(reply);

        const answer = { ...envelopeFields(rule, rule.successCode, msg), ...payload };
        const violations = checkBody(e.response, answer, { strict: true });
        if (violations.length) {
          selfCheck.violations.push({ path: e.path, problems: formatProblems(violations) });
          request.log.error(`answer of ${e.path} breaks the catalogue: ${formatProblems(violations)}`);
        }
        failed = false;
        return reply.code(200).type('application/json; charset=utf-8').send(answer);
      } finally {
        stats.leave(e.path, failed);
      }
    });
  }

  app.get(`${config.prefix}/files/:kind/:file`, async (request, reply) => {
    const { kind, file } = request.params as { kind: string; file: string };
    const source = pdfSources[kind];
    const id = decodeURIComponent(file.replace(/\.pdf$/, ''));
    const doc = source?.(store, id);
    if (!doc) return reply.code(404).type('text/plain; charset=utf-8').send('文件不存在');
    const bytes = await renderPdf(doc);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${kind}-${id}.pdf"`).send(Buffer.from(bytes));
  });

  // Anything else the framework rejects on a HIS path still gets an HTTP 200 failure envelope, as a HIS would.
  app.setErrorHandler((error, request, reply) => {
    const e = catalogue.find((x) => `${config.prefix}${x.path}` === request.url.split('?')[0]);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) {
      selfCheck.internalErrors.push({ path: request.url, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
      request.log.error({ err: error }, `sandbox error on ${request.url}`);
    }
    if (!e) {
      return reply.code(status).send({ error: status < 500 && error instanceof Error ? error.message : 'internal error' });
    }
    return answerFailure(reply, envelopeRule(e), envelopeRule(e).failureCode, '请求报文错误');
  });

  const sandbox: HisSandbox = {
    app,
    config,
    store,
    clock,
    faults,
    stats,
    selfCheck,
    get url() {
      return `${origin}${config.prefix}`;
    },
    get origin() {
      return origin;
    },
    async listen(options = {}) {
      const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
      origin = address.replace('://[::1]', '://localhost');
      return `${origin}${config.prefix}`;
    },
    reset() {
      clock.reset();
      faults.clear();
      startFaults();
      store.reseed();
      stats.reset();
    },
    async close() {
      await app.close();
      if (config.snapshotFile) writeFileSync(config.snapshotFile, store.snapshot());
    },
  };
  registerAdmin(app, sandbox);
  return sandbox;
}

export async function startHisSandbox(overrides: Partial<SandboxConfig> = {}, listen: { port?: number; host?: string } = {}): Promise<HisSandbox> {
  const sandbox = createHisSandbox(overrides);
  await sandbox.listen(listen);
  return sandbox;
}
