import Taro from '@tarojs/taro';
import type { ServiceItem } from '@/components/ServiceGrid';
import { ROUTES } from '@/routes';
import departmentsIcon from '@/assets/icons/departments.png';

/** The services that work today. A service is listed here only once its pages are real. */
export function homeServices(): ServiceItem[] {
  return [
    {
      key: 'departments',
      title: '科室导航',
      hint: '院区科室位置',
      icon: departmentsIcon,
      onClick: () => {
        void Taro.navigateTo({ url: ROUTES.departments });
      },
    },
  ];
}
