import Taro from '@tarojs/taro';
import { fireEvent, screen } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import { ROUTES } from '../../src/routes';
import { giveConsent, renderSettled, resetApp } from './helpers';

beforeEach(() => {
  resetApp();
  giveConsent();
});

describe('home page', () => {
  it('shows the hospital name and only the services that work', async () => {
    await renderSettled(<HomePage />);
    expect(screen.getByText('黔中市第一人民医院')).toBeInTheDocument();
    expect(screen.getByText('医疗服务')).toBeInTheDocument();
    const tiles = document.querySelectorAll('.service-grid__item');
    expect(tiles).toHaveLength(1);
    expect(tiles[0]).toHaveTextContent('科室导航');
    for (const missing of ['预约挂号', '门诊缴费', '报告查询', '就诊卡']) {
      expect(screen.queryByText(missing)).not.toBeInTheDocument();
    }
  });

  it('opens 科室导航 in the hospital subpackage', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    await renderSettled(<HomePage />);
    fireEvent.click(screen.getByText('科室导航'));
    expect(navigateTo).toHaveBeenCalledWith({ url: ROUTES.departments });
    expect(ROUTES.departments).toBe('/packages/hospital/pages/departments/index');
    navigateTo.mockRestore();
  });
});
