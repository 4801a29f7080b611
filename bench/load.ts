/**
 * A small load generator over keep-alive HTTP: `concurrency` clients, each sending its next request as soon as the
 * last one answered (closed loop, to find the most a server does), or — with `ratePerSecond` — at a fixed total rate
 * spread over the clients (open loop, to measure latency under concurrency without saturating the machine).
 */
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  concurrency: number;
  durationMs: number;
  warmupMs?: number;
  /** Total requests per second across all clients; unlimited (closed loop) when absent. */
  ratePerSecond?: number;
}

function once(agent: http.Agent, spec: LoadSpec): Promise<{ ms: number; ok: boolean }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(spec.url, { method: spec.method, agent, headers: { ...(spec.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) } : {}), ...spec.headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ok: (res.statusCode ?? 500) < 400 }));
    });
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false }));
    if (spec.body) req.write(spec.body);
    req.end();
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const run = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = Date.now() + ms;
    // with a rate, each client starts one request every `interval` ms, the clients staggered across it
    const interval = spec.ratePerSecond ? (spec.concurrency * 1000) / spec.ratePerSecond : 0;
    await Promise.all(
      Array.from({ length: spec.concurrency }, async (_unused, i) => {
        let next = Date.now() + (interval * i) / spec.concurrency;
        while (Date.now() < end) {
          if (interval) {
            const wait = next - Date.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            next += interval;
            if (Date.now() >= end) break;
          }
          const r = await once(agent, spec);
          if (!record) continue;
          latencies.push(r.ms);
          if (!r.ok) errors += 1;
        }
      }),
    );
    return { latencies, errors };
  };
  await run(spec.warmupMs ?? 1000, false);
  const started = Date.now();
  const { latencies, errors } = await run(spec.durationMs, true);
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? Number.NaN };
}
