/**
 * The medical cards in a browser, on two phone viewports, against the real BFF and the HIS sandbox: bind a demo
 * patient (a wrong name first: one generic message), create a new card, add a family member and switch to them,
 * see the QR code and the barcode, unbind. Screenshots under test-results/e2e/<viewport>/cards-*.png.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { makeIdCard } from '../common/id-card';
import { launch, phone, VIEWPORTS, type Screen } from './browser';

const H5 = () => process.env.E2E_H5_URL ?? '';

/** The documented demo patients (server/his-sandbox/state/seed-core.ts). */
const ZHANG = { name: '张伟', cardNo: '5000100001', idNo: '520103198503120358' };
const LIU = { name: '刘子轩', cardNo: '5000100004', idNo: '520111201705180177' };

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

/**
 * Taro's H5 router keeps the pages of the stack in the document (hidden): every locator here looks at what is
 * visible, i.e. the current page and the dialogs over it.
 */
function shown(page: Page, selector: string, hasText?: string): Locator {
  return page.locator(selector, hasText === undefined ? {} : { hasText }).filter({ visible: true });
}

async function see(page: Page, text: string): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().waitFor();
}

async function fill(page: Page, field: string, value: string): Promise<void> {
  await shown(page, `.form-field--${field} input`).fill(value);
}

/** The submit button of the card forms (its label also names a tab or a tile elsewhere). */
async function submit(page: Page): Promise<void> {
  await shown(page, '.card-form__submit').click();
}

/** A new person for 在线办卡: a valid ID number nobody in the sandbox has. */
function newPerson(viewport: string): { name: string; idNo: string; birthday: string; sex: string } {
  const sequence = (Date.now() % 450) * 2 + (viewport === 'iphone-13' ? 1 : 0) + 100;
  const birthday = viewport === 'iphone-13' ? '1990-05-17' : '1988-10-02';
  return { name: viewport === 'iphone-13' ? '周晓明' : '吴雨萱', idNo: makeIdCard('520102', birthday, sequence % 1000), birthday, sex: sequence % 2 === 1 ? '男' : '女' };
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('on %s', (name, viewport) => {
  it('binds, creates, adds a family member, switches, shows the codes and unbinds', async () => {
    const { context, page, errors, shot } = await phone(browser, viewport);
    const screens: Array<[string, Screen]> = [];
    const look = async (label: string) => screens.push([label, await shot(`cards-${label}`)]);
    try {
      await page.goto(`${H5()}/`);
      await page.getByText('同意并继续').click();
      await see(page, '还没有绑定就诊卡');
      await look('01-home-no-card');

      // bind 张伟 — first with a wrong name: one message that names no field
      await shown(page, '.service-grid__item', '绑定就诊卡').click();
      await shown(page, '.form-field--cardNo input').waitFor();
      await fill(page, 'cardNo', ZHANG.cardNo);
      await fill(page, 'name', '张三');
      await fill(page, 'idNo', ZHANG.idNo);
      await submit(page);
      await see(page, '信息不匹配，请核对后重试');
      expect(await shown(page, '.form-field__error').count()).toBe(0);
      await shown(page, '.segments').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await look('02-bind-wrong-name');

      await fill(page, 'name', ZHANG.name);
      await submit(page);
      await see(page, '当前就诊人');
      await shown(page, '.card-switcher', '张*').waitFor();
      await look('03-home-bound');

      // a new card online: birthday and sex come from the ID number
      const person = newPerson(name);
      await shown(page, '.service-grid__item', '我的就诊卡').click();
      await see(page, '已绑定 1/5 张');
      await shown(page, '.card-list__create-link').click();
      await shown(page, '.form-field--idNo input').waitFor();
      await fill(page, 'name', person.name);
      await fill(page, 'idNo', person.idNo);
      await shown(page, '.create-card__date', person.birthday).waitFor();
      expect(await shown(page, '.form-field--sex .choice-chips__chip--selected').textContent()).toBe(person.sex);
      await fill(page, 'phone', '13912345678');
      await fill(page, 'workUnit', '黔中市第一中学');
      await fill(page, 'address', '贵州省黔中市南明区花果园大街1号');
      await shown(page, '.form-field--relation .choice-chips__chip', '配偶').click();
      await look('04-create-form');
      await submit(page);
      await see(page, '卡片信息');
      await shown(page, '.card-face', person.name).waitFor();
      await look('05-created-card');

      // a family member: 刘子轩 by card number and ID number, relation 子女
      await page.goto(`${H5()}/#/packages/card/pages/list/index`);
      await see(page, '已绑定 2/5 张');
      await shown(page, '.card-list__add').click();
      await shown(page, '.form-field--cardNo input').waitFor();
      await fill(page, 'cardNo', LIU.cardNo);
      await fill(page, 'name', LIU.name);
      await fill(page, 'idNo', LIU.idNo);
      await shown(page, '.form-field--relation .choice-chips__chip', '子女').click();
      await submit(page);
      await see(page, '已绑定 3/5 张');
      await look('06-family-cards');

      // switch to him: the whole app now acts on his card
      await shown(page, '.card-switcher__switch').click();
      await see(page, '选择就诊人');
      await look('07-switcher');
      await shown(page, '.card-sheet__item', LIU.cardNo).click();
      await shown(page, '.card-switcher', '刘**').waitFor();
      await shown(page, '.card-list__item', LIU.cardNo).locator('.card-face__tag--default').waitFor();
      await page.goto(`${H5()}/`);
      await shown(page, '.home__banner .card-switcher', LIU.cardNo).waitFor();
      await look('08-home-switched');
      await page.goto(`${H5()}/#/pages/me/index`);
      await shown(page, '.family-cards__item', LIU.cardNo).waitFor();
      expect(await shown(page, '.family-cards__item').count()).toBe(3);
      await look('08-me-family-cards');

      // his card: the barcode and the QR code, made on the phone
      await page.goto(`${H5()}/#/packages/card/pages/list/index`);
      await shown(page, '.card-list__item', LIU.cardNo).locator('.card-face__name').click();
      await see(page, '卡片信息');
      const qr = shown(page, '.card-codes__qr img');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      // both images decode (a broken SVG would leave them empty)
      for (const selector of ['.card-codes__qr img', '.card-codes__barcode img']) {
        await page.waitForFunction((sel) => {
          const img = document.querySelector(sel);
          return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
        }, selector);
      }
      await shown(page, '.card-codes').scrollIntoViewIfNeeded();
      await look('09-card-codes');

      // unbind, after the confirmation
      await shown(page, '.card-detail__button--danger').click();
      await shown(page, '.taro-modal__text', '确定解除吗').waitFor();
      await look('10-unbind-confirm');
      await shown(page, '.taro-model__confirm').click();
      await see(page, '已绑定 2/5 张');
      expect(await shown(page, '.card-list__item', LIU.cardNo).count()).toBe(0);
      // the next card became the default
      expect(await shown(page, '.card-face__tag--default').count()).toBe(1);
      await look('11-after-unbind');

      for (const [label, screen] of screens) {
        expect([label, screen.overflow]).toEqual([label, []]);
        expect([label, screen.latin]).toEqual([label, []]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
