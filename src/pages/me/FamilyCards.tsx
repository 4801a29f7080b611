import { Text, View } from '@tarojs/components';
import type { CardSummary } from '@contract/api';
import { RELATION_LABELS } from '@/utils/card-form';

export interface FamilyCardsProps {
  cards: CardSummary[];
  limit: number;
  onOpen: (id: string) => void;
  onAdd: () => void;
  onManage: () => void;
}

/** The family's cards on 我的: who, which card, which one is the default; then 添加就诊卡 and 管理. */
export default function FamilyCards({ cards, limit, onOpen, onAdd, onManage }: FamilyCardsProps) {
  const full = cards.length >= limit;
  return (
    <View className='family-cards'>
      {cards.map((card) => (
        <View key={card.id} className='family-cards__item' hoverClass='family-cards__item--pressed' onClick={() => onOpen(card.id)}>
          <View className='family-cards__avatar'>
            <Text className='family-cards__avatar-text'>{Array.from(card.holderName)[0]}</Text>
          </View>
          <View className='family-cards__text'>
            <View className='family-cards__line'>
              <Text className='family-cards__name'>{card.holderName}</Text>
              <Text className='family-cards__tag'>{RELATION_LABELS[card.relation]}</Text>
              {card.isDefault && <Text className='family-cards__tag family-cards__tag--default'>默认</Text>}
            </View>
            <Text className='family-cards__no'>
              {card.kind === 'inpatient' ? '住院号' : '就诊卡号'} {card.cardNo}
            </Text>
          </View>
          <View className='family-cards__arrow' />
        </View>
      ))}
      <View className='family-cards__actions'>
        <View className={`family-cards__action${full ? ' family-cards__action--disabled' : ''}`} onClick={full ? undefined : onAdd}>
          <Text className='family-cards__action-text'>{full ? `已达上限${limit}张` : '添加就诊卡'}</Text>
        </View>
        <View className='family-cards__action' onClick={onManage}>
          <Text className='family-cards__action-text'>管理</Text>
        </View>
      </View>
    </View>
  );
}
