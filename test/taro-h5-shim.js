/**
 * `@tarojs/taro` for component tests: the real H5 implementation (@tarojs/taro-h5) as one object, like the
 * H5 build sees it after babel-plugin-transform-taroapi, plus React's lifecycle hooks from the framework runtime.
 * Tests mock single APIs with jest.spyOn(Taro, 'request') etc.
 */
const h5 = require('@tarojs/taro-h5');
const reactRuntime = require('@tarojs/plugin-framework-react/dist/runtime');

const HOOKS = [
  'useAddToFavorites',
  'useDidHide',
  'useDidShow',
  'useError',
  'useLaunch',
  'useLoad',
  'useOptionMenuClick',
  'usePageNotFound',
  'usePageScroll',
  'usePullDownRefresh',
  'useReachBottom',
  'useReady',
  'useResize',
  'useRouter',
  'useShareAppMessage',
  'useShareTimeline',
  'useTabItemTap',
  'useUnload',
];

const Taro = { ...h5.default };
for (const [name, value] of Object.entries(h5)) {
  if (name !== 'default' && name !== '__esModule') Taro[name] = value;
}
for (const name of HOOKS) Taro[name] = reactRuntime[name];

module.exports = Taro;
module.exports.default = Taro;
