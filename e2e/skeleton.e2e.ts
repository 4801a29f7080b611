/**
 * The walking skeleton in a browser, on two phone viewports: first launch → privacy consent → WeChat login through
 * the sandbox (the same code path as wx.login) → 首页 → 科室导航 (real data through the BFF and HIS) → 我的.
 */
import type { Browser, Response } from 'playwright-core';
import { chineseFonts, launch, phone, VIEWPORTS } from './browser';

const H5 = () => process.env.E2E_H5_URL ?? '';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

it('has Chinese fonts, so that screenshots show text and not boxes', () => {
  expect(chineseFonts().length).toBeGreaterThan(0);
});

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('on %s', (_name, viewport) => {
  it('consents, logs in through WeChat, and reaches 首页, 科室导航 and 我的', async () => {
    const { context, page, errors, shot } = await phone(browser, viewport);
    try {
      await page.goto(`${H5()}/`);
      await page.getByText('同意并继续').waitFor();
      const notice = await shot('01-privacy-notice');

      const login = page.waitForResponse((r: Response) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByText('同意并继续').click();
      expect((await login).status()).toBe(200);
      await page.getByText('医疗服务').waitFor();
      const home = await shot('02-home');

      await page.getByText('科室导航', { exact: true }).click();
      await page.getByText('心血管内科').waitFor();
      await page.getByText('本院门诊楼2楼A区').waitFor();
      const departments = await shot('03-departments');

      await page.getByText('东院区').click();
      await page.getByText('肾内科').waitFor();
      const east = await shot('04-departments-east');

      await page.goto(`${H5()}/#/pages/me/index`);
      await page.getByText('微信用户').waitFor();
      const me = await shot('05-me');

      for (const screen of [notice, home, departments, east, me]) {
        expect(screen.overflow).toEqual([]);
        expect(screen.latin).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
