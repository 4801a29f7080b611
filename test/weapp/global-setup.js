/**
 * Builds the weapp (dist/) once before the `weapp` tests, unless the last build is newer than every input and was
 * made with the same settings. The stamp lives outside dist/ (DevTools uploads what is in dist/).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const stampFile = path.join(root, 'node_modules/.cache/palm-hospital/weapp-build.json');
const INPUTS = ['src', 'config', 'contract', 'babel.config.js', 'project.config.json', 'package.json', 'tsconfig.json'];
const SETTINGS = ['TARO_APP_BFF_URL', 'TARO_APP_WECHAT_SANDBOX_URL', 'TARO_APP_HOSPITAL_NAME', 'TARO_APP_ID'];

function newestMtime(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function currentSettings() {
  return Object.fromEntries(SETTINGS.map((name) => [name, process.env[name] ?? null]));
}

function isFresh() {
  if (process.env.WEAPP_REBUILD === '1') return false;
  if (!fs.existsSync(path.join(root, 'dist/app.json'))) return false;
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  const inputs = Math.max(...INPUTS.map((input) => newestMtime(path.join(root, input))));
  return stamp.builtAt > inputs && JSON.stringify(stamp.settings) === JSON.stringify(currentSettings());
}

module.exports = async function buildWeapp() {
  if (isFresh()) return;
  const startedAt = Date.now();
  process.stdout.write('\n[weapp] building dist/ (taro build --type weapp) …\n');
  try {
    execFileSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`;
    throw new Error(`taro build --type weapp failed:\n${output.slice(-4000)}`);
  }
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, JSON.stringify({ builtAt: Date.now(), settings: currentSettings() }));
  process.stdout.write(`[weapp] built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
};
