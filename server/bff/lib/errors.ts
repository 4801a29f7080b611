/**
 * The BFF's typed errors. Every failure a client sees is an `AppError` with an HTTP status, a stable code from
 * contract/api.ts and a short Chinese message a patient understands; everything else is a bug and answers 500
 * without internals.
 */
import type { ErrorCode } from '../../../contract/api';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const Errors = {
  validation: (fields: Record<string, string>, message = '请检查填写的内容') => new AppError(400, 'VALIDATION', message, fields),
  unauthorized: () => new AppError(401, 'UNAUTHORIZED', '请先登录'),
  sessionExpired: () => new AppError(401, 'SESSION_EXPIRED', '登录已过期，请重新登录'),
  loginFailed: () => new AppError(401, 'LOGIN_FAILED', '微信登录失败，请重试'),
  forbidden: () => new AppError(403, 'FORBIDDEN', '没有权限访问'),
  notFound: (what = '内容') => new AppError(404, 'NOT_FOUND', `${what}不存在`),
  hisRejected: (hisMessage: string) => new AppError(422, 'HIS_REJECTED', hisMessage || '医院系统未能处理该请求'),
  hisUnavailable: () => new AppError(503, 'HIS_UNAVAILABLE', '医院系统暂时无法访问，请稍后再试'),
  hisBusy: () => new AppError(503, 'HIS_BUSY', '排队中，请稍候再试'),
  wechatUnavailable: () => new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时无法访问，请稍后再试'),
  internal: () => new AppError(500, 'INTERNAL', '服务暂时不可用，请稍后再试'),
};
