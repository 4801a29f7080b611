import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { CardSummary } from '@contract/api';
import { useTabBarHidden } from '@/hooks/useTabBarHidden';
import { RELATION_LABELS } from '@/utils/card-form';
import './index.scss';

export type CardSwitcherState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; actionText: string; onAction: () => void }
  | { kind: 'ready'; cards: CardSummary[]; limit: number };

export interface CardSwitcherProps {
  state: CardSwitcherState;
  /** The card being switched to, while it happens. */
  switchingId: string | null;
  /** `brand` sits on the green header of the home page; `plain` on a white page. */
  tone?: 'brand' | 'plain';
  onSwitch: (id: string) => void;
  onAdd: () => void;
  onManage: () => void;
}

/** Who the app acts for: "张* · 本人 · 5000100001", a sheet to choose another of the family's cards, add or manage. */
export default function CardSwitcher({ state, switchingId, tone = 'plain', onSwitch, onAdd, onManage }: CardSwitcherProps) {
  const [open, setOpen] = useState(false);
  useTabBarHidden(open);
  const className = `card-switcher card-switcher--${tone}`;

  if (state.kind === 'loading') {
    return (
      <View className={className}>
        <Text className='card-switcher__muted'>正在加载就诊卡…</Text>
      </View>
    );
  }
  if (state.kind === 'error') {
    return (
      <View className={className}>
        <Text className='card-switcher__muted'>{state.message}</Text>
        <Button className='card-switcher__action' onClick={state.onAction}>
          {state.actionText}
        </Button>
      </View>
    );
  }

  const { cards, limit } = state;
  const current = cards.find((card) => card.isDefault) ?? cards[0];
  if (!current) {
    return (
      <View className={className}>
        <View className='card-switcher__text'>
          <Text className='card-switcher__title'>还没有绑定就诊卡</Text>
          <Text className='card-switcher__sub'>绑定后即可为本人和家人办理业务</Text>
        </View>
        <Button className='card-switcher__action' onClick={onAdd}>
          去绑定
        </Button>
      </View>
    );
  }

  const choose = (id: string): void => {
    setOpen(false);
    if (id !== current.id) onSwitch(id);
  };
  const full = cards.length >= limit;

  return (
    <>
      <View className={className} onClick={() => setOpen(true)}>
        <View className='card-switcher__avatar'>
          <Text className='card-switcher__avatar-text'>{Array.from(current.holderName)[0]}</Text>
        </View>
        <View className='card-switcher__text'>
          <View className='card-switcher__line'>
            <Text className='card-switcher__label'>当前就诊人</Text>
            <Text className='card-switcher__title'>{current.holderName}</Text>
            <Text className='card-switcher__tag'>{RELATION_LABELS[current.relation]}</Text>
          </View>
          <Text className='card-switcher__sub'>
            {current.kind === 'inpatient' ? '住院号' : '就诊卡号'} {current.cardNo}
          </Text>
        </View>
        <View className='card-switcher__switch'>
          <Text className='card-switcher__switch-text'>{switchingId ? '切换中…' : '切换'}</Text>
        </View>
      </View>

      {open && (
        <View className='card-sheet' catchMove>
          <View className='card-sheet__mask' onClick={() => setOpen(false)} />
          <View className='card-sheet__panel'>
            <View className='card-sheet__header'>
              <Text className='card-sheet__title'>选择就诊人</Text>
              <Text className='card-sheet__count'>
                已绑定 {cards.length}/{limit} 张
              </Text>
            </View>
            <View className='card-sheet__list'>
              {cards.map((card) => {
                const selected = card.id === current.id;
                return (
                  <View
                    key={card.id}
                    className={`card-sheet__item${selected ? ' card-sheet__item--selected' : ''}`}
                    onClick={() => choose(card.id)}
                  >
                    <View className='card-sheet__item-text'>
                      <View className='card-switcher__line'>
                        <Text className='card-sheet__name'>{card.holderName}</Text>
                        <Text className='card-switcher__tag'>{RELATION_LABELS[card.relation]}</Text>
                        {card.kind === 'inpatient' && <Text className='card-switcher__tag card-switcher__tag--accent'>住院</Text>}
                      </View>
                      <Text className='card-sheet__no'>{card.cardNo}</Text>
                    </View>
                    <View className={`card-sheet__radio${selected ? ' card-sheet__radio--on' : ''}`} />
                  </View>
                );
              })}
            </View>
            {full && <Text className='card-sheet__hint'>每个账号最多绑定{limit}张就诊卡，如需添加请先解绑不再使用的卡</Text>}
            <View className='card-sheet__footer'>
              <Button
                className='card-sheet__button'
                onClick={() => {
                  setOpen(false);
                  onManage();
                }}
              >
                管理就诊卡
              </Button>
              <Button
                className={`card-sheet__button card-sheet__button--primary${full ? ' card-sheet__button--off' : ''}`}
                onClick={() => {
                  if (full) return;
                  setOpen(false);
                  onAdd();
                }}
              >
                添加就诊卡
              </Button>
            </View>
          </View>
        </View>
      )}
    </>
  );
}
