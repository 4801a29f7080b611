import { Image, Text, View } from '@tarojs/components';
import './index.scss';

export interface ServiceItem {
  key: string;
  title: string;
  /** One short line under the title. */
  hint?: string;
  icon: string;
  onClick: () => void;
}

export interface ServiceGridProps {
  title: string;
  items: ServiceItem[];
}

/** The home page's grid of services: only what works is listed. */
export default function ServiceGrid({ title, items }: ServiceGridProps) {
  return (
    <View className='service-grid'>
      <Text className='service-grid__title'>{title}</Text>
      <View className='service-grid__items'>
        {items.map((item) => (
          <View
            key={item.key}
            className='service-grid__item'
            hoverClass='service-grid__item--pressed'
            onClick={item.onClick}
          >
            <View className='service-grid__icon'>
              <Image className='service-grid__icon-image' src={item.icon} mode='aspectFit' />
            </View>
            <Text className='service-grid__label'>{item.title}</Text>
            {item.hint && <Text className='service-grid__hint'>{item.hint}</Text>}
          </View>
        ))}
      </View>
    </View>
  );
}
