import { resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Build-time settings of the mini-program, read from the environment with local defaults.
 * They become `process.env.TARO_APP_*` constants in the bundle (see src/config.ts); a `.env` file with the same
 * names overrides them (Taro's own dotenv support).
 */
const BUILD_DEFAULTS = {
  /** The BFF: the only server the app talks to. */
  TARO_APP_BFF_URL: 'http://127.0.0.1:4000',
  /** H5 only: the WeChat sandbox that hands out login codes in place of wx.login. */
  TARO_APP_WECHAT_SANDBOX_URL: 'http://127.0.0.1:4020',
  /** The hospital's display name (home page, about). */
  TARO_APP_HOSPITAL_NAME: '黔中市第一人民医院',
} as const;

type BuildSetting = keyof typeof BUILD_DEFAULTS;

function buildEnv(): Record<BuildSetting, string> {
  const env = {} as Record<BuildSetting, string>;
  for (const key of Object.keys(BUILD_DEFAULTS) as BuildSetting[]) {
    const value = process.env[key]?.trim();
    env[key] = JSON.stringify(value ? value.replace(/\/+$/, '') : BUILD_DEFAULTS[key]);
  }
  return env;
}

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * Sources outside src/ that babel must compile too: common/ (the form rules, ID-number and masking utilities shared
 * with the BFF, written in TypeScript) and uqr (QR codes; shipped as modern ESM).
 */
const COMPILE_INCLUDE = [resolve(__dirname, '..', 'common'), resolve(__dirname, '..', 'node_modules', 'uqr')];

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'palm-hospital',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp and h5 would overwrite each other in one folder
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    env: buildEnv(),
    // `@/` (src) and `@contract/` resolve through tsconfig.json paths (TsconfigPathsPlugin below)
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: COMPILE_INCLUDE },
      // modules used only by a subpackage go into that subpackage
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      compile: { include: COMPILE_INCLUDE },
      // served from the root of any static server; the hash router never changes the document's path
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      imageUrlLoaderOption: { limit: 2048, name: 'static/images/[name].[contenthash:8][ext]' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
