/** Debian's Chromium, as TOOLCHAIN.md says it runs here (playwright cannot download browsers). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS };
