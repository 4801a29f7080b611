export default definePageConfig({
  navigationBarTitleText: '科室导航',
});
