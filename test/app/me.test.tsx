import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import MePage from '../../src/pages/me';
import { ROUTES, cardDetailUrl } from '../../src/routes';
import { ApiError } from '../../src/services/api-error';
import * as service from '../../src/services/cards';
import { useConsent } from '../../src/stores/consent';
import { useSession } from '../../src/stores/session';
import { STORAGE_KEYS } from '../../src/utils/storage';
import { LIU, ZHANG, cardsResponse, errors } from './cards/fixtures';
import { giveConsent, nextFrame, renderSettled, resetApp } from './helpers';

jest.mock('../../src/services/cards');
const api = jest.mocked(service);

const USER = { id: 'u1', createdAt: '2026-11-01T02:00:00.000Z' };

function loggedIn(): void {
  useSession.setState({ status: 'loggedIn', token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user: USER, error: null });
}

let showModal: jest.SpyInstance;
let showToast: jest.SpyInstance;

beforeEach(() => {
  jest.mocked(api.fetchCards).mockReset().mockResolvedValue(cardsResponse([]));
  resetApp();
  giveConsent('2026-11-20T08:00:00.000Z');
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
});

afterEach(() => {
  showModal.mockRestore();
  showToast.mockRestore();
});

describe('me page, logged out', () => {
  beforeEach(() => {
    useSession.setState({ status: 'loggedOut' });
  });

  it('offers to log in, says the cards need a login, and keeps the settings', async () => {
    await renderSettled(<MePage />);
    expect(screen.getByText('登录后可查看就诊卡等个人服务')).toBeInTheDocument();
    expect(screen.getByText('登录')).toBeInTheDocument();
    expect(screen.getByText('我的就诊卡')).toBeInTheDocument();
    expect(screen.getByText('登录后可查看您的就诊卡')).toBeInTheDocument();
    expect(screen.getByText('隐私政策')).toBeInTheDocument();
    expect(screen.getByText('关于')).toBeInTheDocument();
    expect(screen.queryByText('退出登录')).not.toBeInTheDocument();
    expect(screen.queryByText('微信用户')).not.toBeInTheDocument();
  });

  it('logs in on 登录', async () => {
    const login = jest.fn(async () => undefined);
    useSession.setState({ login });
    await renderSettled(<MePage />);
    fireEvent.click(screen.getByText('登录'));
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('shows 正在登录… while logging in', async () => {
    useSession.setState({ status: 'loggingIn' });
    await renderSettled(<MePage />);
    expect(screen.getByText('正在登录…')).toBeInTheDocument();
  });

  it('shows why a login failed and offers 重新登录', async () => {
    const login = jest.fn(async () => undefined);
    useSession.setState({ status: 'failed', error: new ApiError({ status: 0, code: 'NETWORK_ERROR' }), login });
    await renderSettled(<MePage />);
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重新登录'));
    expect(login).toHaveBeenCalledTimes(1);
  });
});

describe('me page, logged in', () => {
  beforeEach(loggedIn);

  it('shows the user, an empty card list with 添加就诊卡, and 退出登录', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    await renderSettled(<MePage />);
    expect(screen.getByText('微信用户')).toBeInTheDocument();
    expect(screen.getByText('注册于2026年11月1日')).toBeInTheDocument();
    expect(await screen.findByText('还没有绑定就诊卡')).toBeInTheDocument();
    fireEvent.click(screen.getByText('添加就诊卡'));
    expect(navigateTo).toHaveBeenCalledWith({ url: ROUTES.cardBind });
    navigateTo.mockRestore();
    expect(screen.getByText('退出登录')).toBeInTheDocument();
    expect(screen.queryByText('登录')).not.toBeInTheDocument();
    // nothing raw: the user id is not shown
    expect(document.body).not.toHaveTextContent('u1');
  });

  it('lists the family’s cards with masked names, and opens them, 添加就诊卡 and 管理', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    await renderSettled(<MePage />);
    await screen.findByText('张*');
    const items = Array.from(document.querySelectorAll('.family-cards__item'));
    expect(items.map((item) => item.textContent)).toEqual(['张张*本人默认就诊卡号 5000100001', '刘刘**子女就诊卡号 5000100004']);
    fireEvent.click(items[1] as Element);
    fireEvent.click(screen.getByText('添加就诊卡'));
    fireEvent.click(screen.getByText('管理'));
    expect(navigateTo.mock.calls.map(([option]) => option)).toEqual([{ url: cardDetailUrl(LIU.id) }, { url: ROUTES.cardBind }, { url: ROUTES.cardList }]);
    navigateTo.mockRestore();
  });

  it('says when the cards could not be loaded, and retries', async () => {
    api.fetchCards.mockRejectedValueOnce(errors.unavailable()).mockResolvedValueOnce(cardsResponse([ZHANG]));
    await renderSettled(<MePage />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('张*')).toBeInTheDocument();
  });

  it('logs out after confirmation', async () => {
    const logout = jest.fn(async () => {
      useSession.setState({ status: 'loggedOut', token: null, user: null });
    });
    useSession.setState({ logout });
    await renderSettled(<MePage />);
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(logout).toHaveBeenCalledTimes(1));
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '退出登录' }));
    expect(await screen.findByText('登录后可查看就诊卡等个人服务')).toBeInTheDocument();
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退出登录' }));
  });

  it('stays logged in when the confirmation is cancelled', async () => {
    showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    const logout = jest.fn(async () => undefined);
    useSession.setState({ logout });
    await renderSettled(<MePage />);
    fireEvent.click(screen.getByText('退出登录'));
    await nextFrame();
    expect(logout).not.toHaveBeenCalled();
  });

  it('re-reads the privacy notice and closes it', async () => {
    await renderSettled(<MePage />);
    fireEvent.click(screen.getByText('隐私政策'));
    expect(await screen.findByText('隐私保护指引')).toBeInTheDocument();
    expect(screen.getByText('您已于2026年11月20日同意本指引')).toBeInTheDocument();
    fireEvent.click(screen.getByText('我知道了'));
    await waitFor(() => expect(screen.queryByText('隐私保护指引')).not.toBeInTheDocument());
  });

  it('withdraws the consent: logs out, forgets the consent and the device id, and asks again', async () => {
    Taro.setStorageSync(STORAGE_KEYS.deviceId, 'abcdef');
    const logout = jest.fn(async () => {
      useSession.setState({ status: 'loggedOut', token: null, user: null });
    });
    useSession.setState({ logout });
    await renderSettled(<MePage />);
    fireEvent.click(screen.getByText('隐私政策'));
    fireEvent.click(await screen.findByText('撤回同意'));
    expect(await screen.findByText('同意并继续')).toBeInTheDocument();
    expect(logout).toHaveBeenCalledTimes(1);
    expect(useConsent.getState().record).toBeNull();
    expect(Taro.getStorageSync(STORAGE_KEYS.consent)).toBe('');
    expect(Taro.getStorageSync(STORAGE_KEYS.deviceId)).toBe('');
  });

  it('shows 关于 with the hospital name and version', async () => {
    await renderSettled(<MePage />);
    fireEvent.click(screen.getByText('关于'));
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '关于', content: expect.stringContaining('黔中市第一人民医院') }),
    );
  });
});
