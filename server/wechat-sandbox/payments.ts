/**
 * WeChat Pay's business rules for one merchant (JSAPI payments and domestic refunds), independent of HTTP:
 * - prepay: a repeat with the same out_trade_no and the same parameters answers the same prepay_id (a new one after
 *   2 hours); other parameters → OUT_TRADE_NO_USED; a paid order → ORDERPAID; a closed order → ORDER_CLOSED;
 * - `time_expire` (at least 1 minute after the order, default 7 days): past it an unpaid order closes itself;
 * - trade states NOTPAY → SUCCESS (notification sent) | PAYERROR | CLOSED; SUCCESS → REFUND after a refund;
 * - refunds: the same out_refund_no answers the same refund; the sum of refunds never exceeds the order amount;
 *   PROCESSING → SUCCESS (or ABNORMAL / CLOSED by a fault) after the scaled refund delay, notified when the refund
 *   had a notify_url.
 */
import type { WechatSandboxConfig } from './config';
import type { SandboxFaults } from './faults';
import type { Notifier } from './notifier';
import { parseRfc3339 } from './protocol';
import type { Scheduler } from './scheduler';
import {
  newPrepayId,
  newRefundId,
  newTransactionId,
  refundNotificationView,
  refundView,
  transactionView,
  type Refund,
  type Transaction,
  type WechatState,
} from './state';

export interface PayErrorDetail {
  field: string;
  value: unknown;
  issue: string;
  location: 'body' | 'query' | 'path' | 'header';
}

/** A WeChat Pay error answer: HTTP status + `{code, message, detail?}`. */
export class PayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: PayErrorDetail,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export function paramError(field: string, value: unknown, issue: string, location: PayErrorDetail['location'] = 'body'): PayError {
  return new PayError(400, 'PARAM_ERROR', `${issue}（${field}）`, { field, value, issue, location });
}

const PREPAY_VALID_MS = 2 * 3600_000;
const MIN_EXPIRE_MS = 60_000;
const DEFAULT_EXPIRE_MS = 7 * 86_400_000;
const MAX_EXPIRE_MS = 90 * 86_400_000;
const MAX_PARTIAL_REFUNDS = 50;

// ---- request readers ----

type Body = Record<string, unknown>;

function objectAt(body: Body, field: string, required: boolean): Body | undefined {
  const v = body[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw paramError(field, v ?? null, v === undefined ? '缺少必填参数' : '参数类型错误，应为对象');
  return v as Body;
}

function stringAt(body: Body, field: string, opts: { required: boolean; max?: number; pattern?: RegExp; min?: number; path?: string }): string | undefined {
  const name = opts.path ?? field;
  const v = body[field];
  if (v === undefined || v === null) {
    if (opts.required) throw paramError(name, null, '缺少必填参数');
    return undefined;
  }
  if (typeof v !== 'string') throw paramError(name, v, '参数类型错误，应为字符串');
  if (opts.required && v === '') throw paramError(name, v, '参数不能为空');
  if (opts.max !== undefined && Buffer.byteLength(v, 'utf8') > opts.max) throw paramError(name, v, `长度超过限制（最多${opts.max}字节）`);
  if (opts.min !== undefined && v.length < opts.min) throw paramError(name, v, `长度不足（至少${opts.min}个字符）`);
  if (opts.pattern && !opts.pattern.test(v)) throw paramError(name, v, '格式不正确');
  return v;
}

function intAt(body: Body, field: string, path: string, min: number): number {
  const v = body[field];
  if (v === undefined || v === null) throw paramError(path, null, '缺少必填参数');
  if (typeof v !== 'number' || !Number.isInteger(v)) throw paramError(path, v, '参数类型错误，应为整数（单位：分）');
  if (v < min) throw paramError(path, v, `取值应不小于${min}`);
  return v;
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const OPENID = /^[0-9A-Za-z_-]{20,64}$/;

function notifyUrlAt(body: Body, field: string, required: boolean): string | undefined {
  const url = stringAt(body, field, { required, max: 256 });
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw paramError(field, url, '通知地址格式不正确');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw paramError(field, url, '通知地址须为http或https地址');
  if (parsed.search !== '') throw paramError(field, url, '通知地址不能携带参数');
  return url;
}

/** Canonical JSON (sorted keys) of a request: the identity of an idempotent repeat. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class Payments {
  constructor(
    private readonly config: WechatSandboxConfig,
    private readonly state: WechatState,
    private readonly faults: SandboxFaults,
    private readonly notifier: Notifier,
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
  ) {}

  /** An unpaid order past its time_expire closes itself (checked whenever the order is looked at). */
  settle(tx: Transaction): Transaction {
    if (tx.state === 'NOTPAY' && this.now() >= tx.timeExpire) {
      tx.state = 'CLOSED';
      tx.closedAt = tx.timeExpire;
      tx.closedBy = 'expired';
    }
    return tx;
  }

  transactions(): Transaction[] {
    return [...this.state.transactions.values()].map((tx) => this.settle(tx));
  }

  find(outTradeNo: string): Transaction | undefined {
    const tx = this.state.transactions.get(outTradeNo);
    return tx ? this.settle(tx) : undefined;
  }

  byPrepayId(prepayId: string): Transaction | undefined {
    const outTradeNo = this.state.prepayIndex.get(prepayId);
    return outTradeNo ? this.find(outTradeNo) : undefined;
  }

  /** Whether `prepayId` is the order's current prepay id and not older than 2 hours. */
  prepayIdValid(tx: Transaction, prepayId: string): boolean {
    return tx.prepayId === prepayId && this.now() - tx.prepayIssuedAt < PREPAY_VALID_MS;
  }

  // ---- JSAPI 下单 ----

  prepay(body: Body, signerMchid: string): { prepay_id: string } {
    const appid = stringAt(body, 'appid', { required: true, max: 32 }) ?? '';
    const mchid = stringAt(body, 'mchid', { required: true, max: 32 }) ?? '';
    const description = stringAt(body, 'description', { required: true, max: 127 * 3 }) ?? '';
    if ([...description].length > 127) throw paramError('description', description, '长度超过限制（最多127个字符）');
    const outTradeNo = stringAt(body, 'out_trade_no', { required: true, pattern: OUT_TRADE_NO }) ?? '';
    const timeExpireText = stringAt(body, 'time_expire', { required: false, max: 64 });
    const attach = stringAt(body, 'attach', { required: false, max: 128 });
    const notifyUrl = notifyUrlAt(body, 'notify_url', true) ?? '';
    const goodsTag = stringAt(body, 'goods_tag', { required: false, max: 32 });
    const amount = objectAt(body, 'amount', true) ?? {};
    const total = intAt(amount, 'total', 'amount.total', 1);
    const currency = stringAt(amount, 'currency', { required: false, path: 'amount.currency' });
    if (currency !== undefined && currency !== 'CNY') throw paramError('amount.currency', currency, '币种仅支持CNY');
    const payer = objectAt(body, 'payer', true) ?? {};
    const openid = stringAt(payer, 'openid', { required: true, pattern: OPENID, path: 'payer.openid' }) ?? '';
    const expireAt = timeExpireText === undefined ? undefined : parseRfc3339(timeExpireText);
    if (timeExpireText !== undefined && expireAt === undefined) throw paramError('time_expire', timeExpireText, '时间格式应为rfc3339，如2015-05-20T13:29:35+08:00');

    if (mchid !== signerMchid) throw new PayError(400, 'INVALID_REQUEST', '请求的商户号与签名的商户号不一致');
    if (mchid !== this.config.mchid) throw new PayError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (appid !== this.config.appid) throw new PayError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');

    const print = fingerprint(body);
    const existing = this.find(outTradeNo);
    const now = this.now();
    if (existing) {
      if (existing.fingerprint !== print) throw new PayError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') throw new PayError(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') throw new PayError(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.state === 'PAYERROR') throw new PayError(403, 'TRADE_ERROR', '订单支付失败，请使用新的商户订单号下单');
      if (now - existing.prepayIssuedAt >= PREPAY_VALID_MS) {
        this.state.prepayIndex.delete(existing.prepayId);
        existing.prepayId = newPrepayId(now);
        existing.prepayIssuedAt = now;
        this.state.prepayIndex.set(existing.prepayId, outTradeNo);
      }
      return { prepay_id: existing.prepayId };
    }

    const timeExpire = Math.min(Math.max(expireAt ?? now + DEFAULT_EXPIRE_MS, now + MIN_EXPIRE_MS), now + MAX_EXPIRE_MS);
    const tx: Transaction = {
      appid,
      mchid,
      outTradeNo,
      description,
      notifyUrl,
      total,
      openid,
      timeExpire,
      fingerprint: print,
      prepayId: newPrepayId(now),
      prepayIssuedAt: now,
      state: 'NOTPAY',
      createdAt: now,
      ...(attach !== undefined ? { attach } : {}),
      ...(goodsTag !== undefined ? { goodsTag } : {}),
    };
    this.state.transactions.set(outTradeNo, tx);
    this.state.prepayIndex.set(tx.prepayId, outTradeNo);
    return { prepay_id: tx.prepayId };
  }

  // ---- 查询订单 / 关闭订单 ----

  query(outTradeNo: string, mchid: string | undefined, signerMchid: string): Record<string, unknown> {
    this.checkQueryMchid(mchid, signerMchid);
    const tx = this.find(outTradeNo);
    if (!tx) throw new PayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return transactionView(tx);
  }

  queryByTransactionId(transactionId: string, mchid: string | undefined, signerMchid: string): Record<string, unknown> {
    this.checkQueryMchid(mchid, signerMchid);
    const outTradeNo = this.state.transactionIdIndex.get(transactionId);
    const tx = outTradeNo ? this.find(outTradeNo) : undefined;
    if (!tx) throw new PayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return transactionView(tx);
  }

  private checkQueryMchid(mchid: string | undefined, signerMchid: string): void {
    if (mchid === undefined || mchid === '') throw paramError('mchid', null, '缺少必填参数', 'query');
    if (mchid !== signerMchid) throw new PayError(400, 'INVALID_REQUEST', '请求的商户号与签名的商户号不一致');
  }

  close(outTradeNo: string, body: Body, signerMchid: string): void {
    const mchid = stringAt(body, 'mchid', { required: true }) ?? '';
    if (mchid !== signerMchid) throw new PayError(400, 'INVALID_REQUEST', '请求的商户号与签名的商户号不一致');
    const tx = this.find(outTradeNo);
    if (!tx) throw new PayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (tx.state === 'SUCCESS' || tx.state === 'REFUND') throw new PayError(400, 'ORDERPAID', '订单已支付');
    if (tx.state === 'CLOSED') return;
    tx.state = 'CLOSED';
    tx.closedAt = this.now();
    tx.closedBy = 'merchant';
  }

  // ---- the payer acts (cashier page, admin API) ----

  /** The payer confirms (→ SUCCESS, notification) or the payment fails (→ PAYERROR). */
  pay(tx: Transaction, outcome: 'success' | 'fail'): Transaction {
    this.settle(tx);
    if (tx.state === 'CLOSED') throw new PayError(400, 'ORDER_CLOSED', '订单已关闭');
    if (tx.state === 'PAYERROR') throw new PayError(403, 'TRADE_ERROR', '订单支付失败，请使用新的商户订单号下单');
    if (tx.state !== 'NOTPAY') throw new PayError(400, 'ORDERPAID', '该订单已支付');
    if (outcome === 'fail') {
      tx.state = 'PAYERROR';
      return tx;
    }
    const now = this.now();
    tx.state = 'SUCCESS';
    tx.transactionId = newTransactionId(now);
    tx.successTime = now;
    this.state.transactionIdIndex.set(tx.transactionId, tx.outTradeNo);
    this.notifier.notify({
      event: 'transaction',
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      outTradeNo: tx.outTradeNo,
      notifyUrl: tx.notifyUrl,
      resource: transactionView(tx),
    });
    return tx;
  }

  // ---- 退款申请 / 查询单笔退款 ----

  refund(body: Body): Record<string, unknown> {
    const transactionId = stringAt(body, 'transaction_id', { required: false, max: 32 });
    const outTradeNoGiven = stringAt(body, 'out_trade_no', { required: false, max: 32 });
    if (transactionId === undefined && outTradeNoGiven === undefined) throw paramError('out_trade_no', null, 'transaction_id和out_trade_no必须二选一进行传参');
    const outRefundNo = stringAt(body, 'out_refund_no', { required: true, pattern: OUT_REFUND_NO }) ?? '';
    const reason = stringAt(body, 'reason', { required: false, max: 80 });
    const notifyUrl = notifyUrlAt(body, 'notify_url', false);
    const fundsAccount = stringAt(body, 'funds_account', { required: false, pattern: /^(AVAILABLE|UNSETTLED)$/ });
    const amount = objectAt(body, 'amount', true) ?? {};
    const refundFen = intAt(amount, 'refund', 'amount.refund', 1);
    const totalFen = intAt(amount, 'total', 'amount.total', 1);
    const currency = stringAt(amount, 'currency', { required: true, path: 'amount.currency' });
    if (currency !== 'CNY') throw paramError('amount.currency', currency, '币种仅支持CNY');

    const print = fingerprint(body);
    const existing = this.state.refunds.get(outRefundNo);
    if (existing) {
      if (existing.fingerprint !== print) throw new PayError(400, 'INVALID_REQUEST', '商户退款单号重复，且请求参数与原退款单不一致');
      return refundView(existing);
    }

    const outTradeNo = outTradeNoGiven ?? (transactionId !== undefined ? this.state.transactionIdIndex.get(transactionId) : undefined);
    const tx = outTradeNo ? this.find(outTradeNo) : undefined;
    if (!tx || (transactionId !== undefined && tx.transactionId !== transactionId)) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (tx.state !== 'SUCCESS' && tx.state !== 'REFUND') throw new PayError(400, 'INVALID_REQUEST', '订单未支付成功，不能退款');
    if (totalFen !== tx.total) throw new PayError(400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
    const live = this.state.refundsOf(tx.outTradeNo).filter((r) => r.status !== 'CLOSED');
    const refunded = live.reduce((sum, r) => sum + r.refund, 0);
    if (refundFen > tx.total - refunded) throw new PayError(400, 'INVALID_REQUEST', `申请退款金额超过订单可退金额（可退${tx.total - refunded}分）`);
    if (live.length >= MAX_PARTIAL_REFUNDS) throw new PayError(403, 'RULE_LIMIT', '订单退款次数已达上限（50次）');

    const refund: Refund = {
      refundId: newRefundId(),
      outRefundNo,
      outTradeNo: tx.outTradeNo,
      transactionId: tx.transactionId ?? '',
      refund: refundFen,
      total: tx.total,
      status: 'PROCESSING',
      createdAt: this.now(),
      fingerprint: print,
      ...(reason !== undefined ? { reason } : {}),
      ...(notifyUrl !== undefined ? { notifyUrl } : {}),
      ...(fundsAccount !== undefined ? { fundsAccount } : {}),
    };
    this.state.refunds.set(outRefundNo, refund);
    tx.state = 'REFUND';
    this.scheduler.after(this.config.refundDelayMs * this.config.timeScale, () => this.finishRefund(refund));
    return refundView(refund);
  }

  queryRefund(outRefundNo: string): Record<string, unknown> {
    const refund = this.state.refunds.get(outRefundNo);
    if (!refund) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return refundView(refund);
  }

  private finishRefund(refund: Refund): void {
    if (refund.status !== 'PROCESSING') return;
    const fault = this.faults.refunds.take((f) => f.outTradeNo === '*' || f.outTradeNo === refund.outTradeNo);
    refund.status = fault?.outcome === 'abnormal' ? 'ABNORMAL' : fault?.outcome === 'closed' ? 'CLOSED' : 'SUCCESS';
    if (refund.status === 'SUCCESS') refund.successTime = this.now();
    const tx = this.state.transactions.get(refund.outTradeNo);
    if (tx && refund.status === 'CLOSED' && this.state.refundsOf(tx.outTradeNo).every((r) => r.status === 'CLOSED')) tx.state = 'SUCCESS';
    if (!refund.notifyUrl) return;
    const summary = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' } as const;
    this.notifier.notify({
      event: 'refund',
      eventType: `REFUND.${refund.status}`,
      summary: summary[refund.status],
      outTradeNo: refund.outTradeNo,
      outRefundNo: refund.outRefundNo,
      notifyUrl: refund.notifyUrl,
      resource: refundNotificationView(refund, this.config.mchid),
    });
  }
}
