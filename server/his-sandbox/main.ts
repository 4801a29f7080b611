/**
 * Runs the HIS sandbox alone: `npm run his-sandbox -- --port 4010 --seed 7 --prefix /his`.
 * Every flag has an environment variable (flags win); see `--help` and the README.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sandboxConfig, type SandboxConfig } from './config';
import { checkFaultSpec, type FaultSpec } from './faults';
import { hasEndpoint } from '../his-catalogue/catalogue';
import { startHisSandbox } from './sandbox';
import { DEMO_PATIENTS } from './state/seed-core';

const HELP = `HIS sandbox: the hospital's HIS on this machine, every catalogue endpoint, seeded and stateful.

  --port <n>            HIS_SANDBOX_PORT            default 4010
  --host <addr>         HIS_SANDBOX_HOST            default 127.0.0.1
  --seed <n>            HIS_SANDBOX_SEED            default 20261129
  --sign-key <key>      HIS_SIGN_KEY                default ${sandboxConfig().signKey}
  --prefix </path>      HIS_SANDBOX_PREFIX          default none
  --admin-token <tok>   HIS_SANDBOX_ADMIN_TOKEN     default random, printed at start
  --snapshot <file>     HIS_SANDBOX_SNAPSHOT        load at start if present, save on stop
  --faults <json|file>  HIS_SANDBOX_FAULTS          faults active from start, e.g. '[{"path":"/recharge","mode":"applyThenFail","times":1}]'
  --session-hours <m>   HIS_SANDBOX_SESSION_HOURS   always (default) | real
  --public-url <url>    HIS_SANDBOX_PUBLIC_URL      base of links handed out (report PDFs)
  --log                 HIS_SANDBOX_LOG=1           log every request
`;

function parseFaults(text: string): FaultSpec[] {
  const json = text.trim().startsWith('[') || text.trim().startsWith('{') ? text : readFileSync(text, 'utf8');
  const value = JSON.parse(json) as unknown;
  return (Array.isArray(value) ? value : [value]).map((f) => checkFaultSpec(f, hasEndpoint));
}

function integer(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'sign-key': { type: 'string' },
      prefix: { type: 'string' },
      'admin-token': { type: 'string' },
      snapshot: { type: 'string' },
      faults: { type: 'string' },
      'session-hours': { type: 'string' },
      'public-url': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const env = process.env;
  const pick = (flag: string | undefined, variable: string): string | undefined => flag ?? env[variable] ?? undefined;
  const overrides: Partial<SandboxConfig> = {};
  const seed = pick(values.seed, 'HIS_SANDBOX_SEED');
  if (seed) overrides.seed = integer(seed, 'seed');
  const signKey = pick(values['sign-key'], 'HIS_SIGN_KEY');
  if (signKey) overrides.signKey = signKey;
  const prefix = pick(values.prefix, 'HIS_SANDBOX_PREFIX');
  if (prefix) overrides.prefix = prefix;
  const token = pick(values['admin-token'], 'HIS_SANDBOX_ADMIN_TOKEN');
  if (token) overrides.adminToken = token;
  const snapshot = pick(values.snapshot, 'HIS_SANDBOX_SNAPSHOT');
  if (snapshot) overrides.snapshotFile = snapshot;
  const faults = pick(values.faults, 'HIS_SANDBOX_FAULTS');
  if (faults) overrides.faults = parseFaults(faults);
  const hours = pick(values['session-hours'], 'HIS_SANDBOX_SESSION_HOURS');
  if (hours) {
    if (hours !== 'always' && hours !== 'real') throw new Error('session-hours must be always or real');
    overrides.sessionHours = hours;
  }
  const publicUrl = pick(values['public-url'], 'HIS_SANDBOX_PUBLIC_URL');
  if (publicUrl) overrides.publicUrl = publicUrl.replace(/\/$/, '');
  overrides.logRequests = values.log ?? env.HIS_SANDBOX_LOG === '1';

  const port = integer(pick(values.port, 'HIS_SANDBOX_PORT') ?? '4010', 'port');
  const host = pick(values.host, 'HIS_SANDBOX_HOST') ?? '127.0.0.1';
  const sandbox = await startHisSandbox(overrides, { port, host });
  const demo = sandbox.store.patients().filter((p) => p.demo);
  process.stdout.write(
    [
      `HIS sandbox listening: ${sandbox.url}  (seed ${sandbox.config.seed}, day ${sandbox.store.state.anchorDate}, ${sandbox.config.timeZone})`,
      `admin API: ${sandbox.origin}/__sandbox  token: ${sandbox.config.adminToken}`,
      'demo patients (bind them in the app):',
      ...DEMO_PATIENTS.map((spec) => {
        const p = demo.find((x) => x.demo === spec.key);
        return `  ${spec.name}  card ${spec.cardNo}  ID ${p?.idNo ?? ''}  phone ${spec.phone}`;
      }),
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`HIS sandbox: ${signal}, stopping\n`);
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`HIS sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
