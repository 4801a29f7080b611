/**
 * WeChat Pay's objects as the BFF sees them: camelCase, amounts in integer fen (`…Fen`), times as WeChat wrote them
 * (RFC 3339). The parsers read WeChat's snake_case JSON and throw WechatProtocolError when a documented field is
 * missing or mistyped; undocumented extra fields are ignored.
 */
import { WechatProtocolError } from './errors';

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number];
export const REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface WechatTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  /** 微信支付订单号; present once paid. */
  transactionId?: string;
  tradeType?: string;
  tradeState: TradeState;
  tradeStateDesc: string;
  bankType?: string;
  attach?: string;
  /** RFC 3339, present once paid. */
  successTime?: string;
  openid?: string;
  totalFen: number;
  /** What the payer actually paid (after coupons); present once paid. */
  payerTotalFen?: number;
  currency: string;
}

export interface WechatRefund {
  refundId: string;
  outRefundNo: string;
  transactionId: string;
  outTradeNo: string;
  status: RefundStatus;
  channel?: string;
  userReceivedAccount?: string;
  createTime?: string;
  successTime?: string;
  refundFen: number;
  totalFen: number;
  payerRefundFen?: number;
  currency?: string;
}

/** The plaintext of a REFUND.* notification. */
export interface WechatRefundNotice {
  mchid: string;
  outTradeNo: string;
  transactionId: string;
  outRefundNo: string;
  refundId: string;
  status: RefundStatus;
  successTime?: string;
  userReceivedAccount?: string;
  refundFen: number;
  totalFen: number;
  payerRefundFen?: number;
  payerTotalFen?: number;
}

/** What wx.requestPayment (and the sandbox's cashier) takes. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

type Json = Record<string, unknown>;

/** Reads one WeChat answer; every failure names the API and the field. */
export class Reader {
  constructor(
    private readonly api: string,
    private readonly raw: string,
    private readonly requestId?: string,
  ) {}

  fail(message: string): never {
    throw new WechatProtocolError(this.api, message, { raw: this.raw, requestId: this.requestId });
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(`${path} is not an object`);
    return value as Json;
  }

  string(o: Json, key: string, path = key): string {
    const v = o[key];
    return typeof v === 'string' ? v : this.fail(`${path} is not a string`);
  }

  optString(o: Json, key: string, path = key): string | undefined {
    return o[key] === undefined || o[key] === null ? undefined : this.string(o, key, path);
  }

  int(o: Json, key: string, path = key): number {
    const v = o[key];
    return typeof v === 'number' && Number.isInteger(v) ? v : this.fail(`${path} is not an integer`);
  }

  optInt(o: Json, key: string, path = key): number | undefined {
    return o[key] === undefined || o[key] === null ? undefined : this.int(o, key, path);
  }

  oneOf<T extends string>(o: Json, key: string, values: readonly T[]): T {
    const v = this.string(o, key);
    return (values as readonly string[]).includes(v) ? (v as T) : this.fail(`${key} ${v} is not one of ${values.join(', ')}`);
  }
}

/** Drops undefined values, so that optional fields are absent rather than undefined. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parseTransaction(r: Reader, value: unknown): WechatTransaction {
  const o = r.object(value, 'transaction');
  const amount = r.object(o.amount, 'amount');
  const payer = o.payer === undefined ? undefined : r.object(o.payer, 'payer');
  return compact({
    appid: r.string(o, 'appid'),
    mchid: r.string(o, 'mchid'),
    outTradeNo: r.string(o, 'out_trade_no'),
    transactionId: r.optString(o, 'transaction_id'),
    tradeType: r.optString(o, 'trade_type'),
    tradeState: r.oneOf(o, 'trade_state', TRADE_STATES),
    tradeStateDesc: r.string(o, 'trade_state_desc'),
    bankType: r.optString(o, 'bank_type'),
    attach: r.optString(o, 'attach'),
    successTime: r.optString(o, 'success_time'),
    openid: payer ? r.optString(payer, 'openid', 'payer.openid') : undefined,
    totalFen: r.int(amount, 'total', 'amount.total'),
    payerTotalFen: r.optInt(amount, 'payer_total', 'amount.payer_total'),
    currency: r.optString(amount, 'currency', 'amount.currency') ?? 'CNY',
  });
}

export function parseRefund(r: Reader, value: unknown): WechatRefund {
  const o = r.object(value, 'refund');
  const amount = r.object(o.amount, 'amount');
  return compact({
    refundId: r.string(o, 'refund_id'),
    outRefundNo: r.string(o, 'out_refund_no'),
    transactionId: r.string(o, 'transaction_id'),
    outTradeNo: r.string(o, 'out_trade_no'),
    status: r.oneOf(o, 'status', REFUND_STATUSES),
    channel: r.optString(o, 'channel'),
    userReceivedAccount: r.optString(o, 'user_received_account'),
    createTime: r.optString(o, 'create_time'),
    successTime: r.optString(o, 'success_time'),
    refundFen: r.int(amount, 'refund', 'amount.refund'),
    totalFen: r.int(amount, 'total', 'amount.total'),
    payerRefundFen: r.optInt(amount, 'payer_refund', 'amount.payer_refund'),
    currency: r.optString(amount, 'currency', 'amount.currency'),
  });
}

export function parseRefundNotice(r: Reader, value: unknown): WechatRefundNotice {
  const o = r.object(value, 'refund');
  const amount = r.object(o.amount, 'amount');
  return compact({
    mchid: r.string(o, 'mchid'),
    outTradeNo: r.string(o, 'out_trade_no'),
    transactionId: r.string(o, 'transaction_id'),
    outRefundNo: r.string(o, 'out_refund_no'),
    refundId: r.string(o, 'refund_id'),
    status: r.oneOf(o, 'refund_status', REFUND_STATUSES),
    successTime: r.optString(o, 'success_time'),
    userReceivedAccount: r.optString(o, 'user_received_account'),
    refundFen: r.int(amount, 'refund', 'amount.refund'),
    totalFen: r.int(amount, 'total', 'amount.total'),
    payerRefundFen: r.optInt(amount, 'payer_refund', 'amount.payer_refund'),
    payerTotalFen: r.optInt(amount, 'payer_total', 'amount.payer_total'),
  });
}
