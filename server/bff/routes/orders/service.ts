/**
 * Orders as the patient sees them: top-ups and outpatient payments are created here (the amount always from HIS),
 * driven by the state machine, shown with a timeline in plain Chinese, paid again or cancelled while unpaid. Also the
 * reads a payment needs: top-up options and history, pending and paid bills.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  BillsResponse,
  BillView,
  OrderDetail,
  OrdersResponse,
  OrderTimelineEntry,
  OrderView,
  OutpatientOrderRequest,
  PaymentParams,
  RechargeHistoryResponse,
  RechargeOptions,
  RechargeOrderRequest,
} from '../../../../contract/api';
import type { CardBindingsRepository } from '../../db/repositories/card-bindings';
import type { OrdersRepository } from '../../db/repositories/orders';
import type { CardBinding, Order, OrderEvent } from '../../db/schema';
import type { HisMoney, HisPatients } from '../../his';
import { AppError, Errors } from '../../lib/errors';
import type { WechatPay } from '../../wechat';
import { accountOf, outpatientDetails } from '../../orders/kinds';
import type { OrderMachine } from '../../orders/machine';

export interface RechargeRules {
  presetsFen: { outpatient: number[]; inpatient: number[] };
  minFen: number;
  maxFen: { outpatient: number; inpatient: number };
}

export const RECHARGE_RULES: RechargeRules = {
  presetsFen: { outpatient: [5_000, 10_000, 20_000, 50_000], inpatient: [100_000, 200_000, 500_000] },
  minFen: 100,
  // the hospital's limits per top-up (the HIS refuses more)
  maxFen: { outpatient: 500_000, inpatient: 5_000_000 },
};

export interface OrdersDeps {
  orders: OrdersRepository;
  bindings: CardBindingsRepository;
  patients: HisPatients;
  money: HisMoney;
  machine: OrderMachine;
  pay: Pick<WechatPay, 'requestPaymentParams'>;
  appId: string;
  rules?: RechargeRules;
  now?: () => Date;
}

const TIME_ZONE = 'Asia/Shanghai';
/** Unpaid orders one user may have at once. */
export const MAX_UNPAID_ORDERS = 10;
const BILL_DAYS = 180;

/** The patient's words for each state the order passed through. */
function label(order: Order, e: OrderEvent): string | undefined {
  switch (e.to_state) {
    case 'created':
      return '已下单';
    case 'paying':
      return '待支付';
    case 'paid':
      return '已支付';
    case 'fulfilling':
      return order.pay_method === 'balance' ? '卡内余额支付中' : undefined;
    case 'fulfilled':
      return order.kind === 'recharge' ? '医院已入账' : '缴费成功';
    case 'refunding':
      return e.from_state === 'refunding' ? undefined : '退款中';
    case 'refunded':
      return '已退款';
    case 'closed':
      return '已关闭';
    case 'needs_review':
      return '医院核对中';
  }
}

function timeline(order: Order, events: OrderEvent[]): OrderTimelineEntry[] {
  const out: OrderTimelineEntry[] = [];
  for (const e of events) {
    if (e.from_state === e.to_state) continue; // retries: in the log, not on the patient's timeline
    const l = label(order, e);
    if (!l) continue;
    const note = e.to_state === 'refunding' || e.to_state === 'closed' ? (order.failure_reason ?? undefined) : e.to_state === 'refunded' ? '款项将原路退回' : e.to_state === 'needs_review' ? '如已扣款，结果确认前请勿重复支付' : undefined;
    out.push({ at: e.at, label: l, ...(note ? { note } : {}) });
  }
  return out;
}

function dateIn(zone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function idempotencyKey(value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9_-]{8,64}$/.test(value)) throw Errors.validation({ 'Idempotency-Key': '缺少有效的幂等键' }, '请求缺少幂等键');
  return value;
}

export function ordersService(deps: OrdersDeps) {
  const rules = deps.rules ?? RECHARGE_RULES;
  const now = deps.now ?? (() => new Date());

  async function card(userId: string, cardId: string): Promise<CardBinding> {
    const binding = await deps.bindings.liveOfUser(userId, cardId);
    if (!binding) throw Errors.notFound('就诊卡');
    return binding;
  }

  async function owned(userId: string, id: string): Promise<Order> {
    const order = await deps.orders.ofUser(userId, id);
    if (!order) throw Errors.notFound('订单');
    return order;
  }

  function view(order: Order): OrderView {
    const unpaid = order.state === 'created' || order.state === 'paying';
    const open = unpaid && order.expires_at > now().toISOString();
    return {
      id: order.id,
      kind: order.kind,
      title: order.title,
      amountFen: order.amount_fen,
      payMethod: order.pay_method,
      card: { id: order.binding_id, holderName: order.holder_name_masked, cardNo: order.account_no, kind: order.account_kind },
      state: order.state,
      ...(order.failure_reason && order.state !== 'fulfilled' ? { failureReason: order.failure_reason } : {}),
      createdAt: order.created_at,
      expiresAt: order.expires_at,
      ...(order.paid_at ? { paidAt: order.paid_at } : {}),
      ...(order.finished_at ? { finishedAt: order.finished_at } : {}),
      canPay: open && order.state === 'paying' && order.pay_method === 'wechat',
      canCancel: unpaid,
    };
  }

  async function detail(order: Order): Promise<OrderDetail> {
    const v = view(order);
    const payment: PaymentParams | undefined = v.canPay && order.prepay_id ? { appId: deps.appId, requestPayment: deps.pay.requestPaymentParams(order.prepay_id) } : undefined;
    return { ...v, timeline: timeline(order, await deps.orders.events(order.id)), ...(payment ? { payment } : {}) };
  }

  /** Same key, same request: the first order; same key, another request: a conflict. */
  async function replay(userId: string, key: string, same: (o: Order) => boolean): Promise<OrderDetail | undefined> {
    const existing = await deps.orders.byIdempotencyKey(userId, key);
    if (!existing) return undefined;
    if (!same(existing)) throw new AppError(409, 'CONFLICT', '重复的请求，请刷新后重试');
    return detail((await deps.machine.drive(existing.id)) ?? existing);
  }

  async function start(userId: string, key: string, binding: CardBinding, fields: Pick<Order, 'kind' | 'pay_method' | 'title' | 'amount_fen' | 'details'>): Promise<OrderDetail> {
    // each order opens a HIS order and a WeChat prepay: a user cannot pile up unpaid ones
    if ((await deps.orders.countUnpaidOfUser(userId)) >= MAX_UNPAID_ORDERS) throw new AppError(429, 'RATE_LIMITED', '待支付的订单过多，请先支付或取消后再下单');
    const at = now();
    let order: Order;
    try {
      order = await deps.orders.insert(
        {
          id: randomUUID(),
          user_id: userId,
          binding_id: binding.id,
          idempotency_key: key,
          ...fields,
          his_patient_id: binding.his_patient_id,
          account_kind: binding.kind,
          account_no: binding.card_no,
          holder_name_masked: binding.holder_name_masked,
          his_order_no: null,
          // 32 characters WeChat accepts, unique per order, nothing personal in it
          out_trade_no: `P${at.toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(11).toString('hex')}`,
          prepay_id: null,
          transaction_id: null,
          out_refund_no: null,
          refund_id: null,
          failure_reason: null,
          outcome_unknown: 0,
          his_status_synced: 0,
          attempts: 0,
          next_attempt_at: null,
          lease_until: null,
          expires_at: new Date(at.getTime() + deps.machine.config.paymentWindowMs).toISOString(),
          paid_at: null,
          finished_at: null,
          created_at: at.toISOString(),
          updated_at: at.toISOString(),
        },
        'order.created',
      );
    } catch (err) {
      const again = await deps.orders.byIdempotencyKey(userId, key);
      if (again) return detail(again);
      throw err;
    }
    return detail((await deps.machine.drive(order.id)) ?? order);
  }

  return {
    async rechargeOptions(userId: string, cardId: string, requestId: string): Promise<RechargeOptions> {
      const binding = await card(userId, cardId);
      const p = await deps.patients.find({ by: 'patientId', kind: binding.kind, patientId: binding.his_patient_id }, { requestId });
      if (!p) throw Errors.notFound('就诊卡信息');
      return {
        canRecharge: p.canRecharge,
        ...(p.canRecharge ? {} : { reason: p.noRechargeReason || '该卡暂不支持在线充值' }),
        balanceFen: p.balanceFen,
        presetsFen: rules.presetsFen[binding.kind],
        minFen: rules.minFen,
        maxFen: rules.maxFen[binding.kind],
      };
    },

    async rechargeHistory(userId: string, cardId: string, requestId: string): Promise<RechargeHistoryResponse> {
      const binding = await card(userId, cardId);
      const records = await deps.money.rechargeHistory({ patientId: binding.his_patient_id, account: accountOf({ account_kind: binding.kind, account_no: binding.card_no }) }, { requestId });
      return { records: records.map((r) => ({ id: r.id, channel: r.channel, amountFen: r.actualFen, at: r.at })) };
    },

    async bills(userId: string, cardId: string, paid: boolean, requestId: string): Promise<BillsResponse> {
      const binding = await card(userId, cardId);
      if (binding.kind !== 'outpatient') return { visits: [] };
      const to = dateIn(TIME_ZONE, now());
      const from = dateIn(TIME_ZONE, new Date(now().getTime() - BILL_DAYS * 86_400_000));
      const input = { patientId: binding.his_patient_id, from, to };
      const visits = paid ? await deps.money.paidVisits(input, { requestId }) : await deps.money.pendingVisits(input, { requestId });
      return { visits: visits.map((v) => ({ visitId: v.visitId, deptName: v.deptName, doctorName: v.doctorName, visitTime: v.visitTime })) };
    },

    async bill(userId: string, cardId: string, visitId: string, paid: boolean, requestId: string): Promise<BillView> {
      const binding = await card(userId, cardId);
      if (binding.kind !== 'outpatient') throw Errors.notFound('账单');
      const visits = (await this.bills(userId, cardId, paid, requestId)).visits;
      const visit = visits.find((v) => v.visitId === visitId);
      if (!visit) throw Errors.notFound('账单');
      const [bill, patient] = await Promise.all([
        deps.money.bill({ patientId: binding.his_patient_id, visitId, paid }, { requestId }),
        deps.patients.find({ by: 'patientId', kind: 'outpatient', patientId: binding.his_patient_id }, { requestId }),
      ]);
      return {
        visit,
        groups: bill.groups.map((g) => ({ id: g.orderId, title: g.title, totalFen: g.totalFen, items: g.items.map((i) => ({ ...i })), ...(g.chargedAt ? { chargedAt: g.chargedAt } : {}) })),
        totalFen: bill.totalFen,
        balanceFen: patient?.balanceFen ?? 0,
      };
    },

    async createRecharge(userId: string, keyHeader: string | undefined, input: RechargeOrderRequest, requestId: string): Promise<OrderDetail> {
      const key = idempotencyKey(keyHeader);
      const binding = await card(userId, input.cardId);
      const replayed = await replay(userId, key, (o) => o.kind === 'recharge' && o.binding_id === binding.id && o.amount_fen === input.amountFen);
      if (replayed) return replayed;
      const max = rules.maxFen[binding.kind];
      if (!Number.isInteger(input.amountFen) || input.amountFen < rules.minFen || input.amountFen > max) {
        throw Errors.validation({ amountFen: `充值金额应在${rules.minFen / 100}元至${max / 100}元之间` });
      }
      const p = await deps.patients.find({ by: 'patientId', kind: binding.kind, patientId: binding.his_patient_id }, { requestId });
      if (!p) throw Errors.notFound('就诊卡信息');
      if (!p.canRecharge) throw new AppError(422, 'HIS_REJECTED', p.noRechargeReason || '该卡暂不支持在线充值');
      const title = binding.kind === 'inpatient' ? '住院预交金' : '门诊充值';
      return start(userId, key, binding, { kind: 'recharge', pay_method: 'wechat', title, amount_fen: input.amountFen, details: '{}' });
    },

    async createOutpatient(userId: string, keyHeader: string | undefined, input: OutpatientOrderRequest, requestId: string): Promise<OrderDetail> {
      const key = idempotencyKey(keyHeader);
      const binding = await card(userId, input.cardId);
      const groupIds = [...new Set(input.groupIds)].sort();
      const replayed = await replay(userId, key, (o) => o.kind === 'outpatient' && o.binding_id === binding.id && o.pay_method === input.payMethod && JSON.stringify(outpatientDetails(o).groupIds) === JSON.stringify(groupIds));
      if (replayed) return replayed;
      if (binding.kind !== 'outpatient') throw Errors.validation({ cardId: '住院号不能缴纳门诊费用，请选择就诊卡' });
      if (groupIds.length === 0) throw Errors.validation({ groupIds: '请选择要缴费的项目' });

      // The amount is HIS's: the sum of the chosen pending groups as HIS bills them now.
      const bill = await deps.money.bill({ patientId: binding.his_patient_id, visitId: input.visitId, paid: false }, { requestId });
      const chosen = bill.groups.filter((g) => groupIds.includes(g.orderId));
      if (chosen.length !== groupIds.length) throw new AppError(409, 'CONFLICT', '所选费用已缴或已变更，请刷新后重试');
      const amountFen = chosen.reduce((sum, g) => sum + g.totalFen, 0);
      await deps.money.checkGroups({ patientId: binding.his_patient_id, cardNo: binding.card_no, groupOrderIds: groupIds, totalFen: amountFen }, { requestId });
      if (input.payMethod === 'balance') {
        const p = await deps.patients.find({ by: 'patientId', kind: 'outpatient', patientId: binding.his_patient_id }, { requestId });
        if (!p || p.balanceFen < amountFen) throw Errors.validation({ payMethod: '卡内余额不足，请选择微信支付' });
      }
      const visits = await deps.money.pendingVisits({ patientId: binding.his_patient_id, from: '2000-01-01', to: dateIn(TIME_ZONE, now()) }, { requestId });
      const deptName = visits.find((v) => v.visitId === input.visitId)?.deptName ?? '';
      const details = JSON.stringify({ visitId: input.visitId, groupIds, deptName });
      return start(userId, key, binding, { kind: 'outpatient', pay_method: input.payMethod, title: deptName ? `门诊缴费·${deptName}` : '门诊缴费', amount_fen: amountFen, details });
    },

    async list(userId: string): Promise<OrdersResponse> {
      return { orders: (await deps.orders.listOfUser(userId, 100)).map(view) };
    },

    /** The result page polls this: an unpaid order is checked with WeChat (a missed notification costs nothing). */
    async get(userId: string, id: string): Promise<OrderDetail> {
      const order = await owned(userId, id);
      const fresh = order.state === 'paying' || order.state === 'paid' || order.state === 'fulfilling' || order.state === 'refunding' ? await deps.machine.drive(order.id, { checkPayment: order.state === 'paying' }) : order;
      return detail(fresh ?? order);
    },

    async pay(userId: string, id: string): Promise<OrderDetail> {
      const order = (await deps.machine.drive((await owned(userId, id)).id)) ?? (await owned(userId, id));
      const d = await detail(order);
      if (!d.payment) throw new AppError(409, 'CONFLICT', order.state === 'paying' ? '订单已超时，请重新下单' : '订单当前不能支付');
      return d;
    },

    async cancel(userId: string, id: string): Promise<OrderDetail> {
      const order = await owned(userId, id);
      if (order.state !== 'created' && order.state !== 'paying') throw new AppError(409, 'CONFLICT', '订单已支付或已结束，不能取消');
      return detail((await deps.machine.cancel(order)) ?? (await owned(userId, id)));
    },
  };
}

export type OrdersService = ReturnType<typeof ordersService>;
