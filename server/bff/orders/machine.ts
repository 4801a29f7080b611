/**
 * The payment state machine (DESIGN.md §5): the one place that moves orders.
 *
 *   created → paying → paid → fulfilling → fulfilled
 *   paid / fulfilling → refunding → refunded            HIS said no: the money goes back, with a stable out_refund_no
 *   created / paying → closed                           not paid in time, cancelled, or refused before payment
 *   → needs_review                                      still undecided after bounded retries: staff look at it
 *
 * Rules it keeps:
 * - only a verified notification or a WeChat order query makes an order paid;
 * - the HIS business call runs once per order: paid → fulfilling is a conditional update only one worker wins;
 * - after a HIS answer that did not say (timeout, 5xx, broken), HIS is asked (/requestSucess, the bill) before
 *   anything else — a payment HIS applied is never refunded, one it did not apply is never lost;
 * - every step can crash: `drive` picks any order up where it stands, and the job re-drives every unfinished order.
 */
import type { FastifyBaseLogger } from 'fastify';
import { FINAL_STATES, type OrderChanges, type OrdersRepository } from '../db/repositories/orders';
import type { Order, OrderState } from '../db/schema';
import { HisBusyError, HisError, HisRejectedError } from '../his';
import { WechatPayRejected, type WechatPay, type WechatTransaction } from '../wechat';
import { kindSteps, type OrderOutcome, type MoneyPort } from './kinds';

export interface MachineConfig {
  /** How long an order can be paid. */
  paymentWindowMs: number;
  /** Tries of one step (HIS business call, refund…) before the order goes to review. */
  maxAttempts: number;
  /** First retry delay; it doubles up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often an unpaid order is checked with WeChat in the background. */
  payingCheckMs: number;
  /** How long one worker holds an order: longer than the slowest step (HIS write timeout, WeChat timeout). */
  leaseMs: number;
  /** Orders driven at once on a notification; more wait in a queue of `kickQueue`, beyond it the job picks them up. */
  kickConcurrency: number;
  kickQueue: number;
}

export const MACHINE_DEFAULTS: MachineConfig = {
  paymentWindowMs: 15 * 60_000,
  maxAttempts: 8,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
  payingCheckMs: 2 * 60_000,
  leaseMs: 60_000,
  kickConcurrency: 8,
  kickQueue: 1_000,
};

export interface MachineDeps {
  orders: OrdersRepository;
  money: MoneyPort;
  pay: WechatPay;
  /** The WeChat openid that pays (the order's user). */
  openidOf(userId: string): Promise<string>;
  log: FastifyBaseLogger;
  config?: Partial<MachineConfig>;
  now?: () => Date;
}


export const refundNoOf = (order: Order): string => `R${order.out_trade_no}`;

/** HIS errors that say the call never reached HIS: nothing to find out afterwards. */
function notSent(err: unknown): boolean {
  return err instanceof HisBusyError || (err instanceof HisError && err.outcomeUnknown === false && !(err instanceof HisRejectedError));
}

export function createMachine(deps: MachineDeps) {
  const config: MachineConfig = { ...MACHINE_DEFAULTS, ...deps.config };
  const now = deps.now ?? (() => new Date());
  const steps = kindSteps(deps.money);
  const kicks = { active: 0, queue: [] as string[] };
  const iso = () => now().toISOString();
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();
  const backoff = (attempts: number) => Math.min(config.retryBaseMs * 2 ** Math.max(0, attempts - 1), config.retryMaxMs);
  const ctxOf = (order: Order) => ({ requestId: `order-${order.id}` });
  /** An unpaid order is checked with WeChat every payingCheckMs, and at its expiry at the latest. */
  const nextPaymentCheck = (order: Order) => new Date(Math.min(Date.parse(order.expires_at), now().getTime() + config.payingCheckMs)).toISOString();

  const move = (order: Order, to: OrderState, cause: string, changes: OrderChanges = {}, detail: Record<string, unknown> = {}) =>
    deps.orders.transition(order, to, cause, { ...changes, updated_at: iso() }, detail);

  /** A step that could not finish: try again later, or hand the order to review when tries are used up. */
  async function retryLater(order: Order, cause: string, changes: OrderChanges = {}, err?: unknown): Promise<Order | undefined> {
    const attempts = order.attempts + 1;
    deps.log.warn({ orderId: order.id, state: order.state, cause, attempts, err: err instanceof Error ? { type: err.name, message: err.message } : undefined }, 'order step will be retried');
    if (attempts >= config.maxAttempts) {
      return move(order, 'needs_review', `${cause}.exhausted`, { ...changes, attempts, next_attempt_at: null, failure_reason: order.failure_reason ?? '订单处理中，医院正在核对，请勿重复支付' }, { attempts });
    }
    // a self-transition: the attempt is in the event log too
    return move(order, order.state, cause, { ...changes, attempts, next_attempt_at: later(backoff(attempts)) }, { attempts });
  }

  async function close(order: Order, cause: string, reason: string): Promise<Order | undefined> {
    return move(order, 'closed', cause, { failure_reason: reason, finished_at: iso(), next_attempt_at: null, attempts: 0 });
  }

  /** The payment is confirmed (notification or query): created / paying → paid. */
  async function markPaid(order: Order, tx: WechatTransaction, cause: string): Promise<Order | undefined> {
    if (tx.totalFen !== order.amount_fen) {
      return move(order, 'needs_review', 'paid.amount_mismatch', { next_attempt_at: null }, { paidFen: tx.totalFen });
    }
    return move(order, 'paid', cause, { transaction_id: tx.transactionId ?? null, paid_at: iso(), attempts: 0, next_attempt_at: null }, { transactionId: tx.transactionId });
  }

  async function setUp(order: Order): Promise<Order | undefined> {
    if (order.pay_method === 'balance') return move(order, 'fulfilling', 'balance.start');
    if (now().toISOString() >= order.expires_at) return close(order, 'expired', '超时未支付，订单已关闭');
    let current = order;
    if (!current.his_order_no) {
      try {
        const hisOrderNo = await steps[order.kind].openHisOrder(current, ctxOf(current));
        const updated = await deps.orders.update(current, { his_order_no: hisOrderNo, updated_at: iso() });
        if (!updated) return undefined;
        current = updated;
      } catch (err) {
        if (err instanceof HisRejectedError) return close(current, 'his.refused', err.hisMessage);
        if (current.attempts + 1 >= config.maxAttempts) return close(current, 'his.unavailable', '医院系统暂时无法访问，请稍后再试');
        return retryLater(current, 'his.order_failed', {}, err);
      }
    }
    try {
      const openid = await deps.openidOf(current.user_id);
      const { prepayId } = await deps.pay.prepayJsapi({ outTradeNo: current.out_trade_no, description: current.title, amountFen: current.amount_fen, openid, timeExpire: new Date(current.expires_at) });
      return move(current, 'paying', 'prepay', { prepay_id: prepayId, attempts: 0, next_attempt_at: nextPaymentCheck(current) });
    } catch (err) {
      if (err instanceof WechatPayRejected) return close(current, 'wechat.refused', '微信支付下单失败，请稍后重试');
      if (current.attempts + 1 >= config.maxAttempts) return close(current, 'wechat.unavailable', '微信支付暂时无法使用，请稍后重试');
      return retryLater(current, 'wechat.prepay_failed', {}, err);
    }
  }

  /** Unpaid: ask WeChat; paid → paid; past the window → close it at WeChat first (a payer might be paying now). */
  async function checkPayment(order: Order): Promise<Order | undefined> {
    let tx: WechatTransaction;
    try {
      tx = await deps.pay.queryByOutTradeNo(order.out_trade_no);
    } catch (err) {
      return retryLater(order, 'wechat.query_failed', {}, err);
    }
    if (tx.tradeState === 'SUCCESS' || tx.tradeState === 'REFUND') return markPaid(order, tx, 'query');
    const expired = iso() >= order.expires_at;
    if (!expired && tx.tradeState !== 'CLOSED' && tx.tradeState !== 'PAYERROR' && tx.tradeState !== 'REVOKED') {
      return deps.orders.update(order, { next_attempt_at: nextPaymentCheck(order), updated_at: iso() });
    }
    try {
      if (tx.tradeState !== 'CLOSED') await deps.pay.closeOrder(order.out_trade_no);
    } catch (err) {
      // ORDERPAID: paid at the last moment — the query will say so next time
      return retryLater(order, 'wechat.close_failed', {}, err);
    }
    const last = await deps.pay.queryByOutTradeNo(order.out_trade_no).catch(() => undefined);
    if (last && (last.tradeState === 'SUCCESS' || last.tradeState === 'REFUND')) return markPaid(order, last, 'query');
    return close(order, expired ? 'expired' : 'wechat.closed', expired ? '超时未支付，订单已关闭' : '支付未完成，订单已关闭');
  }

  /** The HIS business call, once; after an unclear answer HIS is asked first. */
  async function apply(order: Order): Promise<Order | undefined> {
    const kind = steps[order.kind];
    const ctx = ctxOf(order);
    if (order.outcome_unknown === 1) {
      let applied: boolean;
      try {
        applied = await kind.wasApplied(order, ctx);
      } catch (err) {
        return retryLater(order, 'his.check_failed', {}, err);
      }
      if (applied) return move(order, 'fulfilled', 'his.confirmed', { finished_at: iso(), outcome_unknown: 0, attempts: 0, next_attempt_at: null });
    }
    // Written down before the call: a crash during it leaves an order whose outcome is asked of HIS, never re-applied blindly.
    let sending = order;
    if (order.outcome_unknown !== 1) {
      const marked = await deps.orders.update(order, { outcome_unknown: 1, updated_at: iso() });
      if (!marked) return undefined;
      sending = marked;
    }
    try {
      await kind.apply(sending, ctx);
      return move(sending, 'fulfilled', 'his.applied', { finished_at: iso(), outcome_unknown: 0, attempts: 0, next_attempt_at: null });
    } catch (err) {
      if (err instanceof HisRejectedError) {
        deps.log.info({ orderId: sending.id, his: { endpoint: err.endpoint, code: err.code } }, 'HIS refused the payment');
        // A refusal can mean "done already" (an earlier call HIS applied late): never refund what HIS applied.
        let applied: boolean;
        try {
          applied = await kind.wasApplied(sending, ctx);
        } catch (checkErr) {
          return retryLater(sending, 'his.check_failed', {}, checkErr);
        }
        if (applied) return move(sending, 'fulfilled', 'his.confirmed', { finished_at: iso(), outcome_unknown: 0, attempts: 0, next_attempt_at: null });
        if (sending.pay_method === 'balance') return close(sending, 'his.refused', err.hisMessage || '医院未能处理该缴费');
        return move(sending, 'refunding', 'his.refused', { failure_reason: err.hisMessage || '医院未能处理该订单', out_refund_no: refundNoOf(sending), attempts: 0, next_attempt_at: null, outcome_unknown: 0 });
      }
      if (notSent(err)) return retryLater(sending, 'his.not_sent', { outcome_unknown: order.outcome_unknown }, err);
      return retryLater(sending, 'his.unknown', { outcome_unknown: 1 }, err);
    }
  }

  /** Money back, with the same out_refund_no however often it is tried. */
  async function refund(order: Order): Promise<Order | undefined> {
    const outRefundNo = order.out_refund_no ?? refundNoOf(order);
    try {
      const r = order.refund_id
        ? await deps.pay.queryRefund(outRefundNo)
        : await deps.pay.refund({ outTradeNo: order.out_trade_no, outRefundNo, refundFen: order.amount_fen, totalFen: order.amount_fen, reason: (order.failure_reason ?? '医院未能处理').slice(0, 26) });
      if (r.status === 'SUCCESS') return move(order, 'refunded', 'refund.success', { refund_id: r.refundId, finished_at: iso(), attempts: 0, next_attempt_at: null });
      if (r.status === 'PROCESSING') return move(order, 'refunding', 'refund.processing', { refund_id: r.refundId, out_refund_no: outRefundNo, next_attempt_at: later(config.retryBaseMs * 6) });
      return move(order, 'needs_review', `refund.${r.status.toLowerCase()}`, { refund_id: r.refundId, next_attempt_at: null });
    } catch (err) {
      return retryLater(order, 'refund.failed', { out_refund_no: outRefundNo }, err);
    }
  }

  /** Tells HIS the final outcome (/paymentUpdateStatus); informational, retried until it takes. */
  async function syncHis(order: Order): Promise<Order | undefined> {
    const outcome: OrderOutcome =
      order.state === 'fulfilled'
        ? { status: 'applied' }
        : { status: order.state === 'refunded' || order.transaction_id ? 'applyFailed' : 'payFailed', failReason: order.failure_reason ?? '订单已关闭' };
    try {
      await steps[order.kind].reportOutcome(order, outcome, ctxOf(order));
      return deps.orders.update(order, { his_status_synced: 1, next_attempt_at: null, updated_at: iso() });
    } catch (err) {
      if (err instanceof HisRejectedError) {
        deps.log.warn({ orderId: order.id, his: { code: err.code } }, 'HIS did not take the order status');
        return deps.orders.update(order, { his_status_synced: 1, next_attempt_at: null, updated_at: iso() });
      }
      return deps.orders.update(order, { attempts: order.attempts + 1, next_attempt_at: later(backoff(order.attempts + 1)), updated_at: iso() });
    }
  }

  /** One step from where the order stands; undefined when there is nothing to do now. */
  async function step(order: Order, options: { checkPayment: boolean }): Promise<Order | undefined> {
    switch (order.state) {
      case 'created':
        return setUp(order);
      case 'paying':
        return options.checkPayment || iso() >= order.expires_at || (order.next_attempt_at !== null && order.next_attempt_at <= iso()) ? checkPayment(order) : undefined;
      case 'paid':
        return move(order, 'fulfilling', 'fulfil.start');
      case 'fulfilling':
        return order.next_attempt_at && order.next_attempt_at > iso() ? undefined : apply(order);
      case 'refunding':
        return order.next_attempt_at && order.next_attempt_at > iso() ? undefined : refund(order);
      case 'fulfilled':
      case 'refunded':
      case 'closed':
        return order.his_order_no && order.his_status_synced === 0 && (!order.next_attempt_at || order.next_attempt_at <= iso()) ? syncHis(order) : undefined;
      case 'needs_review':
        return undefined;
    }
  }

  return {
    config,

    /**
     * Moves an order as far as it can go now, holding its lease so that no other worker (in this process or
     * another) drives it at the same time. Returns the order as it stands afterwards.
     */
    async drive(id: string, options: { checkPayment?: boolean } = {}): Promise<Order | undefined> {
      if (!(await deps.orders.claim(id, iso(), later(config.leaseMs)))) return deps.orders.byId(id);
      try {
        let order = await deps.orders.byId(id);
        let checkPayment = options.checkPayment ?? false;
        for (let i = 0; order && i < 10; i += 1) {
          const before = order.state;
          const next = await step(order, { checkPayment });
          checkPayment = false;
          if (!next) break;
          order = next;
          if (next.state === before && next.state !== 'paid') break;
        }
        return deps.orders.byId(id);
      } finally {
        await deps.orders.release(id);
      }
    },

    /** A verified payment notification: mark paid (once; duplicates change nothing). True when it was ours. */
    async onPaid(tx: WechatTransaction): Promise<Order | undefined> {
      // a worker may move the order (a version bump) at the same moment: read again and retry a few times
      for (let tries = 0; tries < 5; tries += 1) {
        const order = await deps.orders.byOutTradeNo(tx.outTradeNo);
        if (!order) return undefined;
        let moved: Order | undefined;
        if (order.state === 'created' || order.state === 'paying') moved = await markPaid(order, tx, 'notification');
        else if (order.state === 'closed' && !order.transaction_id) {
          // paid although we had closed it (the close lost a race): the money must not be lost
          moved = await move(order, 'needs_review', 'paid.after_close', { transaction_id: tx.transactionId ?? null }, { transactionId: tx.transactionId });
        } else return order;
        if (moved) return moved;
      }
      return deps.orders.byOutTradeNo(tx.outTradeNo);
    },

    /** A verified refund notification. */
    async onRefunded(outRefundNo: string, status: string, refundId: string): Promise<Order | undefined> {
      for (let tries = 0; tries < 5; tries += 1) {
        const order = await deps.orders.byOutRefundNo(outRefundNo);
        if (!order || order.state !== 'refunding') return order;
        let moved: Order | undefined;
        if (status === 'SUCCESS') moved = await move(order, 'refunded', 'refund.notification', { refund_id: refundId, finished_at: iso(), attempts: 0, next_attempt_at: null });
        else if (status === 'ABNORMAL' || status === 'CLOSED') moved = await move(order, 'needs_review', `refund.${status.toLowerCase()}`, { refund_id: refundId, next_attempt_at: null });
        else return order;
        if (moved) return moved;
      }
      return deps.orders.byOutRefundNo(outRefundNo);
    },

    /** The patient cancels an unpaid order: closed at WeChat first, so that it can no longer be paid. */
    async cancel(order: Order): Promise<Order | undefined> {
      if (order.state === 'created') return close(order, 'cancelled', '已取消');
      if (order.state !== 'paying') return order;
      try {
        await deps.pay.closeOrder(order.out_trade_no);
      } catch (err) {
        deps.log.warn({ orderId: order.id, err: err instanceof Error ? err.message : String(err) }, 'closing at WeChat failed');
        return this.drive(order.id, { checkPayment: true });
      }
      const tx = await deps.pay.queryByOutTradeNo(order.out_trade_no).catch(() => undefined);
      if (tx && (tx.tradeState === 'SUCCESS' || tx.tradeState === 'REFUND')) return markPaid(order, tx, 'query');
      return close(order, 'cancelled', '已取消');
    },

    /**
     * Drives an order soon, without waiting (a notification is answered first): at most `kickConcurrency` at a time,
     * so that a burst of notifications cannot starve the event loop; past the queue's bound the order is left to the
     * re-drive job, which finds it due.
     */
    kick(id: string): void {
      if (kicks.active >= config.kickConcurrency) {
        if (kicks.queue.length < config.kickQueue) kicks.queue.push(id);
        return;
      }
      kicks.active += 1;
      setImmediate(() => {
        void this.drive(id)
          .catch((err: unknown) => deps.log.error({ orderId: id, err }, 'driving an order failed'))
          .finally(() => {
            kicks.active -= 1;
            const next = kicks.queue.shift();
            if (next !== undefined) this.kick(next);
          });
      });
    },

    /** Orders a worker should look at now, driven one after another. */
    async redriveDue(limit = 50): Promise<number> {
      const due = await deps.orders.due(iso(), limit);
      for (const order of due) {
        try {
          await this.drive(order.id);
        } catch (err) {
          deps.log.error({ orderId: order.id, err }, 'driving an order failed');
        }
      }
      return due.length;
    },

    isFinal: (state: OrderState) => FINAL_STATES.includes(state),

    /** Whether HIS applied the order (reconciliation); throws when HIS cannot say. */
    hisApplied: (order: Order): Promise<boolean> => steps[order.kind].wasApplied(order, ctxOf(order)),

    /**
     * Staff decide an order in review: `retry` takes it back to the step it was stuck at (HIS call or refund) with
     * fresh attempts; `refund` sends the money back — only when HIS confirms it did not apply the order.
     */
    async review(order: Order, action: 'retry' | 'refund', staff: string): Promise<Order | undefined> {
      if (order.state !== 'needs_review') return undefined;
      if (action === 'retry') {
        const back: OrderState | undefined = order.out_refund_no ? 'refunding' : order.transaction_id || order.pay_method === 'balance' ? 'fulfilling' : undefined;
        if (!back) return undefined;
        return move(order, back, 'staff.retry', { attempts: 0, next_attempt_at: null }, { staff });
      }
      if (!order.transaction_id) return undefined;
      if (order.his_order_no && (await steps[order.kind].wasApplied(order, ctxOf(order)))) return undefined;
      return move(order, 'refunding', 'staff.refund', { out_refund_no: order.out_refund_no ?? refundNoOf(order), failure_reason: order.failure_reason ?? '医院核对后退款', attempts: 0, next_attempt_at: null }, { staff });
    },
  };
}

export type OrderMachine = ReturnType<typeof createMachine>;
