/**
 * What WeChat keeps for the one mini-program and the one merchant: login codes, access tokens, sent subscribe
 * messages, transactions and refunds — and how WeChat Pay shows a transaction or a refund in its JSON (snake_case,
 * amounts in integer fen, times RFC 3339 +08:00).
 */
import { compactTime, randomDigits, randomHex, rfc3339 } from './protocol';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED' | 'PAYERROR';
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface Transaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  attach?: string;
  notifyUrl: string;
  goodsTag?: string;
  /** Order amount, integer fen. */
  total: number;
  openid: string;
  /** Epoch ms after which the order can no longer be paid (it closes itself). */
  timeExpire: number;
  /** The JSON of the first prepay request: a repeat with other parameters is OUT_TRADE_NO_USED. */
  fingerprint: string;
  prepayId: string;
  prepayIssuedAt: number;
  state: TradeState;
  createdAt: number;
  transactionId?: string;
  successTime?: number;
  closedAt?: number;
  /** Why the order closed: the merchant closed it, or time_expire passed. */
  closedBy?: 'merchant' | 'expired';
}

export interface Refund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  reason?: string;
  notifyUrl?: string;
  fundsAccount?: string;
  /** Refund amount, integer fen. */
  refund: number;
  /** The order's amount, integer fen. */
  total: number;
  status: RefundStatus;
  createdAt: number;
  successTime?: number;
  fingerprint: string;
}

export interface LoginCode {
  code: string;
  openid: string;
  deviceId: string;
  issuedAt: number;
  used: boolean;
}

export interface AccessToken {
  token: string;
  kind: 'classic' | 'stable';
  expiresAt: number;
  /** When a newer token of the same kind replaced it: it stays valid 5 more minutes (WeChat's overlap). */
  supersededAt?: number;
  revoked?: boolean;
}

export interface SubscribeMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
  sentAt: string;
}

export class WechatState {
  transactions = new Map<string, Transaction>();
  prepayIndex = new Map<string, string>();
  transactionIdIndex = new Map<string, string>();
  refunds = new Map<string, Refund>();
  codes = new Map<string, LoginCode>();
  /** Codes that did not come from the sandbox (WeChat DevTools' wx.login) and were already exchanged. */
  usedForeignCodes = new Set<string>();
  tokens = new Map<string, AccessToken>();
  messages: SubscribeMessage[] = [];
  private msgSeq = 0;

  /** Forgets everything (sandbox reset). */
  clear(): void {
    for (const map of [this.transactions, this.prepayIndex, this.transactionIdIndex, this.refunds, this.codes, this.tokens]) map.clear();
    this.usedForeignCodes.clear();
    this.messages = [];
    this.msgSeq = 0;
  }

  nextMsgId(): number {
    this.msgSeq += 1;
    return 2_000_000_000 + this.msgSeq;
  }

  refundsOf(outTradeNo: string): Refund[] {
    return [...this.refunds.values()].filter((r) => r.outTradeNo === outTradeNo);
  }
}

// ---- identifiers in WeChat's shapes ----

/** `wx` + yyyyMMddHHmmss + 20 hex: e.g. wx201410272009395522657a690389285100. */
export function newPrepayId(now: number): string {
  return `wx${compactTime(now)}${randomHex(10)}`;
}

/** 28 digits starting 4200: e.g. 4200000985202103031441826014. */
export function newTransactionId(now: number): string {
  return `42000${randomDigits(5)}${compactTime(now).slice(0, 8)}${randomDigits(10)}`;
}

/** 29 digits starting 50: e.g. 50000000382019052709732678859. */
export function newRefundId(): string {
  return `50${randomDigits(27)}`;
}

// ---- the JSON WeChat Pay answers ----

export const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '订单发生过退款',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败，请重新下单支付',
};

/** The body of 查询订单 (and, for a paid order, the plaintext of the TRANSACTION.SUCCESS resource). */
export function transactionView(tx: Transaction): Record<string, unknown> {
  const paid = tx.transactionId !== undefined && tx.successTime !== undefined;
  return {
    appid: tx.appid,
    mchid: tx.mchid,
    out_trade_no: tx.outTradeNo,
    ...(paid ? { transaction_id: tx.transactionId, trade_type: 'JSAPI' } : {}),
    trade_state: tx.state,
    trade_state_desc: TRADE_STATE_DESC[tx.state],
    ...(paid ? { bank_type: 'OTHERS' } : {}),
    ...(paid && tx.attach !== undefined ? { attach: tx.attach } : {}),
    ...(paid ? { success_time: rfc3339(tx.successTime ?? 0) } : {}),
    payer: { openid: tx.openid },
    amount: paid ? { total: tx.total, payer_total: tx.total, currency: 'CNY', payer_currency: 'CNY' } : { total: tx.total, currency: 'CNY', payer_currency: 'CNY' },
    scene_info: { device_id: '' },
    promotion_detail: [],
  };
}

export const USER_RECEIVED_ACCOUNT = '支付用户零钱';

/** The body of 申请退款 / 查询单笔退款. */
export function refundView(r: Refund): Record<string, unknown> {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: USER_RECEIVED_ACCOUNT,
    ...(r.successTime !== undefined ? { success_time: rfc3339(r.successTime) } : {}),
    create_time: rfc3339(r.createdAt),
    status: r.status,
    funds_account: r.fundsAccount ?? 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      from: [],
      payer_total: r.total,
      payer_refund: r.refund,
      settlement_refund: r.refund,
      settlement_total: r.total,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

/** The plaintext of a REFUND.* notification resource. */
export function refundNotificationView(r: Refund, mchid: string): Record<string, unknown> {
  return {
    mchid,
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: r.status,
    ...(r.successTime !== undefined ? { success_time: rfc3339(r.successTime) } : {}),
    user_received_account: USER_RECEIVED_ACCOUNT,
    amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
  };
}
