import { Text, View } from '@tarojs/components';
import type { DepartmentView } from '@contract/api';

/** Departments with where to find them. */
export default function DepartmentList({ departments }: { departments: DepartmentView[] }) {
  return (
    <View className='department-list'>
      {departments.map((department) => (
        <View key={department.id} className='department-list__item'>
          <Text className='department-list__name'>{department.name}</Text>
          <View className='department-list__place'>
            <View className='department-list__pin' />
            <Text className='department-list__location'>{department.location || '位置请咨询导诊台'}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
