/**
 * The card subpackage in the built weapp (dist/) under miniprogram-simulate: the pages load from the BFF, the
 * codes render as images, and a PATCH (which wx.request cannot send) goes out as POST + X-HTTP-Method-Override.
 */
/* global describe, it, expect -- jest */
const { openPage, waitFor } = require('./harness');

const BFF = 'http://127.0.0.1:4000';
const STORAGE = {
  'ph.consent': { version: '2026-11-29', acceptedAt: '2026-11-20T08:00:00.000Z' },
  'ph.session': { token: 'tok-1', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 'u1', createdAt: '2026-11-01T02:00:00.000Z' } },
};
const ZHANG = { id: 'b-zhang', kind: 'outpatient', holderName: '张*', cardNo: '5000100001', relation: 'self', isDefault: true, boundAt: '2026-11-20T08:00:00.000Z' };
const LIU = { id: 'b-liu', kind: 'outpatient', holderName: '刘**', cardNo: '5000100004', relation: 'child', isDefault: false, boundAt: '2026-11-21T08:00:00.000Z' };
const DETAIL = {
  ...ZHANG,
  name: '张伟',
  sex: '男',
  age: 41,
  idNoMasked: '520***********0358',
  phoneMasked: '138****8001',
  balanceFen: 20000,
  status: 1,
  statusName: '正常',
  statusHint: '可正常挂号、缴费和充值',
  canRecharge: true,
};

function bff(options) {
  const path = options.url.replace(BFF, '');
  if (path === '/api/v1/cards') return { statusCode: 200, data: { cards: [ZHANG, LIU], limit: 5 } };
  if (path === '/api/v1/cards/b-zhang' && options.method === 'GET') return { statusCode: 200, data: DETAIL };
  if (path === '/api/v1/cards/b-zhang' && options.method === 'POST') return { statusCode: 200, data: { ...DETAIL, phoneMasked: '139****5678' } };
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: '没有找到相关内容', requestId: 'x' } };
}

function text(page) {
  return page.dom.textContent;
}

describe('weapp build: 就诊卡管理 (card subpackage)', () => {
  it('lists the family’s cards with the default badge', async () => {
    const { page } = await openPage('packages/card/pages/list/index', { storage: STORAGE, requestHandler: bff });
    await waitFor(() => text(page).includes('刘**'), 'the cards did not render');
    expect(text(page)).toContain('已绑定 2/5 张');
    expect(text(page)).toContain('卡号 5000100001');
    expect(text(page)).toContain('默认');
    expect(text(page)).toContain('设为默认');
  });
});

describe('weapp build: 就诊卡详情 (card subpackage)', () => {
  it('shows the card with its barcode and QR code as SVG images', async () => {
    const { page } = await openPage('packages/card/pages/detail/index', { storage: STORAGE, requestHandler: bff, query: { id: 'b-zhang' } });
    await waitFor(() => text(page).includes('卡片信息'), 'the detail did not render');
    expect(text(page)).toContain('520***********0358');
    expect(text(page)).toContain('¥200.00');
    expect(page.querySelectorAll('.card-codes__barcode')).toHaveLength(1);
    expect(page.querySelectorAll('.card-codes__qr')).toHaveLength(1);
    // the images' sources, as Taro handed them to the page (setData)
    const sources = JSON.stringify(page.instance.data).match(/data:image\/svg\+xml;base64,[^"]*/g) ?? [];
    expect(sources).toHaveLength(2);
    for (const src of sources) expect(src).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const qr = Buffer.from(sources[1].split(',')[1], 'base64').toString('ascii');
    expect(qr).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 25 25"/);
  });

  it('sends the phone change as POST with X-HTTP-Method-Override: PATCH (wx.request has no PATCH)', async () => {
    const { page, wx, sleep } = await openPage('packages/card/pages/detail/index', { storage: STORAGE, requestHandler: bff, query: { id: 'b-zhang' } });
    await waitFor(() => text(page).includes('卡片信息'), 'the detail did not render');
    page.querySelector('.card-detail__row-action').dispatchEvent('tap');
    await waitFor(() => text(page).includes('修改联系信息'), 'the edit sheet did not open');
    page.querySelector('.edit-sheet .form-field__input').dispatchEvent('input', { detail: { value: '13912345678' } });
    await sleep(20);
    page.querySelector('.edit-sheet__button--primary').dispatchEvent('tap');
    await waitFor(() => wx.calls.some((call) => call.name === 'request' && call.options.method === 'POST'), 'no update was sent');
    const update = wx.calls.find((call) => call.name === 'request' && call.options.method === 'POST').options;
    expect(update.url).toBe(`${BFF}/api/v1/cards/b-zhang`);
    expect(update.header['X-HTTP-Method-Override']).toBe('PATCH');
    expect(JSON.parse(update.data)).toEqual({ phone: '13912345678' });
    await waitFor(() => text(page).includes('139****5678'), 'the new phone did not show');
  });
});
