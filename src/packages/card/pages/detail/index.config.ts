export default definePageConfig({
  navigationBarTitleText: '就诊卡详情',
});
