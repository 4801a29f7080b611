/**
 * Build-time configuration (config/index.ts turns the environment into these constants; the fallbacks serve tests).
 * Each `process.env.X` must be written out in full: the build replaces the expression text.
 */
export const appConfig = {
  bffUrl: process.env.TARO_APP_BFF_URL || 'http://127.0.0.1:4000',
  /** H5 only: where login codes come from in place of wx.login. */
  wechatSandboxUrl: process.env.TARO_APP_WECHAT_SANDBOX_URL || 'http://127.0.0.1:4020',
  hospitalName: process.env.TARO_APP_HOSPITAL_NAME || '黔中市第一人民医院',
  platform: process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp',
  version: '0.1.0',
} as const;

export type Platform = (typeof appConfig)['platform'];
