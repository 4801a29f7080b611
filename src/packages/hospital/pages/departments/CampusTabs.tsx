import { ScrollView, Text, View } from '@tarojs/components';
import type { CampusView } from '@contract/api';

export interface CampusTabsProps {
  campuses: CampusView[];
  selectedId: string;
  onSelect: (campusId: string) => void;
}

/** The campuses as segments (scrolls sideways when there are many). */
export default function CampusTabs({ campuses, selectedId, onSelect }: CampusTabsProps) {
  return (
    <ScrollView className='campus-tabs' scrollX enhanced showScrollbar={false}>
      <View className='campus-tabs__row'>
        {campuses.map((campus) => {
          const selected = campus.id === selectedId;
          return (
            <View
              key={campus.id}
              className={`campus-tabs__tab${selected ? ' campus-tabs__tab--selected' : ''}`}
              onClick={() => onSelect(campus.id)}
            >
              <Text className='campus-tabs__label'>{campus.name}</Text>
            </View>
          );
        })}
      </View>
    </ScrollView>
  );
}
