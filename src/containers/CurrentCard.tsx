import Taro from '@tarojs/taro';
import type { CardsResponse } from '@contract/api';
import CardSwitcher, { type CardSwitcherState } from '@/components/CardSwitcher';
import { ROUTES } from '@/routes';
import { atCardLimit, useCardList, useCards } from '@/stores/cards';
import type { Loadable } from '@/stores/loadable';
import { useSession } from '@/stores/session';

export interface CurrentCardProps {
  tone?: 'brand' | 'plain';
  /** After the patient chose another card (a page about one card follows the choice). */
  onSwitched?: (id: string) => void;
}

function switcherState(list: Loadable<CardsResponse>): CardSwitcherState {
  switch (list.status) {
    case 'idle':
    case 'loading':
      return { kind: 'loading' };
    case 'error':
      if (list.error.isSessionError) {
        return { kind: 'error', message: '登录后查看就诊卡', actionText: '登录', onAction: () => void useSession.getState().login() };
      }
      return { kind: 'error', message: '就诊卡加载失败', actionText: '重试', onAction: () => void useCards.getState().load(true) };
    case 'ready':
      return { kind: 'ready', cards: list.data.cards, limit: list.data.limit };
  }
}

/** The CardSwitcher wired to the cards store: every feature page shows it, and acts on the card it shows. */
export default function CurrentCard({ tone = 'plain', onSwitched }: CurrentCardProps) {
  const list = useCardList();
  const switching = useCards((state) => state.switching);

  const switchTo = async (id: string): Promise<void> => {
    try {
      await useCards.getState().setDefault(id);
      void Taro.showToast({ title: '已切换就诊人', icon: 'success' });
      onSwitched?.(id);
    } catch (error) {
      void Taro.showToast({ title: error instanceof Error ? error.message : '切换失败，请稍后重试', icon: 'none' });
    }
  };

  const add = (): void => {
    if (list.status === 'ready' && atCardLimit(list.data)) return;
    void Taro.navigateTo({ url: ROUTES.cardBind });
  };

  return (
    <CardSwitcher
      state={switcherState(list)}
      switchingId={switching}
      tone={tone}
      onSwitch={(id) => void switchTo(id)}
      onAdd={add}
      onManage={() => void Taro.navigateTo({ url: ROUTES.cardList })}
    />
  );
}
