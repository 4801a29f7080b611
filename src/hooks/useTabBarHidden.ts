import { useEffect } from 'react';
import Taro from '@tarojs/taro';

/**
 * Hides the tab bar while `hidden` is true (a full-screen sheet such as the privacy notice must not sit under the
 * tab bar, nor let the patient wander off before answering). Pages without a tab bar simply ignore it.
 */
export function useTabBarHidden(hidden: boolean): void {
  useEffect(() => {
    if (!hidden) return undefined;
    Taro.hideTabBar({ animation: false }).catch(() => undefined);
    return () => {
      Taro.showTabBar({ animation: false }).catch(() => undefined);
    };
  }, [hidden]);
}
