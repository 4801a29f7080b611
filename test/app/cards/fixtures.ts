/** Cards as the BFF answers them, for the app's card tests. */
import type { CardDetail, CardSummary, CardsResponse } from '../../../contract/api';
import { ApiError } from '../../../src/services/api-error';
import { useSession } from '../../../src/stores/session';

export const ZHANG: CardSummary = {
  id: 'b-zhang',
  kind: 'outpatient',
  holderName: '张*',
  cardNo: '5000100001',
  relation: 'self',
  isDefault: true,
  boundAt: '2026-11-20T08:00:00.000Z',
};

export const LIU: CardSummary = {
  id: 'b-liu',
  kind: 'outpatient',
  holderName: '刘**',
  cardNo: '5000100004',
  relation: 'child',
  isDefault: false,
  boundAt: '2026-11-21T08:00:00.000Z',
};

export const LI_INPATIENT: CardSummary = {
  id: 'b-li',
  kind: 'inpatient',
  holderName: '李**',
  cardNo: 'ZY20261101',
  relation: 'parent',
  isDefault: false,
  boundAt: '2026-11-22T08:00:00.000Z',
};

export function cardsResponse(cards: CardSummary[], limit = 5): CardsResponse {
  return { cards, limit };
}

export const ZHANG_DETAIL: CardDetail = {
  ...ZHANG,
  name: '张伟',
  sex: '男',
  age: 41,
  idNoMasked: '520***********0358',
  phoneMasked: '138****8001',
  balanceFen: 20000,
  status: 1,
  statusName: '正常',
  statusHint: '可正常挂号、缴费和充值',
  canRecharge: true,
};

export const LOST_DETAIL: CardDetail = {
  ...LIU,
  id: 'b-chen',
  holderName: '陈*',
  name: '陈静',
  sex: '女',
  age: 47,
  idNoMasked: '520***********2468',
  phoneMasked: '138****8005',
  cardNo: '5000100005',
  relation: 'other',
  balanceFen: 3005,
  status: 2,
  statusName: '挂失',
  statusHint: '此卡已挂失，不能用于就诊',
  canRecharge: false,
  noRechargeReason: '就诊卡已挂失，暂不能充值，请到门诊收费窗口补办',
};

export const INPATIENT_DETAIL: CardDetail = {
  ...LI_INPATIENT,
  name: '李秀英',
  sex: '女',
  age: 78,
  idNoMasked: '520***********0625',
  phoneMasked: '138****8002',
  balanceFen: 612345,
  status: 1,
  statusName: '正常',
  statusHint: '住院中',
  canRecharge: true,
  inpatient: {
    inpatientNo: 'ZY20261101',
    deptName: '心血管内科',
    bedNo: '12床',
    admissionDate: '2026-11-25',
    dischargeDate: '',
    totalFen: 187650,
  },
};

/** The BFF's error answers, as http.ts turns them into ApiErrors. */
export const errors = {
  mismatch: () => new ApiError({ status: 422, code: 'IDENTITY_MISMATCH', message: '信息不匹配，请核对后重试' }),
  rateLimited: () => new ApiError({ status: 429, code: 'RATE_LIMITED', message: '验证失败次数过多，请于14:35后再试' }),
  alreadyBound: () => new ApiError({ status: 409, code: 'CONFLICT', message: '该就诊卡已绑定，无需重复绑定' }),
  validation: (fields: Record<string, string>) => new ApiError({ status: 400, code: 'VALIDATION', message: '填写的信息有误', fields }),
  notFound: () => new ApiError({ status: 404, code: 'NOT_FOUND', message: '没有找到相关内容' }),
  unavailable: () => new ApiError({ status: 503, code: 'HIS_UNAVAILABLE', message: '医院系统暂时无法访问，请稍后再试' }),
};

export function loggedIn(): void {
  useSession.setState({
    status: 'loggedIn',
    token: 'tok',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { id: 'u1', createdAt: '2026-11-01T02:00:00.000Z' },
    error: null,
  });
}
