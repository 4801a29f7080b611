/**
 * Runs the built weapp (dist/) under miniprogram-simulate: the real wcc compiler renders the real base.wxml
 * templates, and the real Taro runtime drives them. Pages are Taro `Page()`s; miniprogram-simulate renders
 * components, so Page() is adapted into a Component with the page lifecycle.
 */
/* global jest, document -- jest (jsdom) helper */
const path = require('node:path');

const DIST = path.resolve(__dirname, '../../dist');

/** A small in-memory wx: the APIs the app touches at launch, recorded for assertions. */
function createWx({ storage = {}, requestHandler } = {}) {
  const store = new Map(Object.entries(storage));
  const calls = [];
  const record = (name, options) => calls.push({ name, options });
  const ok = (name, options, result = {}) => {
    record(name, options);
    const answer = { errMsg: `${name}:ok`, ...result };
    options?.success?.(answer);
    options?.complete?.(answer);
    return answer;
  };
  const systemInfo = {
    brand: 'devtools',
    model: 'iPhone 13',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 753,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'devtools',
    SDKVersion: '3.4.0',
    safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 },
  };
  const wx = {
    calls,
    storage: store,
    getSystemInfoSync: () => systemInfo,
    getSystemInfo: (options) => ok('getSystemInfo', options, systemInfo),
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop' } }),
    canIUse: () => true,
    getStorageSync: (key) => (store.has(key) ? store.get(key) : ''),
    setStorageSync: (key, value) => {
      store.set(key, value);
    },
    removeStorageSync: (key) => {
      store.delete(key);
    },
    login: (options) => ok('login', options, { code: 'wx-code-1' }),
    request: (options) => {
      record('request', options);
      const answer = requestHandler ? requestHandler(options) : { fail: { errMsg: 'request:fail' } };
      setTimeout(() => {
        if (answer.fail) {
          options.fail?.(answer.fail);
          options.complete?.(answer.fail);
          return;
        }
        const result = { errMsg: 'request:ok', header: {}, ...answer };
        options.success?.(result);
        options.complete?.(result);
      }, 0);
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    navigateTo: (options) => ok('navigateTo', options),
    switchTab: (options) => ok('switchTab', options),
    showModal: (options) => ok('showModal', options, { confirm: false, cancel: true }),
    showToast: (options) => ok('showToast', options),
    hideTabBar: (options) => ok('hideTabBar', options),
    showTabBar: (options) => ok('showTabBar', options),
    nextTick: (callback) => setTimeout(callback, 0),
    onAppShow() {},
    onAppHide() {},
    offAppShow() {},
    offAppHide() {},
    createSelectorQuery: () => ({
      select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }),
      in() {
        return this;
      },
    }),
  };
  return wx;
}

/** Globals of the mini-program environment; returns the app instance once dist/app.js has registered it. */
function installMiniProgram(wx) {
  const state = { app: null, pages: [] };
  global.wx = wx;
  global.App = (options) => {
    state.app = options;
  };
  global.getApp = () => state.app;
  global.getCurrentPages = () => state.pages;
  // miniprogram-simulate renders components: a Page becomes a Component with the page lifecycle
  global.Page = (options) => {
    const methods = {};
    const data = options.data || {};
    for (const [name, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[name] = value;
    }
    global.Component({
      data,
      methods,
      lifetimes: {
        attached() {
          this.route = state.route;
          this.__route__ = state.route;
          state.pages.push(this);
          this.onLoad?.(state.query || {});
          this.onShow?.();
        },
        ready() {
          this.onReady?.();
        },
        detached() {
          this.onUnload?.();
          state.pages = state.pages.filter((page) => page !== this);
        },
      },
    });
  };
  return state;
}

async function waitFor(condition, message, timeoutMs = 2000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Launches the app (dist/app.js) and renders one page of dist/ the way WeChat would open it.
 * Each call starts from fresh modules, so every test is a fresh launch.
 */
async function openPage(route, { storage, requestHandler, query = {} } = {}) {
  jest.resetModules();
  const wx = createWx({ storage, requestHandler });
  const state = installMiniProgram(wx);
  const simulate = require('miniprogram-simulate');
  require(path.join(DIST, 'app.js'));
  if (!state.app) throw new Error('dist/app.js did not call App()');
  state.route = route;
  state.query = query;
  state.app.onLaunch?.({ path: route, query, scene: 1001 });
  state.app.onShow?.({ path: route, query, scene: 1001 });
  const id = simulate.load(path.join(DIST, route), { rootPath: DIST, compiler: 'official' });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  // React renders, then Taro sends the tree with setData: wait for the first content
  await waitFor(() => page.dom.textContent.length > 0, 'the page rendered nothing');
  return { page, wx, app: state.app, sleep: simulate.sleep };
}

module.exports = { DIST, createWx, installMiniProgram, openPage, waitFor };
