/**
 * The built weapp (dist/), as WeChat DevTools would run it: miniprogram-simulate renders the pages with the
 * official wcc compiler, the real Taro runtime and the real app code; wx is an in-memory stand-in.
 */
/* global describe, it, expect -- jest */
const { openPage, waitFor } = require('./harness');

const BFF = 'http://127.0.0.1:4000';
const CONSENT = { version: '2026-11-29', acceptedAt: '2026-11-20T08:00:00.000Z' };
const LOGIN_ANSWER = {
  statusCode: 200,
  data: { token: 'tok-1', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 'u1', createdAt: '2026-11-01T02:00:00.000Z' } },
};

const SESSION = { token: 'tok-1', expiresAt: '2099-01-01T00:00:00.000Z', user: LOGIN_ANSWER.data.user };
const ZHANG = { id: 'b-zhang', kind: 'outpatient', holderName: '张*', cardNo: '5000100001', relation: 'self', isDefault: true, boundAt: '2026-11-20T08:00:00.000Z' };
const LIU = { id: 'b-liu', kind: 'outpatient', holderName: '刘**', cardNo: '5000100004', relation: 'child', isDefault: false, boundAt: '2026-11-21T08:00:00.000Z' };

function text(page) {
  return page.dom.textContent;
}

describe('weapp build: home page (main package)', () => {
  it('asks for consent first and sends nothing before it', async () => {
    const { page, wx, sleep } = await openPage('pages/home/index');
    expect(text(page)).toContain('隐私保护指引');
    expect(text(page)).toContain('同意并继续');
    expect(text(page)).not.toContain('医疗服务');
    await sleep(20);
    expect(wx.calls.filter((call) => call.name === 'request' || call.name === 'login')).toEqual([]);
  });

  it('同意 shows the home page and logs in with wx.login', async () => {
    const { page, wx, sleep } = await openPage('pages/home/index', {
      requestHandler: (options) => {
        if (options.url === `${BFF}/api/v1/auth/login`) return LOGIN_ANSWER;
        if (options.url === `${BFF}/api/v1/cards`) return { statusCode: 200, data: { cards: [ZHANG], limit: 5 } };
        return { statusCode: 404, data: null };
      },
    });
    page.querySelector('.privacy__button--primary').dispatchEvent('tap');
    await sleep(50);

    expect(text(page)).toContain('黔中市第一人民医院');
    expect(text(page)).toContain('医疗服务');
    expect(text(page)).toContain('科室导航');
    expect(wx.storage.get('ph.consent')).toMatchObject({ version: CONSENT.version });
    const names = wx.calls.map((call) => call.name);
    expect(names).toContain('login');
    await waitFor(() => text(page).includes('5000100001'), 'the current card did not show');
    const requests = wx.calls.filter((call) => call.name === 'request');
    // the login first; then, with its token, the cards of the header's switcher
    expect(requests.map((call) => call.options.url)).toEqual([`${BFF}/api/v1/auth/login`, `${BFF}/api/v1/cards`]);
    expect(requests[0].options).toMatchObject({ method: 'POST' });
    expect(JSON.parse(requests[0].options.data)).toEqual({ code: 'wx-code-1' });
    expect(requests[1].options.header.Authorization).toBe('Bearer tok-1');
    expect(wx.storage.get('ph.session')).toMatchObject({ token: 'tok-1' });
    expect(text(page)).toContain('当前就诊人');
  });

  it('opens 绑定就诊卡, 我的就诊卡 and 科室导航 in their subpackages', async () => {
    const { page, wx, sleep } = await openPage('pages/home/index', {
      storage: { 'ph.consent': CONSENT },
      requestHandler: (options) => (options.url === `${BFF}/api/v1/cards` ? { statusCode: 200, data: { cards: [], limit: 5 } } : LOGIN_ANSWER),
    });
    const tiles = page.querySelectorAll('.service-grid__item');
    expect(tiles).toHaveLength(3);
    for (const tile of tiles) tile.dispatchEvent('tap');
    await sleep(20);
    const navigations = wx.calls.filter((call) => call.name === 'navigateTo');
    expect(navigations.map((call) => call.options.url)).toEqual([
      '/packages/card/pages/bind/index',
      '/packages/card/pages/list/index',
      '/packages/hospital/pages/departments/index',
    ]);
  });
});

describe('weapp build: me page (main package)', () => {
  it('shows the stored session’s user and the family’s cards', async () => {
    const { page } = await openPage('pages/me/index', {
      storage: { 'ph.consent': CONSENT, 'ph.session': SESSION },
      requestHandler: (options) => (options.url === `${BFF}/api/v1/cards` ? { statusCode: 200, data: { cards: [ZHANG, LIU], limit: 5 } } : { statusCode: 404, data: null }),
    });
    expect(text(page)).toContain('微信用户');
    expect(text(page)).toContain('注册于2026年11月1日');
    await waitFor(() => text(page).includes('刘**'), 'the cards did not show');
    expect(text(page)).toContain('张*');
    expect(text(page)).toContain('就诊卡号 5000100004');
    expect(text(page)).toContain('添加就诊卡');
    expect(text(page)).toContain('退出登录');
  });

  it('shows the login failure in Chinese when the BFF cannot be reached', async () => {
    const { page, sleep } = await openPage('pages/me/index', {
      storage: { 'ph.consent': CONSENT },
      requestHandler: () => ({ fail: { errMsg: 'request:fail -101:net::ERR_CONNECTION_REFUSED' } }),
    });
    await sleep(50);
    expect(text(page)).toContain('网络连接失败，请检查网络后重试');
    expect(text(page)).toContain('重新登录');
  });
});

describe('weapp build: 科室导航 (hospital subpackage)', () => {
  it('loads campuses and departments from the BFF and shows them', async () => {
    const campuses = [
      { id: '01', name: '本院' },
      { id: '02', name: '东院区' },
    ];
    const departments = [
      { id: '0101', name: '心血管内科', location: '本院门诊楼2楼A区', campusId: '01', campusName: '本院' },
      { id: '0102', name: '消化内科', location: '本院门诊楼2楼B区', campusId: '01', campusName: '本院' },
    ];
    const { page, wx } = await openPage('packages/hospital/pages/departments/index', {
      storage: {
        'ph.consent': CONSENT,
        'ph.session': { token: 'tok-1', expiresAt: '2099-01-01T00:00:00.000Z', user: LOGIN_ANSWER.data.user },
      },
      requestHandler: (options) => {
        if (options.url === `${BFF}/api/v1/hospital/campuses`) return { statusCode: 200, data: { campuses } };
        if (options.url === `${BFF}/api/v1/hospital/departments?campusId=01`) return { statusCode: 200, data: { departments } };
        return { statusCode: 404, data: { code: 'NOT_FOUND', message: '没有找到相关内容', requestId: 'x' } };
      },
    });
    await waitFor(() => text(page).includes('心血管内科'), 'departments did not render');
    expect(text(page)).toContain('东院区');
    expect(text(page)).toContain('本院门诊楼2楼B区');
    expect(text(page)).toContain('共 2 个科室');
    const requests = wx.calls.filter((call) => call.name === 'request');
    expect(requests.map((call) => call.options.header.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });
});
