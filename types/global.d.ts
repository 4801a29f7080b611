/// <reference types="@tarojs/taro" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference types="@testing-library/jest-dom" />
// DOM types come in here rather than through tsconfig "lib", so that server/tsconfig.json (which extends the root
// config but does not include types/) never sees them.

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.svg' {
  const src: string;
  export default src;
}
declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built. */
    TARO_ENV: 'weapp' | 'h5';
    /** Build-time settings (config/index.ts). */
    TARO_APP_BFF_URL?: string;
    TARO_APP_WECHAT_SANDBOX_URL?: string;
    TARO_APP_HOSPITAL_NAME?: string;
  }
}
