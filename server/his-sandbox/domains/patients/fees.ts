/**
 * Outpatient fees: visits with pending or paid fee groups (/getRegisterList), the bill of a visit (/getRecipe),
 * checking groups before payment (/cpayCheck), paying them by the platform or the card balance (/recipeCharge),
 * paid items (/getChargeDetail) and invoices (/getReceipt).
 */
import dayjs from 'dayjs';
import { verifyHisSign } from '../../../his-catalogue/sign';
import { pdfUrl } from '../../files';
import { groupTotalFen, itemTotalFen } from '../../state/builders';
import type { FeeGroup, FeeItem, OutpatientVisit, Patient } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail, need, toFen, yuan, type Handler, type HandlerContext, type Payload } from '../../runtime';
import { accountOf, checkBusinessNo, checkOpFlag, markApplied, orderToApply } from './money';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDateRange(begin: string, end: string): void {
  for (const d of [begin, end]) {
    if (!DATE_RE.test(d) || !dayjs(d, 'YYYY-MM-DD', true).isValid() || dayjs(d).format('YYYY-MM-DD') !== d) throw new HisFail('日期格式应为yyyy-mm-dd');
  }
  if (begin > end) throw new HisFail('开始日期不能晚于结束日期');
}

function visitOf(store: Store, patient: Patient, visitId: string): OutpatientVisit {
  const visit = store.visit(need(visitId, 'visit_id'));
  if (!visit || visit.patientId !== patient.id) throw new HisFail('就诊记录不存在');
  return visit;
}

function isPending(g: FeeGroup): boolean {
  return !g.paid;
}

function isPaid(g: FeeGroup): boolean {
  return Boolean(g.paid);
}

function checkFlag(flag: number): (g: FeeGroup) => boolean {
  if (flag !== 0 && flag !== 1) throw new HisFail('缴费标志错误：flag应为0（待缴费）或1（已缴费）');
  return flag === 0 ? isPending : isPaid;
}

export const getRegisterList: Handler<'/getRegisterList'> = (req, ctx) => {
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  checkDateRange(req.begin_date, req.end_date);
  const wanted = checkFlag(req.flag);
  const records = Object.values(ctx.store.core.visits)
    .filter((v) => v.patientId === patient.id && v.feeGroups.some(wanted))
    .filter((v) => v.visitTime.slice(0, 10) >= req.begin_date && v.visitTime.slice(0, 10) <= req.end_date)
    .sort((a, b) => b.visitTime.localeCompare(a.visitTime))
    .map((v) => ({
      visit_id: v.id,
      dept_id: v.deptId,
      dept_name: ctx.store.department(v.deptId)?.name ?? '',
      doctor_id: v.doctorId,
      doctor_name: ctx.store.doctor(v.doctorId)?.name ?? '',
      visit_time: v.visitTime,
    }));
  return { records };
};

/** One fee item as /getRecipe and /getChargeDetail list it; charge date and time stay empty until paid. */
function feeRow(g: FeeGroup, i: FeeItem): Payload<'/getChargeDetail'>['fees'][number] {
  return {
    id: i.id,
    item_category: i.category,
    item_id: i.itemId,
    item_name: i.name,
    price: yuan(i.priceFen),
    quantity: i.quantity,
    unit: i.unit,
    total: yuan(itemTotalFen(i)),
    bill_doctor_name: g.billDoctorName,
    bill_date: g.billDate,
    bill_time: g.billTime,
    charge_date: g.paid?.at.slice(0, 10) ?? '',
    charge_time: g.paid?.at.slice(11) ?? '',
  };
}

export const getRecipe: Handler<'/getRecipe'> = (req, ctx) => {
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  const visit = visitOf(ctx.store, patient, req.visit_id);
  const groups = visit.feeGroups.filter(checkFlag(req.flag));
  const summary = groups.reduce((sum, g) => sum + groupTotalFen(g), 0);
  const fees: Payload<'/getRecipe'>['fees'] = groups.flatMap((g) =>
    g.items.map((i) => ({
      ...feeRow(g, i),
      order_id: g.orderId,
      order_title: g.title,
      order_summary: yuan(groupTotalFen(g)),
      summary: yuan(summary),
    })),
  );
  return { fees };
};

/** The groups named by orders[], each pending and the patient's; all of one visit when `visit` is given. */
function groupsToPay(store: Store, patient: Patient, orders: Array<{ order_id: string }>, visit?: OutpatientVisit): Array<{ visit: OutpatientVisit; group: FeeGroup }> {
  if (orders.length === 0) throw new HisFail('请选择缴费组别');
  const ids = orders.map((o) => o.order_id.trim());
  if (new Set(ids).size !== ids.length) throw new HisFail('缴费组别重复');
  const visits = visit ? [visit] : Object.values(store.core.visits).filter((v) => v.patientId === patient.id);
  return ids.map((id) => {
    for (const v of visits) {
      const group = v.feeGroups.find((g) => g.orderId === id);
      if (group) {
        if (group.paid) throw new HisFail(`组别${id}已缴费，请勿重复缴费`);
        return { visit: v, group };
      }
    }
    throw new HisFail(`缴费组别${id}不存在`);
  });
}

export const cpayCheck: Handler<'/cpayCheck'> = (req, ctx) => {
  const opFlag = checkOpFlag(req.op_flag);
  if (opFlag !== 1) throw new HisFail('住院费用不支持在线缴费');
  const { patient } = accountOf(ctx.store, req.patient_id, req.card_no, opFlag);
  const chosen = groupsToPay(ctx.store, patient, req.orders);
  const due = chosen.reduce((sum, c) => sum + groupTotalFen(c.group), 0);
  if (toFen(req.total) !== due) throw new HisFail(`缴费金额与待缴费用不符，应缴${yuan(due).toFixed(2)}元`);
  ctx.setMessage('校验通过');
  return {};
};

/** The invoice of a payment made through the palm app: no insurance settlement there, so all of it is self-paid. */
function receiptFor(ctx: HandlerContext, patient: Patient, totalFen: number): string {
  const id = ctx.store.opaqueId();
  ctx.store.core.receipts.push({
    id,
    receiptNo: ctx.store.serial('receiptNo', 3400000000),
    patientId: patient.id,
    opFlag: 1,
    cardNo: patient.cardNo,
    totalFen,
    discountFen: 0,
    siPayFen: 0,
    accountPayFen: 0,
    cashPayFen: totalFen,
    date: ctx.today,
  });
  return id;
}

/**
 * /recipeCharge. balance_pay 0: from the card balance (pay_mode balancePay; his_order_no and business_no may be
 * empty). balance_pay 1: by the payment platform, for an order of /paymentNew (purpose 2) of exactly this total.
 * Medical-insurance settlement is not open to the palm app in this hospital.
 */
export const recipeCharge: Handler<'/recipeCharge'> = (req, ctx) => {
  if (!verifyHisSign(req, ctx.config.signKey)) throw new HisFail('签名校验失败');
  if (checkOpFlag(req.op_flag) !== 1) throw new HisFail('住院费用不支持在线缴费');
  if (req['settlement id']?.trim()) throw new HisFail('本院暂未开通医保移动支付');
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  const visit = visitOf(ctx.store, patient, req.visit_id);
  const chosen = groupsToPay(ctx.store, patient, req.orders, visit);
  const due = chosen.reduce((sum, c) => sum + groupTotalFen(c.group), 0);
  if (toFen(req.total) !== due) throw new HisFail(`缴费金额与待缴费用不符，应缴${yuan(due).toFixed(2)}元`);

  let hisOrderNo = req.his_order_no.trim();
  let businessNo = req.business_no.trim();
  if (req.balance_pay === 0) {
    if (req.pay_mode !== 'balancePay') throw new HisFail('余额支付时pay_mode应为balancePay');
    if (patient.cardStatus !== 1) throw new HisFail('就诊卡状态异常，不能使用余额支付');
    if (patient.balanceFen - due < patient.balanceMinFen) throw new HisFail(`卡内余额不足，当前余额${yuan(patient.balanceFen).toFixed(2)}元`);
    if (hisOrderNo) throw new HisFail('余额支付无需HIS订单号');
    patient.balanceFen -= due;
    businessNo = businessNo || `BAL${ctx.store.opaqueId().slice(3)}`;
  } else if (req.balance_pay === 1) {
    if (!['wePay', 'aliPay'].includes(req.pay_mode)) throw new HisFail('支付方式错误：pay_mode应为wePay或aliPay');
    const order = orderToApply(ctx.store, hisOrderNo, patient, 'recipe');
    if (order.totalFen !== due) throw new HisFail('缴费金额与订单金额不符');
    if (order.payMode !== req.pay_mode) throw new HisFail('支付方式与订单不符');
    businessNo = checkBusinessNo(ctx.store, businessNo, order);
    markApplied(order, ctx, businessNo, req.business_info, visit.id);
    hisOrderNo = order.orderNo;
  } else {
    throw new HisFail('余额支付标志错误：balance_pay应为0或1');
  }

  const at = ctx.now.format('YYYY-MM-DD HH:mm:ss');
  const receiptId = receiptFor(ctx, patient, due);
  for (const { group } of chosen) group.paid = { hisOrderNo, businessNo, payMode: req.pay_mode, at, receiptId };
  ctx.setMessage('缴费成功');
  return { info: { patient_id: patient.id, op_flag: 1, patient_name: patient.name } };
};

export const getChargeDetail: Handler<'/getChargeDetail'> = (req, ctx) => {
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  const visit = visitOf(ctx.store, patient, req.visit_id);
  const fees = visit.feeGroups
    .filter(isPaid)
    .flatMap((g) => g.items.map((i) => feeRow(g, i)));
  return { fees };
};

/** /getReceipt: visit_no is the card number when op_flag is 1 and the 住院号 when it is 2. */
export const getReceipt: Handler<'/getReceipt'> = (req, ctx) => {
  const opFlag = checkOpFlag(req.op_flag);
  const { patient } = accountOf(ctx.store, req.patient_id, req.visit_no, opFlag);
  const fees = ctx.store.core.receipts
    .filter((r) => r.patientId === patient.id && r.opFlag === opFlag && r.cardNo === req.visit_no.trim())
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((r) => ({
      id: r.id,
      receipt_no: r.receiptNo,
      total: yuan(r.totalFen),
      discount: yuan(r.discountFen),
      actual: yuan(r.totalFen - r.discountFen),
      si_pay: yuan(r.siPayFen),
      account_pay: yuan(r.accountPayFen),
      cash_pay: yuan(r.cashPayFen),
      receipt_date: r.date,
      origin_url: pdfUrl(ctx.baseUrl, 'receipt', r.id),
    }));
  return { fees };
};
