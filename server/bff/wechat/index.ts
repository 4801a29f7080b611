/**
 * The BFF's one adapter to WeChat: the mini-program's login / access token / subscribe messages and WeChat Pay v3.
 * WeChat's protocol (signatures, encryption, snake_case, errcodes) stays inside this folder; the BFF core sees the
 * typed results and errors exported here.
 *
 *   const wechat = createWechat(config.wechat);
 *   const { openid } = await wechat.login.code2Session(code);
 *   const { prepayId } = await wechat.pay.prepayJsapi({ … });
 */
import { createWechatLogin, type WechatLogin } from './login';
import type { WechatOptions } from './options';
import { createWechatPay, type WechatPay } from './pay';

export interface Wechat {
  login: WechatLogin;
  pay: WechatPay;
}

export function createWechat(options: WechatOptions): Wechat {
  return { login: createWechatLogin(options), pay: createWechatPay(options) };
}

export * from './errors';
export type { SubscribeMessageInput, WechatLogin, WechatSession } from './login';
export type { NotificationExpectations, VerifiedNotification } from './notification';
export type { HeaderSource } from './signature';
export type { WechatCallEvent, WechatOptions, WechatPayOptions } from './options';
export { cashierUrl, type PrepayInput, type RefundInput, type WechatPay } from './pay';
export type { RefundStatus, RequestPaymentParams, TradeState, WechatRefund, WechatRefundNotice, WechatTransaction } from './types';
