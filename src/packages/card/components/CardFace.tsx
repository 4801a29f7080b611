import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CardKind, Relation } from '@contract/api';
import { appConfig } from '@/config';
import { RELATION_LABELS } from '@/utils/card-form';

export interface CardFaceProps {
  /** Masked in lists (张*), in full on the holder's own detail screen. */
  name: string;
  kind: CardKind;
  relation: Relation;
  cardNo: string;
  isDefault: boolean;
  /** Actions at the bottom of the card (设为默认 …). */
  children?: ReactNode;
  onClick?: () => void;
}

/** A medical card as the patient knows it: the hospital, the holder, the number. */
export default function CardFace({ name, kind, relation, cardNo, isDefault, children, onClick }: CardFaceProps) {
  return (
    <View className={`card-face card-face--${kind}`} hoverClass={onClick ? 'card-face--pressed' : 'none'} onClick={onClick}>
      <View className='card-face__top'>
        <Text className='card-face__hospital'>{appConfig.hospitalName}</Text>
        <Text className='card-face__kind'>{kind === 'inpatient' ? '住院' : '就诊卡'}</Text>
      </View>
      <View className='card-face__holder'>
        <Text className='card-face__name'>{name}</Text>
        <Text className='card-face__tag'>{RELATION_LABELS[relation]}</Text>
        {isDefault && <Text className='card-face__tag card-face__tag--default'>默认</Text>}
      </View>
      <View className='card-face__bottom'>
        <Text className='card-face__no'>
          {kind === 'inpatient' ? '住院号' : '卡号'} {cardNo}
        </Text>
        {children}
      </View>
    </View>
  );
}
