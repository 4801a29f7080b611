/**
 * Browser helpers for the journeys: Debian's Chromium through playwright-core, phone viewports, screenshots under
 * test-results/e2e/<viewport>/, and the checks every screen must pass (no sideways overflow, no page errors, no
 * Latin words a patient would read as codes).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/tools/chromium';

export const VIEWPORTS = [
  { name: 'iphone-13', device: devices['iPhone 13'] },
  { name: 'galaxy-s9', device: devices['Galaxy S9+'] },
] as const;

export const SCREENSHOTS = join(__dirname, '..', 'test-results', 'e2e');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Chinese fonts must be installed, or every screenshot shows boxes. */
export function chineseFonts(): string[] {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export interface Screen {
  overflow: string[];
  latin: string[];
}

export async function inspect(page: Page): Promise<Screen> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 1 || r.left < -1) && getComputedStyle(el).position !== 'fixed') overflow.push(`${el.tagName} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    const latin = document.body.innerText.match(/[A-Za-z]{3,}/g) ?? [];
    return { overflow: overflow.slice(0, 5), latin };
  });
}

export async function phone(browser: Browser, viewport: (typeof VIEWPORTS)[number]): Promise<{ context: BrowserContext; page: Page; errors: string[]; shot(name: string): Promise<Screen> }> {
  const context = await browser.newContext({ ...viewport.device, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = join(SCREENSHOTS, viewport.name);
  mkdirSync(dir, { recursive: true });
  return {
    context,
    page,
    errors,
    async shot(name) {
      await page.waitForTimeout(400); // let transitions settle
      await page.screenshot({ path: join(dir, `${name}.png`) });
      return inspect(page);
    },
  };
}
