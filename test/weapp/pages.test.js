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
      requestHandler: (options) => (options.url === `${BFF}/api/v1/auth/login` ? LOGIN_ANSWER : { statusCode: 404, data: null }),
    });
    page.querySelector('.privacy__button--primary').dispatchEvent('tap');
    await sleep(50);

    expect(text(page)).toContain('黔中市第一人民医院');
    expect(text(page)).toContain('医疗服务');
    expect(text(page)).toContain('科室导航');
    expect(wx.storage.get('ph.consent')).toMatchObject({ version: CONSENT.version });
    const names = wx.calls.map((call) => call.name);
    expect(names).toContain('login');
    const requests = wx.calls.filter((call) => call.name === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0].options).toMatchObject({ url: `${BFF}/api/v1/auth/login`, method: 'POST' });
    expect(JSON.parse(requests[0].options.data)).toEqual({ code: 'wx-code-1' });
    expect(wx.storage.get('ph.session')).toMatchObject({ token: 'tok-1' });
  });

  it('opens 科室导航 in the hospital subpackage', async () => {
    const { page, wx, sleep } = await openPage('pages/home/index', {
      storage: { 'ph.consent': CONSENT },
      requestHandler: () => LOGIN_ANSWER,
    });
    expect(page.querySelectorAll('.service-grid__item')).toHaveLength(1);
    page.querySelector('.service-grid__item').dispatchEvent('tap');
    await sleep(20);
    const navigations = wx.calls.filter((call) => call.name === 'navigateTo');
    expect(navigations.map((call) => call.options.url)).toEqual(['/packages/hospital/pages/departments/index']);
  });
});

describe('weapp build: me page (main package)', () => {
  it('shows the stored session’s user and the honest empty card list', async () => {
    const { page } = await openPage('pages/me/index', {
      storage: {
        'ph.consent': CONSENT,
        'ph.session': { token: 'tok-1', expiresAt: '2099-01-01T00:00:00.000Z', user: LOGIN_ANSWER.data.user },
      },
    });
    expect(text(page)).toContain('微信用户');
    expect(text(page)).toContain('注册于2026年11月1日');
    expect(text(page)).toContain('还没有绑定就诊卡');
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
