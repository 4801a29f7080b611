export default defineAppConfig({
  // main package: the tab pages and nothing else
  pages: ['pages/home/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/hospital',
      pages: ['pages/departments/index'],
    },
    {
      root: 'packages/card',
      pages: ['pages/list/index', 'pages/bind/index', 'pages/create/index', 'pages/detail/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '掌上医院',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6f8',
  },
  tabBar: {
    color: '#8a919c',
    selectedColor: '#07a35a',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
