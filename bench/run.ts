/**
 * `npm run bench`: the budgets of DESIGN.md §6 that can be measured today, side by side in one run (these
 * machines are noisy: compare within a run, not across runs).
 *   1. the bundle report: weapp main package and subpackages, H5 first-load JS (builds first unless --no-build);
 *   2. the BFF's added latency over a direct HIS call (p50 / p99 at 200 concurrent), every BFF request making one
 *      HIS call;
 *   3. the throughput of a cached reference read through the BFF, beside the direct HIS call;
 *   4. the order machine (issue #5, bench/orders.ts; no budget in DESIGN.md yet, so figures only): top-up order
 *      creation (orders/s, p50/p99/max, errors) and payment notification handling (notifications answered/s with
 *      the BFF's answer time per delivery, orders fulfilled/s with pay → fulfilled per order), then the money read
 *      back from the BFF and both sandboxes — every order paid and fulfilled, HIS balance grown by exactly the
 *      orders' sum, each top-up applied once, no refund. BENCH_ORDERS (1500), BENCH_ORDER_USERS (200) and
 *      BENCH_ORDER_CONCURRENCY (50) size it.
 * Exit 1 when a bundle is over budget, a request failed, or a money check is off (latency budgets: printed only).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleReport, kb } from './bundle';
import { load, type LoadResult } from './load';
import { ordersBench } from './orders';
import type { OrdersRoleUrls } from './servers';
import { taroBuild } from '../scripts/system';

const root = join(__dirname, '..');
const CONCURRENCY = 200;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
/** Total request rate of the latency runs: well below what this machine serves, so that latency is not queueing. */
const RATE = Number(process.env.BENCH_RATE ?? 400);
/** Service time of the HIS sandbox in the latency runs (a fault of type latency). */
const HIS_LATENCY_MS = 20;
/** The order bench: timed orders, users placing them (one card each), concurrent requests; 2 × concurrency untimed first. */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1500);
const ORDER_USERS = Number(process.env.BENCH_ORDER_USERS ?? 200);
const ORDER_CONCURRENCY = Number(process.env.BENCH_ORDER_CONCURRENCY ?? 50);

function line(label: string, value: string, verdict = ''): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value.padStart(14)}  ${verdict}\n`);
}

function check(value: number, budget: number): string {
  return value <= budget ? `ok (≤ ${budget})` : `OVER BUDGET (> ${budget})`;
}

async function bundles(build: boolean): Promise<boolean> {
  if (build) {
    process.stdout.write('building the mini-program (weapp, h5)…\n');
    await Promise.all([taroBuild(root, 'weapp', {}), taroBuild(root, 'h5', {})]);
  }
  const report = bundleReport(root);
  process.stdout.write('\nBundles\n');
  let ok = true;
  for (const p of report.weapp) {
    ok &&= p.bytes <= p.budget;
    line(p.name === 'main' ? 'weapp main package' : `weapp subpackage ${p.name}`, kb(p.bytes), p.bytes <= p.budget ? `ok (≤ ${kb(p.budget)})` : `OVER BUDGET (> ${kb(p.budget)})`);
  }
  if (report.h5FirstLoad) {
    const h = report.h5FirstLoad;
    ok &&= h.gzipBytes <= h.budget;
    line(`H5 first load JS, gzip (${h.files.length} files)`, kb(h.gzipBytes), h.gzipBytes <= h.budget ? `ok (≤ ${kb(h.budget)})` : `OVER BUDGET (> ${kb(h.budget)})`);
  }
  return ok;
}

/** Starts one role of bench/servers.ts in its own process; resolves with the URLs it prints. */
async function startRole<T>(args: string[]): Promise<{ urls: T; stop(): Promise<void> }> {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(__dirname, 'servers.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench servers (${args.join(' ')}) exited (${String(code)})`)));
  });
  return {
    urls: JSON.parse(first) as T,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startServers(): Promise<{ urls: { his: string; bffCached: string; bffUncached: string }; stop(): Promise<void> }> {
  const his = await startRole<{ his: string }>(['his', String(HIS_LATENCY_MS)]);
  const bff = await startRole<{ bffCached: string; bffUncached: string }>(['bff', his.urls.his]).catch(async (err: unknown) => {
    await his.stop();
    throw err;
  });
  return {
    urls: { ...his.urls, ...bff.urls },
    stop: async () => {
      await bff.stop();
      await his.stop();
    },
  };
}

function fmt(r: LoadResult): string {
  return `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ${Math.round(r.perSecond)} req/s${r.errors ? `  ${r.errors} errors` : ''}`;
}

async function latency(): Promise<boolean> {
  const { urls, stop } = await startServers();
  try {
    const paced = { concurrency: CONCURRENCY, durationMs: DURATION_MS, ratePerSecond: RATE };
    const direct = await load({ ...paced, url: `${urls.his}/getHospital`, method: 'POST', body: '{}' });
    const viaBff = await load({ ...paced, url: `${urls.bffUncached}/api/v1/hospital/campuses`, method: 'GET' });
    const directMax = await load({ concurrency: CONCURRENCY, durationMs: DURATION_MS, url: `${urls.his}/getHospital`, method: 'POST', body: '{}' });
    const cached = await load({ concurrency: CONCURRENCY, durationMs: DURATION_MS, url: `${urls.bffCached}/api/v1/hospital/campuses`, method: 'GET' });
    const overheadP50 = viaBff.p50 - direct.p50;
    const overheadP99 = viaBff.p99 - direct.p99;
    process.stdout.write(`\n${CONCURRENCY} concurrent connections, ${RATE} req/s in all, ${DURATION_MS / 1000} s each (load and servers in separate processes; HIS answers after ${HIS_LATENCY_MS} ms, like a real one)\n`);
    line('HIS sandbox, direct POST /getHospital', '', fmt(direct));
    line('BFF → HIS, GET /hospital/campuses (no cache)', '', fmt(viaBff));
    line('BFF added latency p50', `${overheadP50.toFixed(2)} ms`, check(overheadP50, 1));
    line('BFF added latency p99', `${overheadP99.toFixed(2)} ms`, check(overheadP99, 5));
    process.stdout.write(`\nThroughput, ${CONCURRENCY} concurrent connections as fast as they go\n`);
    line('HIS sandbox, direct POST /getHospital', `${Math.round(directMax.perSecond)} req/s`, fmt(directMax));
    line('BFF cached read, GET /hospital/campuses', `${Math.round(cached.perSecond)} req/s`, `${cached.perSecond >= 5000 ? 'ok (≥ 5000)' : 'BELOW BUDGET (< 5000)'}  ${fmt(cached)}`);
    return direct.errors + viaBff.errors + directMax.errors + cached.errors === 0;
  } finally {
    await stop();
  }
}

async function orders(): Promise<boolean> {
  const role = await startRole<OrdersRoleUrls>(['orders']);
  try {
    return await ordersBench(role.urls, { users: ORDER_USERS, orders: ORDERS, warmup: 2 * ORDER_CONCURRENCY, concurrency: ORDER_CONCURRENCY }, line);
  } finally {
    await role.stop();
  }
}

async function main(): Promise<void> {
  const noBuild = process.argv.includes('--no-build');
  const bundlesOk = await bundles(!noBuild);
  const latencyOk = await latency();
  const ordersOk = await orders();
  process.stdout.write(
    `\n${bundlesOk ? 'bundles within budget' : 'a bundle is over budget'}; ${latencyOk ? 'no request failed' : 'some requests failed'}; ${ordersOk ? 'orders: no error, money checks ok' : 'orders: ERRORS or money checks off'}.\n`,
  );
  process.exit(bundlesOk && latencyOk && ordersOk ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
