/**
 * Helpers of the order tests: a patient's journey through the BFF's HTTP API (log in, bind a demo card, order, pay at
 * the WeChat sandbox as the payer would, watch the order), and reads of the truth in both sandboxes (HIS balance,
 * applied HIS orders, fee groups; WeChat transactions and refunds) to assert against.
 */
import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, BillView, CardSummary, OrderDetail, OrderState, OutpatientOrderRequest } from '../../../contract/api';
import { groupTotalFen, stayBalanceFen } from '../../his-sandbox/state/builders';
import type { FaultSpec } from '../../his-sandbox/faults';
import type { ApiFaultSpec, NotificationFaultSpec, RefundFaultSpec } from '../../wechat-sandbox/faults';
import { eventually } from '../../wechat-sandbox/testing';
import { STAFF_TOKEN, type BffUnderTest } from '../test-harness';
import type { StaffOrderDetail } from '../routes/staff/schemas';

export type DemoKey = 'zhangwei' | 'lixiuying' | 'wangfang' | 'liuzixuan' | 'chenjing' | 'zhaoguoqiang';
export const FINAL: readonly OrderState[] = ['fulfilled', 'refunded', 'closed', 'needs_review'];

export function ordersKit(t: BffUnderTest) {
  let devices = 0;

  const demo = (key: DemoKey) => {
    const p = t.his.store.patients().find((x) => x.demo === key);
    if (!p) throw new Error(`no demo patient ${key}`);
    return p;
  };

  const wechatAdmin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${t.wechat.url}/__sandbox${path}`, {
      method,
      headers: { 'x-sandbox-token': t.wechat.config.adminToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`WeChat sandbox ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const hisAdmin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${t.his.origin}/__sandbox${path}`, {
      method,
      headers: { 'x-sandbox-token': t.his.config.adminToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HIS sandbox ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const kit = {
    demo,

    async user(): Promise<string> {
      devices += 1;
      return (await t.login(`orders-${process.pid}-${devices}-${randomUUID().slice(0, 8)}`)).token;
    },

    /** Binds a demo patient's card (or its current stay, `inpatient`) to the user. */
    async bind(token: string, key: DemoKey, options: { inpatient?: boolean } = {}): Promise<CardSummary> {
      const p = demo(key);
      const body = options.inpatient
        ? { method: 'inpatient', name: p.name, inpatientNo: t.his.store.latestStay(p.id)?.visitNo ?? '', relation: 'other' }
        : { method: 'card', name: p.name, cardNo: p.cardNo, idNo: p.idNo, relation: 'other' };
      const res = await t.api<CardSummary & ApiErrorBody>('POST', '/api/v1/cards/bind', { token, body });
      if (res.status !== 201) throw new Error(`bind ${key}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },

    async recharge(token: string, cardId: string, amountFen: number, key: string = randomUUID()) {
      return t.api<OrderDetail & ApiErrorBody>('POST', '/api/v1/orders/recharge', { token, body: { cardId, amountFen }, headers: { 'idempotency-key': key } });
    },

    async outpatient(token: string, body: OutpatientOrderRequest, key: string = randomUUID()) {
      return t.api<OrderDetail & ApiErrorBody>('POST', '/api/v1/orders/outpatient', { token, body, headers: { 'idempotency-key': key } });
    },

    async order(token: string, id: string): Promise<OrderDetail> {
      const res = await t.api<OrderDetail>('GET', `/api/v1/orders/${id}`, { token });
      if (res.status !== 200) throw new Error(`order ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },

    /** The order as staff see it (no side effects: the patient's GET drives the machine, this does not). */
    async staffOrder(id: string): Promise<StaffOrderDetail> {
      const res = await t.api<StaffOrderDetail>('GET', `/api/v1/staff/orders/${id}`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
      if (res.status !== 200) throw new Error(`staff order ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },

    /** Waits (without driving anything) until the order reaches one of `states`. */
    async settle(id: string, states: readonly OrderState[] = FINAL, timeoutMs = 10_000): Promise<StaffOrderDetail> {
      return eventually(async () => {
        const o = await kit.staffOrder(id);
        return states.includes(o.state) ? o : undefined;
      }, timeoutMs, `order ${id} in ${states.join('/')}`);
    },

    /** Runs the re-drive job until the order reaches one of `states` (retries wait for their back-off). */
    async redriveUntil(id: string, states: readonly OrderState[] = FINAL, timeoutMs = 15_000): Promise<StaffOrderDetail> {
      return eventually(async () => {
        await t.bff.orderJobs.runOnce();
        const o = await kit.staffOrder(id);
        return states.includes(o.state) ? o : undefined;
      }, timeoutMs, `order ${id} in ${states.join('/')}`);
    },

    /** The out_trade_no behind an order's payment parameters, as the WeChat sandbox knows it. */
    async outTradeNoOf(order: OrderDetail): Promise<string> {
      return (await kit.staffOrder(order.id)).outTradeNo;
    },

    /** The payer pays in WeChat (what the cashier or wx.requestPayment does). */
    async payAtWechat(order: OrderDetail, outcome: 'success' | 'fail' = 'success'): Promise<string> {
      const outTradeNo = await kit.outTradeNoOf(order);
      await wechatAdmin('POST', `/transactions/${encodeURIComponent(outTradeNo)}/pay`, { outcome });
      return outTradeNo;
    },

    wechatTransaction: (outTradeNo: string) => wechatAdmin<{ trade_state: string; amount: { total: number }; refunds: Array<{ out_refund_no: string; status: string; amount: { refund: number } }> }>('GET', `/transactions/${encodeURIComponent(outTradeNo)}`),
    wechatTransactionsAll: () => wechatAdmin<Array<{ out_trade_no: string; trade_state: string; amount: { total: number } }>>('GET', '/transactions'),
    wechatRefunds: () => wechatAdmin<Array<{ out_refund_no: string; out_trade_no: string; status: string; amount: { refund: number } }>>('GET', '/refunds'),
    notifications: () => wechatAdmin<Array<{ id: string; outTradeNo: string; event: string; state: string; attempts: Array<{ status?: number; acked: boolean; forged?: string; duplicate?: boolean }> }>>('GET', '/notifications'),
    redeliver: (id: string) => wechatAdmin('POST', `/notifications/${encodeURIComponent(id)}/redeliver`),
    wechatFault: (family: 'api' | 'notifications' | 'refunds', spec: ApiFaultSpec | NotificationFaultSpec | RefundFaultSpec) => wechatAdmin('POST', `/faults/${family}`, spec),
    hisFault: (spec: FaultSpec | FaultSpec[]) => hisAdmin('POST', '/faults', spec),
    async clearFaults(): Promise<void> {
      await hisAdmin('DELETE', '/faults');
      await wechatAdmin('DELETE', '/faults');
    },

    /** A new visit of the patient today with fees to pay (the HIS sandbox's admin API). */
    pendingFees: (key: DemoKey) => hisAdmin<{ visitId: string; groups: Array<{ orderId: string; title: string; totalFen: number }> }>('POST', `/patients/${demo(key).id}/pending-fees`, {}),

    async bill(token: string, cardId: string, visitId: string): Promise<BillView> {
      const res = await t.api<BillView>('GET', `/api/v1/cards/${cardId}/bills/${visitId}`, { token });
      if (res.status !== 200) throw new Error(`bill: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },

    // the truth in HIS
    his: {
      balanceFen: (key: DemoKey) => demo(key).balanceFen,
      depositBalanceFen: (key: DemoKey) => {
        const stay = t.his.store.latestStay(demo(key).id);
        if (!stay) throw new Error(`${key} has no stay`);
        return stayBalanceFen(stay);
      },
      order: (hisOrderNo: string) => t.his.store.core.orders[hisOrderNo],
      rechargesOf: (hisOrderNo: string) => t.his.store.core.recharges.filter((r) => r.hisOrderNo === hisOrderNo),
      groups: (visitId: string) => (t.his.store.core.visits[visitId]?.feeGroups ?? []).map((g) => ({ orderId: g.orderId, paid: g.paid, totalFen: groupTotalFen(g) })),
    },
  };
  return kit;
}

export type OrdersKit = ReturnType<typeof ordersKit>;
