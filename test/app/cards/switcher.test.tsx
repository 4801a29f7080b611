import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import CardSwitcher from '../../../src/components/CardSwitcher';
import CurrentCard from '../../../src/containers/CurrentCard';
import { ROUTES } from '../../../src/routes';
import * as service from '../../../src/services/cards';
import { ApiError } from '../../../src/services/api-error';
import { useCards, useCurrentCard } from '../../../src/stores/cards';
import { useSession } from '../../../src/stores/session';
import { giveConsent, nextFrame, renderSettled, resetApp } from '../helpers';
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

const noop = () => undefined;

describe('CardSwitcher (presentational)', () => {
  it('shows the current card, and in its sheet every card with the current one checked', async () => {
    const onSwitch = jest.fn();
    render(
      <CardSwitcher state={{ kind: 'ready', cards: [ZHANG, LIU, LI_INPATIENT], limit: 5 }} switchingId={null} onSwitch={onSwitch} onAdd={noop} onManage={noop} />,
    );
    await nextFrame();
    expect(document.querySelector('.card-switcher')).toHaveTextContent('当前就诊人张*本人就诊卡号 5000100001切换');
    fireEvent.click(screen.getByText('切换'));
    expect(await screen.findByText('选择就诊人')).toBeInTheDocument();
    expect(screen.getByText('已绑定 3/5 张')).toBeInTheDocument();
    const items = Array.from(document.querySelectorAll('.card-sheet__item'));
    expect(items.map((item) => item.classList.contains('card-sheet__item--selected'))).toEqual([true, false, false]);
    expect(items[2]).toHaveTextContent('住院');
    // choosing the current card changes nothing; another one switches and closes the sheet
    fireEvent.click(items[0] as Element);
    expect(onSwitch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('切换'));
    fireEvent.click(await screen.findByText('刘**'));
    expect(onSwitch).toHaveBeenCalledWith(LIU.id);
    expect(screen.queryByText('选择就诊人')).not.toBeInTheDocument();
  });

  it('shows the switch under way', async () => {
    render(<CardSwitcher state={{ kind: 'ready', cards: [ZHANG, LIU], limit: 5 }} switchingId={LIU.id} onSwitch={noop} onAdd={noop} onManage={noop} />);
    expect(await screen.findByText('切换中…')).toBeInTheDocument();
  });

  it('invites to bind when there is no card, and offers the action of an error', async () => {
    const onAdd = jest.fn();
    const { rerender } = render(<CardSwitcher state={{ kind: 'ready', cards: [], limit: 5 }} switchingId={null} onSwitch={noop} onAdd={onAdd} onManage={noop} />);
    fireEvent.click(await screen.findByText('去绑定'));
    expect(onAdd).toHaveBeenCalled();
    const onAction = jest.fn();
    rerender(<CardSwitcher state={{ kind: 'error', message: '就诊卡加载失败', actionText: '重试', onAction }} switchingId={null} onSwitch={noop} onAdd={noop} onManage={noop} />);
    fireEvent.click(await screen.findByText('重试'));
    expect(onAction).toHaveBeenCalled();
    rerender(<CardSwitcher state={{ kind: 'loading' }} switchingId={null} onSwitch={noop} onAdd={noop} onManage={noop} />);
    expect(await screen.findByText('正在加载就诊卡…')).toBeInTheDocument();
  });

  it('at the limit, says so and does not offer to add', async () => {
    const onAdd = jest.fn();
    render(<CardSwitcher state={{ kind: 'ready', cards: [ZHANG, LIU], limit: 2 }} switchingId={null} onSwitch={noop} onAdd={onAdd} onManage={noop} />);
    fireEvent.click(await screen.findByText('切换'));
    expect(await screen.findByText('每个账号最多绑定2张就诊卡，如需添加请先解绑不再使用的卡')).toBeInTheDocument();
    expect(document.querySelector('.card-sheet__button--primary')).toHaveClass('card-sheet__button--off');
    fireEvent.click(screen.getByText('添加就诊卡'));
    expect(onAdd).not.toHaveBeenCalled();
  });
});

/** What a feature page sees: the current card from the store. */
function FeaturePage() {
  const card = useCurrentCard();
  return (
    <>
      <CurrentCard />
      <span data-testid='acting-on'>{card?.cardNo ?? '无'}</span>
    </>
  );
}

describe('CurrentCard (the switcher on the cards store)', () => {
  it('loads the cards, and switching makes the whole app act on the chosen card', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.setDefaultCard.mockResolvedValue(undefined);
    await renderSettled(<FeaturePage />);
    await waitFor(() => expect(screen.getByTestId('acting-on')).toHaveTextContent('5000100001'));
    fireEvent.click(screen.getByText('切换'));
    fireEvent.click(await screen.findByText('刘**'));
    await waitFor(() => expect(screen.getByTestId('acting-on')).toHaveTextContent('5000100004'));
    expect(api.setDefaultCard).toHaveBeenCalledWith(LIU.id);
    expect(document.querySelector('.card-switcher')).toHaveTextContent('刘**子女');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已切换就诊人' }));
  });

  it('keeps the current card and says why when switching fails', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.setDefaultCard.mockRejectedValue(errors.unavailable());
    await renderSettled(<FeaturePage />);
    fireEvent.click(await screen.findByText('切换'));
    fireEvent.click(await screen.findByText('刘**'));
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '医院系统暂时无法访问，请稍后再试' })));
    expect(screen.getByTestId('acting-on')).toHaveTextContent('5000100001');
  });

  it('opens 绑定就诊卡 and 就诊卡管理', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG]));
    await renderSettled(<CurrentCard />);
    fireEvent.click(await screen.findByText('切换'));
    fireEvent.click(await screen.findByText('添加就诊卡'));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.cardBind });
    fireEvent.click(screen.getByText('切换'));
    fireEvent.click(await screen.findByText('管理就诊卡'));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.cardList });
  });

  it('offers 登录 when the session is gone, and 重试 after a failure', async () => {
    const login = jest.fn(async () => undefined);
    useSession.setState({ login });
    api.fetchCards.mockRejectedValueOnce(new ApiError({ status: 401, code: 'UNAUTHORIZED' }));
    await renderSettled(<CurrentCard />);
    fireEvent.click(await screen.findByText('登录'));
    expect(login).toHaveBeenCalled();

    api.fetchCards.mockRejectedValueOnce(errors.unavailable()).mockResolvedValueOnce(cardsResponse([ZHANG]));
    act(() => useCards.getState().reset());
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('张*')).toBeInTheDocument();
  });
});
