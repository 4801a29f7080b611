import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface CellProps {
  title: string;
  /** Shown on the right, before the arrow. */
  value?: string;
  /** Red text, no arrow (退出登录). */
  danger?: boolean;
  onClick?: () => void;
}

/** A row of a settings list. */
export default function Cell({ title, value, danger = false, onClick }: CellProps) {
  return (
    <View
      className={`cell${danger ? ' cell--danger' : ''}`}
      hoverClass='cell--pressed'
      onClick={onClick}
    >
      <Text className='cell__title'>{title}</Text>
      {value && <Text className='cell__value'>{value}</Text>}
      {!danger && <View className='cell__arrow' />}
    </View>
  );
}

export function CellGroup({ children }: { children: ReactNode }) {
  return <View className='cell-group'>{children}</View>;
}
