import Taro from '@tarojs/taro';
import { fireEvent, screen } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import { ROUTES } from '../../src/routes';
import * as service from '../../src/services/cards';
import { LIU, ZHANG, cardsResponse, loggedIn } from './cards/fixtures';
import { giveConsent, renderSettled, resetApp } from './helpers';

jest.mock('../../src/services/cards');
const api = jest.mocked(service);

beforeEach(() => {
  jest.resetAllMocks();
  resetApp();
  giveConsent();
  loggedIn();
  api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
});

describe('home page', () => {
  it('shows the hospital name and only the services that work', async () => {
    await renderSettled(<HomePage />);
    expect(screen.getByText('黔中市第一人民医院')).toBeInTheDocument();
    expect(screen.getByText('医疗服务')).toBeInTheDocument();
    const tiles = Array.from(document.querySelectorAll('.service-grid__item'));
    expect(tiles.map((tile) => tile.querySelector('.service-grid__label')?.textContent)).toEqual(['绑定就诊卡', '我的就诊卡', '科室导航']);
    for (const missing of ['预约挂号', '门诊缴费', '报告查询']) {
      expect(screen.queryByText(missing)).not.toBeInTheDocument();
    }
  });

  it('shows the current card in the header, with the switcher', async () => {
    await renderSettled(<HomePage />);
    expect(await screen.findByText('当前就诊人')).toBeInTheDocument();
    expect(document.querySelector('.home__banner .card-switcher--brand')).toHaveTextContent('张*本人就诊卡号 5000100001切换');
  });

  it('invites to bind a card when there is none', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([]));
    await renderSettled(<HomePage />);
    expect(await screen.findByText('还没有绑定就诊卡')).toBeInTheDocument();
    expect(screen.getByText('去绑定')).toBeInTheDocument();
  });

  it('opens 绑定就诊卡, 我的就诊卡 and 科室导航 in their subpackages', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    await renderSettled(<HomePage />);
    fireEvent.click(screen.getByText('绑定就诊卡'));
    fireEvent.click(screen.getByText('我的就诊卡'));
    fireEvent.click(screen.getByText('科室导航'));
    expect(navigateTo.mock.calls.map(([option]) => option)).toEqual([{ url: ROUTES.cardBind }, { url: ROUTES.cardList }, { url: ROUTES.departments }]);
    expect(ROUTES.cardBind).toBe('/packages/card/pages/bind/index');
    expect(ROUTES.cardList).toBe('/packages/card/pages/list/index');
    expect(ROUTES.departments).toBe('/packages/hospital/pages/departments/index');
    navigateTo.mockRestore();
  });
});
