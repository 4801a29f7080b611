/**
 * Looks at the H5 build (dist-h5/) in Chromium on a phone viewport and leaves screenshots, with the BFF and the
 * WeChat sandbox unreachable unless given: every page must still say, in Chinese, what went wrong.
 *
 *   npx taro build --type h5 && node test/tools/h5-screenshots.js [outDir]
 *
 * Serves dist-h5/ itself (a static server on 127.0.0.1, ephemeral port). Prints per page: horizontal overflow,
 * text that is not Chinese, JS errors, and the JS loaded for the first page (gzip).
 */
/* global document, getComputedStyle -- used inside page.evaluate (browser) */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium, devices } = require('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = require('./chromium');

const ROOT = path.resolve(__dirname, '../../dist-h5');
const OUT = path.resolve(process.argv[2] || path.join(__dirname, '../../test-results/h5-skeleton'));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

function serve() {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(ROOT, pathname);
    if (!file.startsWith(ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(ROOT, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What a patient should never see: overflow to the side, Latin words (codes, English), JS errors. */
async function inspect(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflowing = [];
    for (const element of document.querySelectorAll('body *')) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && (rect.right > width + 1 || rect.left < -1) && getComputedStyle(element).position !== 'fixed') {
        overflowing.push(`${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]} ${Math.round(rect.left)}..${Math.round(rect.right)}`);
      }
    }
    const text = document.body.innerText;
    const latin = (text.match(/[A-Za-z]{2,}[A-Za-z0-9 _-]*/g) || []).filter((word) => !/^\s*$/.test(word));
    return { scrollWidth: document.documentElement.scrollWidth, width, overflowing: overflowing.slice(0, 10), latin };
  });
}

const CAMPUSES = [
  { id: '01', name: '本院' },
  { id: '02', name: '东院区' },
  { id: '03', name: '妇女儿童院区' },
];
const DEPARTMENTS = [
  ['心血管内科', '本院门诊楼2楼A区'],
  ['消化内科', '本院门诊楼2楼B区'],
  ['呼吸与危重症医学科', '本院门诊楼3楼A区'],
  ['内分泌科', '本院门诊楼3楼B区'],
  ['神经内科', '本院门诊楼4楼A区'],
  ['骨科', '本院外科楼2楼'],
  ['皮肤科', '本院门诊楼5楼东侧'],
  ['中医科', '本院中医楼1楼'],
].map(([name, location], index) => ({ id: `01${index}`, name, location, campusId: '01', campusName: '本院' }));

function shotIn(report) {
  return async (page, name) => {
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(OUT, `${name}.png`) });
    report.push({ name, ...(await inspect(page)) });
  };
}

/** The same pages with a stand-in BFF and WeChat sandbox answering (routed in the browser). */
async function withFakeBff(browser, base, shot) {
  const context = await browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
  await context.route('http://127.0.0.1:4020/**', (route) => route.fulfill({ json: { code: 'sandbox-code' } }));
  await context.route('http://127.0.0.1:4000/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/v1/auth/login') {
      return route.fulfill({
        json: { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 'u1', createdAt: '2026-11-29T01:00:00.000Z' } },
      });
    }
    if (url.pathname === '/api/v1/hospital/campuses') return route.fulfill({ json: { campuses: CAMPUSES } });
    if (url.pathname === '/api/v1/hospital/departments') {
      const campusId = url.searchParams.get('campusId');
      return route.fulfill({ json: { departments: campusId === '01' ? DEPARTMENTS : [] } });
    }
    return route.fulfill({ status: 404, json: { code: 'NOT_FOUND', message: '没有找到相关内容', requestId: 'fake' } });
  });
  const page = await context.newPage();
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  await page.getByText('同意并继续').click();
  await page.getByText('科室导航', { exact: true }).click();
  await page.getByText('心血管内科').waitFor();
  await shot(page, '07-departments');
  await page.locator('.search-box input').fill('内科');
  await shot(page, '08-departments-search');
  await page.locator('.search-box input').fill('眼科');
  await page.getByText('清除搜索').waitFor();
  await shot(page, '09-departments-no-result');
  await page.getByText('东院区').click();
  await page.locator('.search-box input').fill('');
  await page.getByText('该院区暂无科室信息').waitFor();
  await shot(page, '10-departments-empty-campus');
  await page.goto(`${base}/#/pages/me/index`);
  await page.getByText('微信用户').waitFor();
  await shot(page, '11-me-logged-in');
  await context.close();
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const report = [];
  try {
    const context = await browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    const scripts = new Map();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', async (response) => {
      const url = response.url();
      if (url.startsWith(base) && url.endsWith('.js')) {
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.set(url, zlib.gzipSync(body, { level: 9 }).length);
      }
    });

    const shot = async (name) => {
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      report.push({ name, ...(await inspect(page)), errors: errors.splice(0) });
    };

    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const firstLoadGzip = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    await page.getByText('同意并继续').waitFor();
    await shot('01-privacy-notice');

    await page.getByText('不同意', { exact: true }).click();
    await page.getByText('需要您的同意才能继续').waitFor();
    await shot('02-privacy-declined');

    await page.getByText('重新阅读', { exact: true }).click();
    await page.getByText('同意并继续').click();
    await page.getByText('医疗服务').waitFor();
    await shot('03-home');

    await page.getByText('科室导航', { exact: true }).click();
    await page.getByText('重试', { exact: true }).waitFor({ timeout: 20_000 });
    await shot('04-departments-error');

    await page.goto(`${base}/#/pages/me/index`);
    await page.getByText('重新登录').waitFor({ timeout: 20_000 });
    await shot('05-me-login-failed');

    await page.getByText('隐私政策', { exact: true }).click();
    await page.getByText('我知道了').waitFor();
    await shot('06-me-privacy-review');

    await withFakeBff(browser, base, shotIn(report));

    console.log(JSON.stringify({ base, firstLoadJsGzipBytes: firstLoadGzip, scripts: [...scripts.entries()], report }, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
