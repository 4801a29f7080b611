/**
 * Upstream failures → API errors: what the patient is told when the hospital's system or WeChat fails. The
 * details (endpoint, HIS code, WeChat errcode, cause) stay in the log line.
 */
import { HisBusyError, HisError, HisRejectedError } from '../his';
import { WechatError, WechatLoginRejected } from '../wechat';
import { AppError, Errors } from './errors';

export function mapUpstream(err: unknown): AppError | undefined {
  if (err instanceof HisRejectedError) return Errors.hisRejected(err.hisMessage);
  if (err instanceof HisBusyError) return Errors.hisBusy();
  if (err instanceof HisError) return Errors.hisUnavailable();
  if (err instanceof WechatLoginRejected) return Errors.loginFailed();
  if (err instanceof WechatError) return Errors.wechatUnavailable();
  return undefined;
}
