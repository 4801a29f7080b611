import Taro from '@tarojs/taro';

/** Back to where the patient came from; to `url` when the page was opened directly (a shared link, a reload). */
export function goBackOr(url: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url });
}
