/**
 * Renders the app's PNG icons (tab bar, service grid, avatar) from the SVG drawings below with Chromium.
 * The PNGs are committed; run this only after changing a drawing:  node test/tools/render-icons.js [file …]
 * (with file names, e.g. icons/cards.png, only those are rendered again).
 * (WeChat's tab bar takes PNG only, 81×81 recommended.)
 */
const path = require('node:path');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = require('./chromium');

const GREY = '#8a919c';
const GREEN = '#07a35a';

const house = (color, filled) => `
  <path d="M12 36 L40 13 L68 36" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M20 31 V64 a4 4 0 0 0 4 4 H56 a4 4 0 0 0 4 -4 V31" fill="${filled ? color : 'none'}" stroke="${color}"
        stroke-width="5" stroke-linejoin="round"/>
  <rect x="34" y="48" width="12" height="20" rx="2" fill="${filled ? '#ffffff' : color}"/>`;

const person = (color, filled) => `
  <circle cx="40" cy="27" r="13" fill="${filled ? color : 'none'}" stroke="${color}" stroke-width="5"/>
  <path d="M14 68 C14 52 26 45 40 45 C54 45 66 52 66 68 Z" fill="${filled ? color : 'none'}" stroke="${color}"
        stroke-width="5" stroke-linejoin="round"/>`;

// a hospital building with a cross and a map pin: 科室导航
const departments = `
  <rect x="14" y="22" width="38" height="46" rx="4" fill="none" stroke="${GREEN}" stroke-width="5"/>
  <path d="M33 30 V44 M26 37 H40" stroke="${GREEN}" stroke-width="5" stroke-linecap="round"/>
  <rect x="28" y="54" width="10" height="14" fill="${GREEN}"/>
  <path d="M60 40 C51 40 47 47 47 52 C47 60 60 70 60 70 C60 70 73 60 73 52 C73 47 69 40 60 40 Z" fill="${GREEN}"/>
  <circle cx="60" cy="52" r="4.5" fill="#ffffff"/>`;

// a card with a plus: 绑定就诊卡
const cardBind = `
  <rect x="8" y="18" width="54" height="38" rx="6" fill="none" stroke="${GREEN}" stroke-width="5"/>
  <path d="M8 29 H62" stroke="${GREEN}" stroke-width="5"/>
  <path d="M17 44 H33" stroke="${GREEN}" stroke-width="5" stroke-linecap="round"/>
  <circle cx="60" cy="56" r="15" fill="${GREEN}"/>
  <path d="M60 48 V64 M52 56 H68" stroke="#ffffff" stroke-width="4.5" stroke-linecap="round"/>`;

// two cards, one behind the other, with a holder: 我的就诊卡
const cards = `
  <path d="M20 14 H66 a6 6 0 0 1 6 6 V48" fill="none" stroke="${GREEN}" stroke-width="5" stroke-linecap="round"/>
  <rect x="8" y="24" width="56" height="40" rx="6" fill="${GREEN}"/>
  <circle cx="24" cy="40" r="6" fill="#ffffff"/>
  <path d="M14 56 C15 49 19 47 24 47 C29 47 33 49 34 56 Z" fill="#ffffff"/>
  <path d="M41 38 H56 M41 48 H52" stroke="#ffffff" stroke-width="4.5" stroke-linecap="round"/>`;

const avatar = `
  <rect width="80" height="80" rx="40" fill="#e8f6ee"/>
  <circle cx="40" cy="31" r="13" fill="${GREEN}"/>
  <path d="M17 66 C19 53 28 48 40 48 C52 48 61 53 63 66 Z" fill="${GREEN}"/>`;

const ICONS = [
  ['tabbar/home.png', house(GREY, false), 81],
  ['tabbar/home-active.png', house(GREEN, true), 81],
  ['tabbar/me.png', person(GREY, false), 81],
  ['tabbar/me-active.png', person(GREEN, true), 81],
  ['icons/departments.png', departments, 112],
  ['icons/avatar.png', avatar, 224],
  ['icons/card-bind.png', cardBind, 112],
  ['icons/cards.png', cards, 112],
];

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const only = process.argv.slice(2);
    for (const [file, drawing, size] of ICONS.filter(([name]) => only.length === 0 || only.includes(name))) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 80 80">${drawing}</svg>` +
          `</body></html>`,
      );
      const out = path.join(__dirname, '../../src/assets', file);
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log('wrote', path.relative(process.cwd(), out));
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
