export default definePageConfig({
  navigationBarTitleText: '在线办卡',
});
