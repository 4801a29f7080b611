/**
 * The mini-program's jest projects. jest.config.js includes them with
 *   projects: [ ...serverProjects, ...require('./test/jest.projects') ]
 * and `npx jest -c test/jest.config.js` runs them alone.
 */
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..');
const babel = ['babel-jest', { configFile: path.join(rootDir, 'babel.config.js') }];

// ESM packages under node_modules that babel must turn into CommonJS for jest
const ESM_PACKAGES = [
  '@tarojs',
  '@stencil',
  'lodash-es',
  'swiper',
  'dom7',
  'ssr-window',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'history',
  'tslib',
  'style-inject',
  'zustand',
  '\\.pnpm', // @tarojs/taro-h5 bundles some of the above under dist/node_modules/.pnpm/
];

/** Component and unit tests on the REAL Taro H5 components (jsdom). */
const app = {
  displayName: 'app',
  rootDir,
  roots: ['<rootDir>/test/app'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
  transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': babel },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro-h5-shim.js',
    '^@tarojs/components$': '@tarojs/components/lib/react/index',
    '\\.(css|scss)$': 'identity-obj-proxy',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/file-stub.js',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@contract/(.*)$': '<rootDir>/contract/$1',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup-app.js'],
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
};

/**
 * The weapp build (dist/) under miniprogram-simulate and the real wcc compiler — the stand-in for WeChat DevTools.
 * globalSetup builds dist/ once (skipped when it is newer than every source).
 */
const weapp = {
  displayName: 'weapp',
  rootDir,
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.test.js'],
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { url: 'http://localhost/' },
  transform: {},
  globalSetup: '<rootDir>/test/weapp/global-setup.js',
};

module.exports = [app, weapp];
