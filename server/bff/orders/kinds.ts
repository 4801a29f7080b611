/**
 * What each kind of order does in HIS: open the HIS order a WeChat payment needs, apply the payment (the business
 * call), and — after an answer that did not say — find out whether it was applied. The machine (machine.ts) decides
 * when; these only know how.
 */
import type { Order } from '../db/schema';
import type { HisCallContext, HisMoney, MoneyAccount } from '../his';

/** The HIS money functions the order machine uses (server/bff/his/money.ts). */
export type MoneyPort = Pick<HisMoney, 'createOrder' | 'recharge' | 'payGroups' | 'wasApplied' | 'bill' | 'updateOrderStatus'>;

/** Details an outpatient payment order keeps: which visit, which fee groups. */
export interface OutpatientDetails {
  visitId: string;
  groupIds: string[];
  deptName: string;
}

/** What HIS is told when an order ends: applied, or why not. */
export type OrderOutcome = { status: 'applied' } | { status: 'applyFailed' | 'payFailed'; failReason: string };

export interface KindSteps {
  /** The HIS order a WeChat payment needs; its number. */
  openHisOrder(order: Order, ctx: HisCallContext): Promise<string>;
  /** The business call the payment is for (top-up, fee payment…). */
  apply(order: Order, ctx: HisCallContext): Promise<void>;
  /** After an answer that did not say: whether HIS applied it. Throws when HIS cannot say. */
  wasApplied(order: Order, ctx: HisCallContext): Promise<boolean>;
  /** Tells HIS how the order ended (informational; retried until it takes). */
  reportOutcome(order: Order, outcome: OrderOutcome, ctx: HisCallContext): Promise<void>;
}

export function accountOf(order: Pick<Order, 'account_kind' | 'account_no'>): MoneyAccount {
  return order.account_kind === 'inpatient' ? { kind: 'inpatient', inpatientNo: order.account_no } : { kind: 'outpatient', cardNo: order.account_no };
}

export function outpatientDetails(order: Order): OutpatientDetails {
  return JSON.parse(order.details) as OutpatientDetails;
}

function businessInfo(order: Order): string {
  return JSON.stringify({ channel: 'wechat', transaction_id: order.transaction_id, out_trade_no: order.out_trade_no, status: 9 });
}

function requireTransaction(order: Order): string {
  if (!order.transaction_id || !order.his_order_no) throw new Error(`order ${order.id} has no payment to apply`);
  return order.transaction_id;
}

export function kindSteps(money: MoneyPort): Record<Order['kind'], KindSteps> {
  const wasAppliedByHisOrder = (order: Order, ctx: HisCallContext) =>
    money.wasApplied({ hisOrderNo: order.his_order_no ?? '', businessNo: order.transaction_id ?? '', reason: '支付结果确认' }, ctx);
  /** /paymentUpdateStatus, for the orders of /paymentNew. */
  const reportByPaymentStatus = async (order: Order, outcome: OrderOutcome, ctx: HisCallContext) => {
    const ref = { hisOrderNo: order.his_order_no ?? '', businessNo: order.transaction_id ?? '', businessInfo: JSON.stringify({ out_trade_no: order.out_trade_no }) };
    await money.updateOrderStatus(outcome.status === 'applied' ? { ...ref, status: 'applied' } : { ...ref, status: outcome.status, failReason: outcome.failReason }, ctx);
  };
  return {
    recharge: {
      openHisOrder: async (order, ctx) => (await money.createOrder({ patientId: order.his_patient_id, account: accountOf(order), amountFen: order.amount_fen, purpose: 'recharge', payMode: 'wechat' }, ctx)).hisOrderNo,
      apply: async (order, ctx) => {
        const businessNo = requireTransaction(order);
        await money.recharge({ patientId: order.his_patient_id, account: accountOf(order), hisOrderNo: order.his_order_no ?? '', businessNo, businessInfo: businessInfo(order), amountFen: order.amount_fen }, ctx);
      },
      wasApplied: wasAppliedByHisOrder,
      reportOutcome: reportByPaymentStatus,
    },
    outpatient: {
      openHisOrder: async (order, ctx) => (await money.createOrder({ patientId: order.his_patient_id, account: accountOf(order), amountFen: order.amount_fen, purpose: 'payment', payMode: 'wechat' }, ctx)).hisOrderNo,
      apply: async (order, ctx) => {
        const { visitId, groupIds } = outpatientDetails(order);
        const via =
          order.pay_method === 'balance'
            ? ({ kind: 'balance' } as const)
            : ({ kind: 'wechat', hisOrderNo: order.his_order_no ?? '', businessNo: requireTransaction(order), businessInfo: businessInfo(order) } as const);
        await money.payGroups({ patientId: order.his_patient_id, visitId, groupOrderIds: groupIds, totalFen: order.amount_fen, via }, ctx);
      },
      wasApplied: async (order, ctx) => {
        if (order.pay_method === 'wechat') return wasAppliedByHisOrder(order, ctx);
        // A balance payment has no HIS order: it was applied when every chosen group shows as paid.
        const { visitId, groupIds } = outpatientDetails(order);
        const paid = new Set((await money.bill({ patientId: order.his_patient_id, visitId, paid: true }, ctx)).groups.map((g) => g.orderId));
        return groupIds.every((id) => paid.has(id));
      },
      reportOutcome: reportByPaymentStatus,
    },
  };
}
