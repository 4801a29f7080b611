import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import { startApp } from '../../src/bootstrap';
import { PRIVACY_NOTICE_VERSION } from '../../src/content/privacy';
import { useConsent } from '../../src/stores/consent';
import { useSession } from '../../src/stores/session';
import { STORAGE_KEYS } from '../../src/utils/storage';
import { type RequestOption, fakeTask, giveConsent, renderSettled, resetApp } from './helpers';

let requests: RequestOption[];
let requestMock: jest.SpiedFunction<typeof Taro.request>;

beforeEach(() => {
  resetApp();
  requests = [];
  // The WeChat sandbox hands out a code; the BFF turns it into a session.
  requestMock = jest.spyOn(Taro, 'request').mockImplementation((option) => {
    requests.push(option);
    const data = option.url.endsWith('/sandbox/login-code')
      ? { code: 'code-1' }
      : option.url.endsWith('/api/v1/cards')
        ? { cards: [], limit: 5 }
        : { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 'u1', createdAt: '2026-11-29T00:00:00.000Z' } };
    return fakeTask({ statusCode: 200, data });
  });
});

afterEach(() => {
  requestMock.mockRestore();
});

describe('privacy notice on first launch', () => {
  it('shows the notice instead of the page, and sends nothing', async () => {
    startApp();
    await renderSettled(<HomePage />);
    expect(screen.getByText('隐私保护指引')).toBeInTheDocument();
    for (const heading of ['我们收集的信息', '谁能看到这些信息', '如何撤回同意']) {
      expect(screen.getByText(heading)).toBeInTheDocument();
    }
    expect(screen.getByText(/就诊人姓名、身份证号、手机号/)).toBeInTheDocument();
    expect(screen.getByText(/支付与退款记录/)).toBeInTheDocument();
    expect(screen.queryByText('医疗服务')).not.toBeInTheDocument();
    expect(requests).toHaveLength(0);
    expect(useSession.getState().status).toBe('idle');
  });

  it('同意 stores the consent with the notice version, shows the page and logs in silently', async () => {
    startApp();
    await renderSettled(<HomePage />);
    fireEvent.click(screen.getByText('同意并继续'));

    expect(await screen.findByText('医疗服务')).toBeInTheDocument();
    expect(Taro.getStorageSync(STORAGE_KEYS.consent)).toMatchObject({ version: PRIVACY_NOTICE_VERSION });
    await waitFor(() => expect(useSession.getState().status).toBe('loggedIn'));
    // H5: a code from the WeChat sandbox (device id kept in storage), then the BFF login; only then the header's
    // card switcher asks for the user's cards, with the new token
    await waitFor(() => expect(requests).toHaveLength(3));
    expect(requests.map((request) => request.url)).toEqual([
      'http://127.0.0.1:4020/sandbox/login-code',
      'http://127.0.0.1:4000/api/v1/auth/login',
      'http://127.0.0.1:4000/api/v1/cards',
    ]);
    expect(requests[2]?.header).toMatchObject({ Authorization: 'Bearer tok' });
    const deviceId = Taro.getStorageSync(STORAGE_KEYS.deviceId) as string;
    expect(deviceId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(String(requests[0]?.data))).toEqual({ deviceId });
    expect(JSON.parse(String(requests[1]?.data))).toEqual({ code: 'code-1' });
    expect(Taro.getStorageSync(STORAGE_KEYS.session)).toMatchObject({ token: 'tok', user: { id: 'u1' } });
  });

  it('不同意 explains that the app cannot be used and offers to read the notice again', async () => {
    startApp();
    await renderSettled(<HomePage />);
    fireEvent.click(screen.getByText('不同意'));

    expect(await screen.findByText('需要您的同意才能继续')).toBeInTheDocument();
    expect(screen.getByText(/未经您同意，我们不会收集任何信息/)).toBeInTheDocument();
    expect(screen.queryByText('医疗服务')).not.toBeInTheDocument();
    expect(Taro.getStorageSync(STORAGE_KEYS.consent)).toBe('');
    expect(requests).toHaveLength(0);

    fireEvent.click(screen.getByText('重新阅读'));
    expect(await screen.findByText('同意并继续')).toBeInTheDocument();
    expect(useConsent.getState().declined).toBe(false);
  });

  it('does not ask again once accepted, and logs in at launch', async () => {
    giveConsent();
    startApp();
    await renderSettled(<HomePage />);
    expect(screen.queryByText('隐私保护指引')).not.toBeInTheDocument();
    expect(screen.getByText('医疗服务')).toBeInTheDocument();
    await waitFor(() => expect(useSession.getState().status).toBe('loggedIn'));
  });

  it('reuses a stored session that is still valid instead of logging in again', async () => {
    giveConsent();
    Taro.setStorageSync(STORAGE_KEYS.session, {
      token: 'kept',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: 'u9', createdAt: '2026-11-01T00:00:00.000Z' },
    });
    startApp();
    await renderSettled(<HomePage />);
    expect(useSession.getState()).toMatchObject({ status: 'loggedIn', token: 'kept' });
    // no login: the only request is the home page's card list, with the kept token
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatchObject({ url: 'http://127.0.0.1:4000/api/v1/cards', header: { Authorization: 'Bearer kept' } });
  });

  it('asks again when the notice has a new version', async () => {
    Taro.setStorageSync(STORAGE_KEYS.consent, { version: '2000-01-01', acceptedAt: '2000-01-01T00:00:00.000Z' });
    resetApp();
    startApp();
    await renderSettled(<HomePage />);
    expect(screen.getByText('同意并继续')).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
