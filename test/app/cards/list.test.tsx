import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import CardListPage from '../../../src/packages/card/pages/list';
import { ROUTES, cardDetailUrl } from '../../../src/routes';
import * as service from '../../../src/services/cards';
import { ApiError } from '../../../src/services/api-error';
import { giveConsent, renderSettled, resetApp } from '../helpers';
import { LIU, LI_INPATIENT, ZHANG, cardsResponse, errors, loggedIn } from './fixtures';

jest.mock('../../../src/services/cards');
const api = jest.mocked(service);

let navigateTo: jest.SpyInstance;
let showToast: jest.SpyInstance;

beforeEach(() => {
  jest.resetAllMocks();
  resetApp();
  giveConsent();
  loggedIn();
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function tiles(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.card-list__item'));
}

describe('就诊卡管理', () => {
  it('lists the family’s cards: masked name, relation, number, the default badge', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU, LI_INPATIENT]));
    await renderSettled(<CardListPage />);
    await waitFor(() => expect(tiles()).toHaveLength(3));
    const [zhang, liu, li] = tiles() as [HTMLElement, HTMLElement, HTMLElement];
    expect(zhang).toHaveTextContent('张*');
    expect(zhang).toHaveTextContent('本人');
    expect(zhang).toHaveTextContent('卡号 5000100001');
    expect(within(zhang).getByText('默认')).toBeInTheDocument();
    expect(within(zhang).queryByText('设为默认')).not.toBeInTheDocument();
    expect(liu).toHaveTextContent('刘**');
    expect(liu).toHaveTextContent('子女');
    expect(within(liu).queryByText('默认')).not.toBeInTheDocument();
    expect(li).toHaveTextContent('住院号 ZY20261101');
    expect(li).toHaveTextContent('父母');
    expect(screen.getByText('已绑定 3/5 张')).toBeInTheDocument();
    // nobody's full name is on this page
    expect(document.body).not.toHaveTextContent('张伟');
  });

  it('sets another card as the default', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.setDefaultCard.mockResolvedValue(undefined);
    await renderSettled(<CardListPage />);
    await waitFor(() => expect(tiles()).toHaveLength(2));
    fireEvent.click(within(tiles()[1] as HTMLElement).getByText('设为默认'));
    await waitFor(() => expect(within(tiles()[1] as HTMLElement).getByText('默认')).toBeInTheDocument());
    expect(api.setDefaultCard).toHaveBeenCalledWith(LIU.id);
    expect(within(tiles()[0] as HTMLElement).getByText('设为默认')).toBeInTheDocument();
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已设为默认' }));
    // 设为默认 does not also open the card
    expect(navigateTo).not.toHaveBeenCalled();
  });

  it('says why a card could not be made the default', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.setDefaultCard.mockRejectedValue(errors.notFound());
    await renderSettled(<CardListPage />);
    await waitFor(() => expect(tiles()).toHaveLength(2));
    fireEvent.click(within(tiles()[1] as HTMLElement).getByText('设为默认'));
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有找到相关内容' })));
    expect(within(tiles()[0] as HTMLElement).getByText('默认')).toBeInTheDocument();
  });

  it('opens a card’s detail, and adds one', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG]));
    await renderSettled(<CardListPage />);
    await waitFor(() => expect(tiles()).toHaveLength(1));
    fireEvent.click(within(tiles()[0] as HTMLElement).getByText('张*'));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: cardDetailUrl(ZHANG.id) });
    fireEvent.click(screen.getByText('添加就诊卡'));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.cardBind });
    fireEvent.click(screen.getByText('在线办卡'));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.cardCreate });
  });

  it('explains the limit instead of offering to add', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU], 2));
    await renderSettled(<CardListPage />);
    expect(await screen.findByText('每个账号最多绑定2张就诊卡。如需添加，请先解除不再使用的就诊卡。')).toBeInTheDocument();
    expect(document.querySelector('.card-list__add')).toBeNull();
  });

  it('invites to bind the first card', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([]));
    await renderSettled(<CardListPage />);
    expect(await screen.findByText('还没有绑定就诊卡')).toBeInTheDocument();
    fireEvent.click(screen.getByText('绑定就诊卡'));
    expect(navigateTo).toHaveBeenCalledWith({ url: ROUTES.cardBind });
  });

  it('offers 重试 after a failure', async () => {
    api.fetchCards.mockRejectedValueOnce(errors.unavailable()).mockResolvedValueOnce(cardsResponse([ZHANG]));
    await renderSettled(<CardListPage />);
    expect(await screen.findByText('医院系统暂时无法访问，请稍后再试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(tiles()).toHaveLength(1));
  });

  it('offers 登录 when the session is gone', async () => {
    api.fetchCards.mockRejectedValue(new ApiError({ status: 401, code: 'UNAUTHORIZED' }));
    await renderSettled(<CardListPage />);
    expect(await screen.findByText('登录后管理您的就诊卡')).toBeInTheDocument();
  });
});
