/**
 * What the hospital's finance and IT staff need from the order machine: the orders waiting for a person
 * (`needs_review`), any order with its full event log, a decision on an order in review, and the daily
 * reconciliation — our orders against WeChat Pay (the order and its refund as WeChat has them) and against HIS
 * (whether HIS applied it), with every mismatch listed.
 */
import type { OrdersRepository } from '../../db/repositories/orders';
import type { Order, OrderState } from '../../db/schema';
import { AppError, Errors } from '../../lib/errors';
import type { OrderMachine } from '../../orders/machine';
import type { WechatPay } from '../../wechat';
import type { Mismatch, MismatchKind, ReconciliationReport, StaffOrderDetail, StaffOrderView } from './schemas';

export type { Mismatch, MismatchKind, ReconciliationReport, StaffOrderDetail, StaffOrderView };

export interface StaffDeps {
  orders: OrdersRepository;
  machine: OrderMachine;
  pay: Pick<WechatPay, 'queryByOutTradeNo' | 'queryRefund'>;
  timeZone?: string;
}

const TAKEN = new Set(['SUCCESS', 'REFUND']);
const PAID_STATES: readonly OrderState[] = ['paid', 'fulfilling', 'fulfilled', 'refunding', 'refunded'];

function staffView(o: Order): StaffOrderView {
  return {
    id: o.id,
    kind: o.kind,
    payMethod: o.pay_method,
    title: o.title,
    amountFen: o.amount_fen,
    state: o.state,
    holderName: o.holder_name_masked,
    account: `${o.account_kind === 'inpatient' ? '住院号' : '就诊卡'} ${o.account_no}`,
    details: o.details,
    hisOrderNo: o.his_order_no,
    outTradeNo: o.out_trade_no,
    transactionId: o.transaction_id,
    outRefundNo: o.out_refund_no,
    refundId: o.refund_id,
    failureReason: o.failure_reason,
    attempts: o.attempts,
    outcomeUnknown: o.outcome_unknown === 1,
    hisStatusSynced: o.his_status_synced === 1,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
}

/** The UTC instants a calendar day of the hospital's time zone starts and ends. */
export function dayRange(date: string, timeZone: string): { from: string; to: string } {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const local = new Date(noonUtc.toLocaleString('en-US', { timeZone }));
  const offsetMs = local.getTime() - new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - offsetMs);
  return { from: start.toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        if (item !== undefined) await fn(item);
      }
    }),
  );
}

export function staffService(deps: StaffDeps) {
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';

  /** One order against WeChat and HIS: what each says, the money it moved, and what disagrees. */
  async function check(o: Order, report: ReconciliationReport): Promise<void> {
    const found: Array<{ kind: MismatchKind; note: string }> = [];
    const flag = (kind: MismatchKind, note: string) => found.push({ kind, note });
    let wechat = '-';
    let his = '-';
    let takenFen = 0;
    let refundedFen = 0;
    let applied = false;
    if (o.state === 'needs_review') flag('needs_review', o.failure_reason ?? '等待人工处理');

    const wechatSide = async (): Promise<boolean> => {
      if (o.pay_method !== 'wechat' || !o.prepay_id) return true;
      try {
        const tx = await deps.pay.queryByOutTradeNo(o.out_trade_no);
        wechat = tx.tradeState;
        const taken = TAKEN.has(tx.tradeState);
        if (taken) takenFen = tx.totalFen;
        if (taken && tx.totalFen !== o.amount_fen) flag('amount_differs', `微信实收${tx.totalFen}分，订单${o.amount_fen}分`);
        if (taken && !PAID_STATES.includes(o.state) && o.state !== 'needs_review') flag('paid_not_recorded', '微信已收款，本系统未记为已支付');
        if (!taken && PAID_STATES.includes(o.state)) flag('recorded_not_paid', '本系统记为已支付，微信未收款');
      } catch (err) {
        flag('unverified', `微信订单查询失败（${err instanceof Error ? err.message : String(err)}），请稍后重试`);
        return false;
      }
      if (!o.out_refund_no) return true;
      try {
        const r = await deps.pay.queryRefund(o.out_refund_no);
        wechat += ` / 退款${r.status}`;
        if (r.status === 'SUCCESS') refundedFen = r.refundFen;
        if (r.status === 'SUCCESS' && o.state !== 'refunded') flag('refund_not_recorded', '微信已退款，本系统未记为已退款');
        if (r.status !== 'SUCCESS' && o.state === 'refunded') flag('refund_not_done', '本系统记为已退款，微信退款未成功');
      } catch {
        wechat += ' / 无退款单';
        if (o.state === 'refunded') flag('refund_not_done', '本系统记为已退款，微信查无退款');
      }
      return true;
    };

    const hisSide = async (): Promise<void> => {
      // only orders that could have reached HIS's business call
      if (!o.transaction_id && !(o.pay_method === 'balance' && o.state !== 'created')) return;
      try {
        applied = await deps.machine.hisApplied(o);
        his = applied ? '已入账' : '未入账';
      } catch (err) {
        his = '查询失败';
        flag('unverified', `医院系统查询失败（${err instanceof Error ? err.message : String(err)}），请稍后重试`);
        return;
      }
      if (o.state === 'fulfilled' && !applied) flag('fulfilled_not_applied', '本系统记为已入账，医院系统未入账');
      if (applied && (o.state === 'refunding' || o.state === 'refunded')) flag('applied_but_refunded', '医院已入账，但已退款或正在退款');
    };

    if (await wechatSide()) await hisSide();
    report.takenFen += takenFen;
    report.refundedFen += refundedFen;
    if (applied) {
      if (o.pay_method === 'balance') report.balanceAppliedFen += o.amount_fen;
      else report.appliedFen += o.amount_fen;
    }
    for (const f of found) report.mismatches.push({ orderId: o.id, kind: f.kind, ours: o.state, wechat, his, note: f.note });
  }

  return {
    async review(limit = 200): Promise<StaffOrderView[]> {
      return (await deps.orders.inState('needs_review', limit)).map(staffView);
    },

    async order(id: string): Promise<StaffOrderDetail> {
      const o = await deps.orders.byId(id);
      if (!o) throw Errors.notFound('订单');
      const events = await deps.orders.events(o.id);
      return { ...staffView(o), events: events.map((e) => ({ at: e.at, from: e.from_state, to: e.to_state, cause: e.cause, detail: e.detail })) };
    },

    async decide(id: string, action: 'retry' | 'refund', staff: string): Promise<StaffOrderDetail> {
      const o = await deps.orders.byId(id);
      if (!o) throw Errors.notFound('订单');
      const moved = await deps.machine.review(o, action, staff);
      if (!moved) throw new AppError(409, 'CONFLICT', action === 'refund' ? '该订单不能退款（未支付、已入账或不在待核对状态）' : '该订单不在待核对状态，或无可重试的步骤');
      await deps.machine.drive(moved.id);
      return this.order(moved.id);
    },

    async reconcile(date: string): Promise<ReconciliationReport> {
      const { from, to } = dayRange(date, timeZone);
      const orders = await deps.orders.createdBetween(from, to);
      const report: ReconciliationReport = { date, orders: orders.length, byState: {}, takenFen: 0, refundedFen: 0, appliedFen: 0, balanceAppliedFen: 0, unaccountedFen: 0, mismatches: [] };
      for (const o of orders) report.byState[o.state] = (report.byState[o.state] ?? 0) + 1;
      await eachLimited(orders, 4, (o) => check(o, report));
      report.unaccountedFen = report.takenFen - report.refundedFen - report.appliedFen;
      report.mismatches.sort((a, b) => a.orderId.localeCompare(b.orderId) || a.kind.localeCompare(b.kind));
      return report;
    },
  };
}

export type StaffService = ReturnType<typeof staffService>;
