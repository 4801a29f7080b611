/**
 * HIS payment orders and top-ups: /paymentNew creates an order, /recharge applies a paid top-up exactly once per
 * order, /paymentUpdateStatus records what the payment platform and HIS did, /requestSucess tells whether an order
 * was really applied, /getRecharge lists top-ups.
 */
import { verifyHisSign } from '../../../his-catalogue/sign';
import type { HisOrder, Patient, Stay } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail, need, toFen, yuan, type Handler, type HandlerContext } from '../../runtime';
import { cardRechargeBlock, inpatientFacts, outpatientFacts, stayRechargeBlock } from './views';

/** Largest single top-up: of an outpatient card, and of an inpatient deposit. */
export const MAX_RECHARGE_FEN = { 1: 500_000, 2: 5_000_000 } as const;

const PAY_MODES = ['wePay', 'aliPay'];
const PURPOSES: Record<string, HisOrder['purpose']> = { '1': 'recharge', '2': 'recipe' };

export function checkOpFlag(opFlag: number): 1 | 2 {
  if (opFlag !== 1 && opFlag !== 2) throw new HisFail('门诊住院标志错误：op_flag应为1或2');
  return opFlag;
}

/** The patient's account a card_no names: the card itself (op_flag 1) or one of their stays by 住院号 (op_flag 2). */
export function accountOf(store: Store, patientId: string, cardNo: string, opFlag: 1 | 2): { patient: Patient; stay?: Stay } {
  const patient = store.requirePatient(need(patientId, 'patient_id'));
  const no = need(cardNo, 'card_no');
  if (opFlag === 1) {
    if (patient.cardNo !== no) throw new HisFail('就诊卡号与患者不符');
    return { patient };
  }
  const stay = store.stay(no);
  if (!stay || stay.patientId !== patient.id) throw new HisFail('住院号与患者不符');
  return { patient, stay };
}

function rechargeBlock(patient: Patient, stay: Stay | undefined): string {
  return stay ? stayRechargeBlock(stay) : cardRechargeBlock(patient);
}

export const paymentNew: Handler<'/paymentNew'> = (req, ctx) => {
  const opFlag = checkOpFlag(req.op_flag);
  const { patient, stay } = accountOf(ctx.store, req.patient_id, req.card_no, opFlag);
  const purpose = PURPOSES[req.purpose.trim()];
  if (!purpose) throw new HisFail('支付目的错误：purpose应为1（充值）或2（缴费）');
  if (!PAY_MODES.includes(req.pay_mode)) throw new HisFail('支付方式错误：pay_mode应为wePay或aliPay');
  need(req.user_id, 'user_id');
  need(req.user_dept_id, 'user_dept_id');
  need(req.data_source, 'data_source');
  const totalFen = toFen(req.total);
  if (totalFen <= 0) throw new HisFail('订单金额必须大于0');
  if (purpose === 'recharge') {
    const block = rechargeBlock(patient, stay);
    if (block) throw new HisFail(block);
    if (totalFen > MAX_RECHARGE_FEN[opFlag]) throw new HisFail(`单笔充值金额不能超过${yuan(MAX_RECHARGE_FEN[opFlag])}元`);
  }
  const at = ctx.now.format('YYYY-MM-DD HH:mm:ss');
  const order: HisOrder = {
    orderNo: ctx.store.opaqueId(),
    purpose,
    patientId: patient.id,
    cardNo: req.card_no.trim(),
    opFlag,
    totalFen,
    payMode: req.pay_mode,
    status: 0,
    statusHistory: [{ status: 0, at, reason: '' }],
    applied: false,
    appliedAt: '',
    businessNo: '',
    businessInfo: '',
    createdAt: at,
    ref: '',
    refundedAt: '',
  };
  ctx.store.core.orders[order.orderNo] = order;
  ctx.setMessage('下单成功');
  return { order: { order_no: order.orderNo } };
};

/** An order that a business call is about to apply: it must exist, be the patient's, unpaid-for so far. */
export function orderToApply(store: Store, orderNo: string, patient: Patient, purpose: HisOrder['purpose']): HisOrder {
  const order = store.order(need(orderNo, 'his_order_no'));
  if (!order || order.patientId !== patient.id || order.purpose !== purpose) throw new HisFail('HIS订单不存在');
  if (order.applied) throw new HisFail(purpose === 'recharge' ? '该订单已充值，请勿重复提交' : '该订单已缴费，请勿重复提交');
  if (order.status < 0) throw new HisFail('订单已失败关闭，不能继续处理');
  return order;
}

/** A platform transaction number may pay for one order only. */
export function checkBusinessNo(store: Store, businessNo: string, order?: HisOrder): string {
  const no = need(businessNo, 'business_no');
  const other = Object.values(store.core.orders).find((o) => o.businessNo === no && o !== order);
  if (other) throw new HisFail('支付平台流水号重复');
  return no;
}

export function markApplied(order: HisOrder, ctx: HandlerContext, businessNo: string, businessInfo: string, ref: string): void {
  const at = ctx.now.format('YYYY-MM-DD HH:mm:ss');
  order.applied = true;
  order.appliedAt = at;
  order.businessNo = businessNo;
  order.businessInfo = businessInfo;
  order.ref = ref;
}

function channelOf(payMode: string, businessInfo: string): { method: string; bankType: string } {
  let bank = '';
  try {
    const info = JSON.parse(businessInfo) as Record<string, unknown>;
    if (typeof info.bank_type === 'string') bank = info.bank_type;
  } catch {
    // business_info is free text for some platforms; the bank is then unknown
  }
  return payMode === 'aliPay' ? { method: '支付宝', bankType: bank || '支付宝' } : { method: '微信', bankType: bank || '微信支付' };
}

export const recharge: Handler<'/recharge'> = (req, ctx) => {
  if (!verifyHisSign(req, ctx.config.signKey)) throw new HisFail('签名校验失败');
  const opFlag = checkOpFlag(req.op_flag);
  const { patient, stay } = accountOf(ctx.store, req.patient_id, req.card_no, opFlag);
  const order = orderToApply(ctx.store, req.his_order_no, patient, 'recharge');
  if (order.opFlag !== opFlag || order.cardNo !== req.card_no.trim()) throw new HisFail('充值账户与订单不符');
  if (toFen(req.total) !== order.totalFen) throw new HisFail('充值金额与订单金额不符');
  if (req.pay_mode !== order.payMode) throw new HisFail('充值方式与订单不符');
  const businessNo = checkBusinessNo(ctx.store, req.business_no, order);
  const block = rechargeBlock(patient, stay);
  if (block) throw new HisFail(block);

  if (stay) stay.depositFen += order.totalFen;
  else patient.balanceFen += order.totalFen;
  markApplied(order, ctx, businessNo, req.business_info, stay ? stay.visitNo : patient.cardNo);
  const channel = channelOf(order.payMode, req.business_info);
  ctx.store.core.recharges.push({
    id: ctx.store.opaqueId(),
    patientId: patient.id,
    opFlag,
    cardNo: order.cardNo,
    method: channel.method,
    bankType: channel.bankType,
    totalFen: order.totalFen,
    discountFen: 0,
    actualFen: order.totalFen,
    at: order.appliedAt,
    hisOrderNo: order.orderNo,
  });

  const f = stay ? inpatientFacts(ctx.store, patient, stay, ctx.today) : outpatientFacts(ctx.store, patient, ctx.today);
  const { nation_name: _nation, si_category: _si, recharge_flag: _flag, no_recharge_reason: _reason, health_card_id: _hc, create_time: _ct, ...shown } = f;
  ctx.setMessage('充值成功');
  return { patient: { ...shown, op_flag: opFlag } };
};

const STATUS_TEXT: Record<number, string> = { 1: '支付成功', [-1]: '支付失败', 2: 'HIS处理成功', [-2]: 'HIS处理失败' };

/** Allowed moves of /paymentUpdateStatus; repeating the current status is accepted and changes nothing. */
function checkStatusMove(order: HisOrder, next: number): void {
  if (!(next in STATUS_TEXT)) throw new HisFail('订单状态错误：status应为1、-1、2或-2');
  if (order.status === next) return;
  const allowed: Record<number, number[]> = { 0: [1, -1, 2, -2], 1: [2, -2], [-1]: [], 2: [], [-2]: [] };
  if (!allowed[order.status]?.includes(next)) {
    throw new HisFail(`订单当前状态为“${STATUS_TEXT[order.status] ?? '新建'}”，不能改为“${STATUS_TEXT[next]}”`);
  }
  if (next === 2 && !order.applied) throw new HisFail('HIS未处理该订单，不能置为成功');
  if (next === -2 && order.applied) throw new HisFail('HIS已处理该订单，不能置为失败');
}

export const paymentUpdateStatus: Handler<'/paymentUpdateStatus'> = (req, ctx) => {
  const order = ctx.store.order(need(req.his_order_no, 'his_order_no'));
  if (!order) throw new HisFail('HIS订单不存在');
  if ((req.status === -1 || req.status === -2) && !req.fail_reason?.trim()) throw new HisFail('状态为-1或-2时必须填写失败原因');
  const businessNo = req.business_no.trim();
  if (order.businessNo && businessNo && order.businessNo !== businessNo) throw new HisFail('支付平台流水号与订单不符');
  checkStatusMove(order, req.status);
  if (order.status !== req.status) {
    order.status = req.status;
    order.statusHistory.push({ status: req.status, at: ctx.now.format('YYYY-MM-DD HH:mm:ss'), reason: req.fail_reason?.trim() ?? '' });
  }
  if (!order.businessNo && businessNo) order.businessNo = businessNo;
  if (!order.businessInfo && req.business_info) order.businessInfo = req.business_info;
  ctx.setMessage('更新成功');
  return {};
};

/**
 * /requestSucess: was this order really applied in HIS? 1 when it was; -1 (the failure envelope) when it was not
 * or is unknown. A same-day registration has no HIS order: it is found by its platform transaction number.
 */
export const requestSucess: Handler<'/requestSucess'> = (req, ctx) => {
  need(req.check_reason, 'check_reason');
  const billNo = req.bill_no.trim();
  const billId = req.bill_id.trim();
  if (!billNo && !billId) throw new HisFail('请提供HIS订单号或三方流水号');
  const order = billNo ? ctx.store.order(billNo) : undefined;
  if (order) {
    if (billId && order.businessNo && order.businessNo !== billId) throw new HisFail('交互失败：三方流水号与HIS订单不符');
    if (!order.applied) throw new HisFail('交互失败：HIS未处理该订单');
    ctx.setMessage('交互成功');
    return {};
  }
  if (billId && Object.values(ctx.store.core.registrations).some((r) => r.businessNo === billId)) {
    ctx.setMessage('交互成功');
    return {};
  }
  throw new HisFail('交互失败：未找到该订单');
};

export const getRecharge: Handler<'/getRecharge'> = (req, ctx) => {
  const opFlag = checkOpFlag(req.op_flag);
  const no = opFlag === 1 ? req.card_no : req.visit_no;
  const { patient } = accountOf(ctx.store, req.patient_id, no, opFlag);
  const fees = ctx.store.core.recharges
    .filter((r) => r.patientId === patient.id && r.opFlag === opFlag && r.cardNo === no.trim())
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((r) => ({
      id: r.id,
      recharge_method: r.method,
      bank_type: r.bankType,
      total: yuan(r.totalFen),
      discount: yuan(r.discountFen),
      actual: yuan(r.actualFen),
      recharge_date: r.at.slice(0, 10),
      recharge_time: r.at.slice(11),
    }));
  return { fees };
};
