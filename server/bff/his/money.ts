/**
 * Money in HIS terms → domain terms: HIS payment orders and their statuses, top-ups of a card or of a stay's
 * deposit, "did HIS apply this order?", outpatient bills and their payment by WeChat or from the card balance,
 * paid items and invoices.
 *
 * Integer fen on this side, the HIS's yuan decimals on the other, converted here and nowhere else. A bill is
 * checked before anyone sees it: when its lines, group totals and grand total do not add up, `bill()` throws
 * HisInconsistentAmountsError, so that it is never shown as payable nor paid. HIS refusals pass through as
 * HisRejectedError with the HIS's own message: the order machine decides what they mean for an order.
 */
import type { HisResponses } from '../../his-catalogue/types.generated';
import type { HisCallContext } from './client';
import type { HisEndpoints } from './endpoints.generated';
import { HisError, HisRejectedError } from './errors';
import { fen } from './patients';
import type { Bill, BillGroup, FeeItem, FeeVisit, MoneyAccount, PaidFeeItem, Receipt, RechargeRecord } from './types';

/** The fixed values /paymentNew carries to say who creates the order; the document shows hpalm / hpalm / w1 / 微信公众号. */
export interface MoneyOrderSource {
  /** user_dept_id */
  userDeptId: string;
  /** user_id */
  userId: string;
  /** data_source */
  dataSource: string;
  /** remark */
  remark: string;
}

export const MONEY_ORDER_DEFAULTS: MoneyOrderSource = { userDeptId: 'hpalm', userId: 'hpalm', dataSource: 'w1', remark: '微信公众号' };

export interface CreateOrderInput {
  patientId: string;
  account: MoneyAccount;
  /** Decided by HIS (the bill, the chosen top-up within its limits), never by the client. */
  amountFen: number;
  purpose: 'recharge' | 'payment';
  payMode: 'wechat';
}

export interface RechargeInput {
  patientId: string;
  account: MoneyAccount;
  /** The order of createOrder (purpose recharge) this top-up applies. */
  hisOrderNo: string;
  /** The payment platform's transaction id (WeChat transaction_id). */
  businessNo: string;
  /** The payment platform's order information, as HIS keeps it (e.g. the transaction as JSON). */
  businessInfo: string;
  amountFen: number;
}

/**
 * What HIS is told about one of its orders: the platform payment went through (`paid`) or not (`payFailed`), HIS
 * applied it (`applied`) or refused it (`applyFailed`). The failures need a reason.
 */
export type OrderStatusUpdate = {
  hisOrderNo: string;
  /** The platform transaction id ('' when the platform gave none, e.g. a payment that failed). */
  businessNo: string;
  businessInfo: string;
} & ({ status: 'paid' | 'applied'; failReason?: never } | { status: 'payFailed' | 'applyFailed'; failReason: string });

export interface AppliedQuery {
  hisOrderNo: string;
  /** The platform transaction id, when there is one (HIS then checks it belongs to the order). */
  businessNo: string;
  /** Why we ask (check_reason), e.g. 充值结果未知. */
  reason: string;
}

export interface AccountQuery {
  patientId: string;
  account: MoneyAccount;
}

export interface VisitQuery {
  patientId: string;
  /** First day, 'YYYY-MM-DD' (inclusive). */
  from: string;
  /** Last day, 'YYYY-MM-DD' (inclusive). */
  to: string;
}

export interface BillQuery {
  patientId: string;
  visitId: string;
  /** false: the groups still to pay; true: those paid. */
  paid: boolean;
}

export interface GroupCheck {
  patientId: string;
  cardNo: string;
  groupOrderIds: readonly string[];
  /** What the chosen groups add up to, from the bill. */
  totalFen: number;
}

/** How chosen groups are paid: by WeChat, for an order of createOrder (purpose payment), or from the card balance. */
export type GroupPayment = { kind: 'wechat'; hisOrderNo: string; businessNo: string; businessInfo: string } | { kind: 'balance' };

export interface PayGroupsInput {
  patientId: string;
  visitId: string;
  groupOrderIds: readonly string[];
  totalFen: number;
  via: GroupPayment;
}

export interface VisitRef {
  patientId: string;
  visitId: string;
}

export interface HisMoney {
  /** A HIS payment order (/paymentNew) for a top-up or a payment of fees; HIS refuses a card it will not top up. */
  createOrder(input: CreateOrderInput, ctx: HisCallContext): Promise<{ hisOrderNo: string }>;
  /** Applies a paid top-up (/recharge, signed); the balance (or the stay's deposit balance) after it. */
  recharge(input: RechargeInput, ctx: HisCallContext): Promise<{ balanceFen: number }>;
  /** /paymentUpdateStatus: 1 paid, -1 payment failed, 2 applied, -2 HIS failed. */
  updateOrderStatus(input: OrderStatusUpdate, ctx: HisCallContext): Promise<void>;
  /**
   * Did HIS apply this order (/requestSucess)? true on its success answer, false on its documented failure (-1).
   * Anything else throws — a timeout, a 500, an undocumented code: "unknown" is never "not applied".
   */
  wasApplied(input: AppliedQuery, ctx: HisCallContext): Promise<boolean>;
  /** The top-ups of a card or of a stay, newest first as HIS lists them (/getRecharge). */
  rechargeHistory(input: AccountQuery, ctx: HisCallContext): Promise<RechargeRecord[]>;
  /** Visits with fees still to pay between two days (/getRegisterList flag 0). */
  pendingVisits(input: VisitQuery, ctx: HisCallContext): Promise<FeeVisit[]>;
  /** Visits with paid fees between two days (/getRegisterList flag 1). */
  paidVisits(input: VisitQuery, ctx: HisCallContext): Promise<FeeVisit[]>;
  /** The bill of a visit grouped by order group (/getRecipe), checked: HisInconsistentAmountsError when it does not add up. */
  bill(input: BillQuery, ctx: HisCallContext): Promise<Bill>;
  /** HIS checks the chosen groups and their total before payment (/cpayCheck); HisRejectedError when it refuses. */
  checkGroups(input: GroupCheck, ctx: HisCallContext): Promise<void>;
  /** Pays the chosen groups of a visit (/recipeCharge, signed), by WeChat or from the card balance. */
  payGroups(input: PayGroupsInput, ctx: HisCallContext): Promise<void>;
  /** The paid lines of a visit (/getChargeDetail). */
  paidDetails(input: VisitRef, ctx: HisCallContext): Promise<PaidFeeItem[]>;
  /** The invoices of a card or of a stay (/getReceipt). */
  receipts(input: AccountQuery, ctx: HisCallContext): Promise<Receipt[]>;
}

/** One figure of a HIS answer that its items do not add up to. */
export interface AmountMismatch {
  /** Where, as a path into the answer: `fees[3].order_summary`. */
  field: string;
  /** What HIS states there. */
  statedFen: number;
  /** What the items add up to. */
  computedFen: number;
}

const yuanText = (amountFen: number): string => (amountFen / 100).toFixed(2);

/**
 * A HIS answer whose amounts do not add up (a line, a group total, the grand total). Not transient — asking again
 * gives the same answer — and nothing was written. Like HisProtocolError, it says the HIS broke its own rules; the
 * figures are in `mismatches`, the answer in the non-enumerable `raw`.
 */
export class HisInconsistentAmountsError extends HisError {
  readonly reason = 'inconsistent_amounts' as const;
  readonly mismatches: readonly AmountMismatch[];

  constructor(site: { endpoint: string; requestId: string }, mismatches: readonly AmountMismatch[], raw: unknown) {
    const shown = mismatches
      .slice(0, 5)
      .map((m) => `${m.field} ${yuanText(m.statedFen)} ≠ ${yuanText(m.computedFen)}`)
      .join('; ');
    super({
      endpoint: site.endpoint,
      requestId: site.requestId,
      write: false,
      transient: false,
      outcomeUnknown: false,
      message: `HIS ${site.endpoint} answer does not add up: ${shown}`,
      raw,
    });
    this.mismatches = mismatches;
  }
}

/** Fen → the yuan number HIS takes (two decimals, printed as JavaScript prints numbers: 12.5, not 12.50). */
export function toYuan(amountFen: number): number {
  return Number((amountFen / 100).toFixed(2));
}

/** An amount the caller hands over: a positive whole number of fen, or a bug that must not reach HIS. */
function amount(amountFen: number, name: string): number {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`${name} must be a positive integer number of fen, got ${amountFen}`);
  return toYuan(amountFen);
}

function opFlag(account: MoneyAccount): 1 | 2 {
  return account.kind === 'inpatient' ? 2 : 1;
}

/** The card number (op_flag 1) or the 住院号 (op_flag 2): what most money endpoints take in one field. */
function accountNo(account: MoneyAccount): string {
  return account.kind === 'inpatient' ? account.inpatientNo : account.cardNo;
}

const PAY_MODE = { wechat: 'wePay' } as const;
const PURPOSE = { recharge: '1', payment: '2' } as const;
const STATUS = { paid: 1, payFailed: -1, applied: 2, applyFailed: -2 } as const;

/** 'YYYY-MM-DD' and 'HH:mm:ss' → 'YYYY-MM-DD HH:mm:ss' ('' when HIS gives neither). */
function at(date: string, time: string): string {
  return [date.trim(), time.trim()].filter(Boolean).join(' ');
}

type ChargeRow = HisResponses['/getChargeDetail']['fees'][number];
type RecipeRow = HisResponses['/getRecipe']['fees'][number];

function feeItem(row: ChargeRow): FeeItem {
  return {
    id: row.id,
    category: row.item_category,
    itemId: row.item_id,
    name: row.item_name,
    priceFen: fen(row.price),
    quantity: row.quantity,
    unit: row.unit,
    totalFen: fen(row.total),
  };
}

/**
 * A line adds up when its total is the unit price × quantity rounded to the fen, either way: HIS may price some
 * drugs finer than the fen (0.0125 a tablet) and round half-even or half-up.
 */
function lineAddsUp(row: ChargeRow): boolean {
  return Math.abs(row.price * row.quantity * 100 - fen(row.total)) < 1;
}

/**
 * The flat /getRecipe rows regrouped by order group (in the order HIS lists them), after checking every figure HIS
 * states against the items: each line's total, each row's group total (order_summary) and grand total (summary).
 */
function billOf(rows: readonly RecipeRow[], site: { endpoint: string; requestId: string }): Bill {
  const groups = new Map<string, BillGroup>();
  for (const row of rows) {
    const item = feeItem(row);
    let group = groups.get(row.order_id);
    if (!group) {
      const chargedAt = at(row.charge_date, row.charge_time);
      group = {
        orderId: row.order_id,
        title: row.order_title,
        totalFen: 0,
        items: [],
        billDoctor: row.bill_doctor_name,
        billedAt: at(row.bill_date, row.bill_time),
        ...(chargedAt ? { chargedAt } : {}),
      };
      groups.set(row.order_id, group);
    }
    group.items.push(item);
    group.totalFen += item.totalFen;
  }
  const totalFen = [...groups.values()].reduce((sum, g) => sum + g.totalFen, 0);

  const mismatches: AmountMismatch[] = [];
  rows.forEach((row, i) => {
    if (!lineAddsUp(row)) mismatches.push({ field: `fees[${i}].total`, statedFen: fen(row.total), computedFen: Math.round(row.price * row.quantity * 100) });
    const groupFen = groups.get(row.order_id)?.totalFen ?? 0;
    if (fen(row.order_summary) !== groupFen) mismatches.push({ field: `fees[${i}].order_summary`, statedFen: fen(row.order_summary), computedFen: groupFen });
    if (fen(row.summary) !== totalFen) mismatches.push({ field: `fees[${i}].summary`, statedFen: fen(row.summary), computedFen: totalFen });
  });
  if (mismatches.length) throw new HisInconsistentAmountsError(site, mismatches, rows);
  return { groups: [...groups.values()], totalFen };
}

/** /requestSucess's documented failure code: 交互失败, the order was not applied. */
const NOT_APPLIED_CODE = -1;

export function createMoney(raw: HisEndpoints, source: MoneyOrderSource = MONEY_ORDER_DEFAULTS): HisMoney {
  async function visits(input: VisitQuery, flag: 0 | 1, ctx: HisCallContext): Promise<FeeVisit[]> {
    const { records } = await raw.getRegisterList({ patient_id: input.patientId, begin_date: input.from, end_date: input.to, flag }, ctx);
    return records.map((r) => ({
      visitId: r.visit_id,
      deptId: r.dept_id,
      deptName: r.dept_name,
      doctorId: r.doctor_id,
      doctorName: r.doctor_name,
      visitTime: r.visit_time,
    }));
  }

  return {
    async createOrder(input, ctx) {
      const { order } = await raw.paymentNew(
        {
          patient_id: input.patientId,
          card_no: accountNo(input.account),
          op_flag: opFlag(input.account),
          total: amount(input.amountFen, 'amountFen'),
          pay_mode: PAY_MODE[input.payMode],
          user_dept_id: source.userDeptId,
          user_id: source.userId,
          data_source: source.dataSource,
          purpose: PURPOSE[input.purpose],
          remark: source.remark,
        },
        ctx,
      );
      return { hisOrderNo: order.order_no };
    },

    async recharge(input, ctx) {
      const { patient } = await raw.recharge(
        {
          patient_id: input.patientId,
          card_no: accountNo(input.account),
          his_order_no: input.hisOrderNo,
          business_no: input.businessNo,
          business_info: input.businessInfo,
          op_flag: opFlag(input.account),
          total: amount(input.amountFen, 'amountFen'),
          pay_mode: PAY_MODE.wechat,
        },
        ctx,
      );
      return { balanceFen: fen(patient.balance) };
    },

    async updateOrderStatus(input, ctx) {
      const failed = input.status === 'payFailed' || input.status === 'applyFailed';
      // HIS requires the reason of a failure; without it the call is a bug of ours, not something to send.
      if (failed && !input.failReason?.trim()) throw new TypeError(`failReason is required for the status ${input.status}`);
      await raw.paymentUpdateStatus(
        {
          his_order_no: input.hisOrderNo,
          business_no: input.businessNo,
          business_info: input.businessInfo,
          status: STATUS[input.status],
          ...(failed ? { fail_reason: input.failReason } : {}),
        },
        ctx,
      );
    },

    async wasApplied(input, ctx) {
      // A request HIS refuses as malformed also answers -1: it must never get that far and read as "not applied".
      if (!input.hisOrderNo.trim() && !input.businessNo.trim()) throw new TypeError('wasApplied needs a hisOrderNo or a businessNo');
      if (!input.reason.trim()) throw new TypeError('wasApplied needs a reason (check_reason)');
      try {
        await raw.requestSucess({ bill_no: input.hisOrderNo, bill_id: input.businessNo, check_reason: input.reason }, ctx);
        return true;
      } catch (err) {
        if (err instanceof HisRejectedError && Number(err.code) === NOT_APPLIED_CODE) return false;
        throw err;
      }
    },

    async rechargeHistory(input, ctx) {
      const inpatient = input.account.kind === 'inpatient';
      const { fees } = await raw.getRecharge(
        {
          patient_id: input.patientId,
          card_no: inpatient ? '' : accountNo(input.account),
          visit_no: inpatient ? accountNo(input.account) : '',
          op_flag: opFlag(input.account),
        },
        ctx,
      );
      return fees.map((r) => ({
        id: r.id,
        channel: r.recharge_method,
        bank: r.bank_type,
        amountFen: fen(r.total),
        discountFen: fen(r.discount),
        actualFen: fen(r.actual),
        at: at(r.recharge_date, r.recharge_time),
      }));
    },

    pendingVisits: (input, ctx) => visits(input, 0, ctx),
    paidVisits: (input, ctx) => visits(input, 1, ctx),

    async bill(input, ctx) {
      const { fees } = await raw.getRecipe({ patient_id: input.patientId, visit_id: input.visitId, flag: input.paid ? 1 : 0 }, ctx);
      return billOf(fees, { endpoint: '/getRecipe', requestId: ctx.requestId });
    },

    async checkGroups(input, ctx) {
      await raw.cpayCheck(
        {
          patient_id: input.patientId,
          card_no: input.cardNo,
          op_flag: 1,
          total: amount(input.totalFen, 'totalFen'),
          orders: input.groupOrderIds.map((id) => ({ order_id: id })),
        },
        ctx,
      );
    },

    async payGroups(input, ctx) {
      const { via } = input;
      // The insurance fields (`settlement id`, insurance_pay…) are never sent: the palm app pays self-paid only.
      await raw.recipeCharge(
        {
          patient_id: input.patientId,
          visit_id: input.visitId,
          his_order_no: via.kind === 'wechat' ? via.hisOrderNo : '',
          business_no: via.kind === 'wechat' ? via.businessNo : '',
          business_info: via.kind === 'wechat' ? via.businessInfo : '',
          op_flag: 1,
          balance_pay: via.kind === 'wechat' ? 1 : 0,
          total: amount(input.totalFen, 'totalFen'),
          pay_mode: via.kind === 'wechat' ? PAY_MODE.wechat : 'balancePay',
          orders: input.groupOrderIds.map((id) => ({ order_id: id })),
        },
        ctx,
      );
    },

    async paidDetails(input, ctx) {
      const { fees } = await raw.getChargeDetail({ patient_id: input.patientId, visit_id: input.visitId }, ctx);
      return fees.map((row) => ({
        ...feeItem(row),
        billDoctor: row.bill_doctor_name,
        billedAt: at(row.bill_date, row.bill_time),
        chargedAt: at(row.charge_date, row.charge_time),
      }));
    },

    async receipts(input, ctx) {
      const { fees } = await raw.getReceipt({ patient_id: input.patientId, visit_no: accountNo(input.account), op_flag: opFlag(input.account) }, ctx);
      return fees.map((r) => ({
        id: r.id,
        receiptNo: r.receipt_no,
        totalFen: fen(r.total),
        discountFen: fen(r.discount),
        actualFen: fen(r.actual),
        insuranceFen: fen(r.si_pay),
        personalAccountFen: fen(r.account_pay),
        cashFen: fen(r.cash_pay),
        // Described as 充值日期 (a copy-paste from /getRecharge): on an invoice it can only be the invoice date.
        date: r.receipt_date,
        url: r.origin_url,
      }));
    },
  };
}
