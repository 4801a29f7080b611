/**
 * `npm start`: the whole system on this machine (see scripts/system.ts), its addresses and the demo patients
 * printed, everything stopped on Ctrl-C. `npm start -- --no-build` reuses the last builds.
 */
import { startSystem } from './system';
import { DEMO_PATIENTS } from '../server/his-sandbox/state/seed-core';

async function main(): Promise<void> {
  const noBuild = process.argv.includes('--no-build');
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log('掌上医院: starting the HIS sandbox, the WeChat sandbox and the BFF, and building the mini-program…');
  const system = await startSystem({ build: { weapp: !noBuild, h5: !noBuild }, onProgress: (line) => log(`  ${line}`) });
  const { urls, his, wechat } = system;
  const demo = his.store.patients().filter((p) => p.demo);
  log(
    [
      '',
      `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      '',
      `  H5 app (QA: open on a phone-sized viewport)   ${urls.h5}`,
      `  WeChat DevTools                               open this folder (project.config.json → dist/)`,
      `  BFF                                           ${urls.bff}   (/healthz, /readyz, /api/v1/…)`,
      `  Staff API (needs_review, reconciliation)      ${urls.bff}/api/v1/staff/…   Authorization: Bearer ${system.staffToken}`,
      `  HIS sandbox                                   ${urls.his}   admin ${urls.hisAdmin}  token ${his.config.adminToken}`,
      `  WeChat sandbox                                ${urls.wechat}   admin ${urls.wechat}/__sandbox  token ${wechat.config.adminToken}`,
      '',
      'Demo patients (bind them in the app):',
      ...DEMO_PATIENTS.map((spec) => {
        const p = demo.find((x) => x.demo === spec.key);
        return `  ${spec.name.padEnd(4, '　')} card ${spec.cardNo}  ID ${p?.idNo ?? ''}  phone ${spec.phone}`;
      }),
      '',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping…`);
    system
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
