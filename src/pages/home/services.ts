import Taro from '@tarojs/taro';
import type { ServiceItem } from '@/components/ServiceGrid';
import { ROUTES } from '@/routes';
import cardBindIcon from '@/assets/icons/card-bind.png';
import cardsIcon from '@/assets/icons/cards.png';
import departmentsIcon from '@/assets/icons/departments.png';

function open(url: string): () => void {
  return () => {
    void Taro.navigateTo({ url });
  };
}

/** The services that work today. A service is listed here only once its pages are real. */
export function homeServices(): ServiceItem[] {
  return [
    { key: 'card-bind', title: '绑定就诊卡', hint: '本人及家人', icon: cardBindIcon, onClick: open(ROUTES.cardBind) },
    { key: 'cards', title: '我的就诊卡', hint: '出示就诊码', icon: cardsIcon, onClick: open(ROUTES.cardList) },
    { key: 'departments', title: '科室导航', hint: '院区科室位置', icon: departmentsIcon, onClick: open(ROUTES.departments) },
  ];
}
