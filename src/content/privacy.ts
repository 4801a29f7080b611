/**
 * The privacy notice (隐私保护指引). Changing what it says means a new version: everybody is asked again.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11-29';

export interface NoticeSection {
  title: string;
  paragraphs: string[];
}

export function privacyNotice(hospitalName: string): { title: string; intro: string; sections: NoticeSection[] } {
  return {
    title: '隐私保护指引',
    intro: `欢迎使用${hospitalName}掌上医院。在您使用前，请仔细阅读以下内容，了解我们收集哪些信息、为什么收集以及您的权利。`,
    sections: [
      {
        title: '我们收集的信息',
        paragraphs: [
          '登录：您的微信身份标识（由微信提供，用于识别您的账号），我们不获取您的微信昵称、头像或手机号。',
          '绑定就诊卡时（后续开放）：就诊人姓名、身份证号、手机号，用于在医院系统中核实身份。',
          '缴费时（后续开放）：支付与退款记录，用于对账和开具票据。',
        ],
      },
      {
        title: '谁能看到这些信息',
        paragraphs: [
          '仅本院及为本院提供系统服务的技术人员在办理您的业务时使用；微信支付仅获得完成支付所需的信息。',
          '除法律法规要求外，我们不会向其他任何机构或个人提供您的信息，也不会用于广告。',
        ],
      },
      {
        title: '如何保护',
        paragraphs: ['信息经加密通道传输；证件号、手机号在页面中脱敏显示；系统日志不记录您的个人信息。'],
      },
      {
        title: '如何撤回同意',
        paragraphs: [
          '您可随时在「我的 - 隐私政策」中撤回同意。撤回后我们将退出您的登录并停止收集；如需删除已有信息，请联系医院客服。',
        ],
      },
    ],
  };
}
