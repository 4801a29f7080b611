/**
 * Medical record copies (病历复印): the page count of a visit or stay (/getEmrPageCount), a bill for the copy
 * (/specialType/newBill, paid afterwards like any outpatient fee group through /recipeCharge) and its
 * cancellation with refund (/case/cancel).
 */
import dayjs from 'dayjs';
import { RECORD_COPY } from '../../state/catalog-items';
import { groupTotalFen, makeFeeGroup } from '../../state/builders';
import type { FeeGroup, OutpatientVisit, Patient } from '../../state/core';
import { HisFail, need, toFen, yuan, type Handler } from '../../runtime';

export const RECORD_ROOM_DEPT_ID = '8005';
const ITEM_TYPE = '病历复印';
const MAX_PAGES = 500;

export const getEmrPageCount: Handler<'/getEmrPageCount'> = (req, ctx) => {
  need(req.user_id, 'user_id');
  if (req.type !== 1 && req.type !== 2) throw new HisFail('病历类型错误：type应为1（归档病历）或2（病案打印）');
  const id = need(req.visit_id, 'visit_id');
  const deptId = need(req.dept_id, 'dept_id');
  const stay = ctx.store.stay(id);
  if (stay) {
    if (stay.deptId !== deptId) throw new HisFail('科室与就诊记录不符');
    if (req.type === 1 && !stay.dischargeDate) throw new HisFail('患者尚未出院，病历尚未归档');
    const days = dayjs(stay.dischargeDate || ctx.today).diff(dayjs(stay.admissionDate), 'day') + 1;
    return { data: { pageCount: 12 + days * 4 } };
  }
  const visit = ctx.store.visit(id);
  if (!visit) throw new HisFail('就诊记录不存在');
  if (visit.deptId !== deptId) throw new HisFail('科室与就诊记录不符');
  if (req.type === 1) throw new HisFail('门诊病历无归档病历');
  return { data: { pageCount: 2 + visit.feeGroups.length } };
};

/** card_no of /specialType/newBill is the visit card number or one of the patient's 住院号. */
function ownsCardOrStay(patient: Patient, cardNo: string, stayOwner: string | undefined): boolean {
  return cardNo === patient.cardNo || stayOwner === patient.id;
}

export const specialTypeNewBill: Handler<'/specialType/newBill'> = (req, ctx) => {
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  const cardNo = need(req.card_no, 'card_no');
  if (!ownsCardOrStay(patient, cardNo, ctx.store.stay(cardNo)?.patientId)) throw new HisFail('就诊卡号/住院号与患者不符');
  if (req.bill_type !== 1) throw new HisFail('开单类型错误：仅支持1（病历复印）');
  if (req.purpose.trim() !== '2') throw new HisFail('支付目的错误：开单应为2（缴费）');
  if (!['wePay', 'aliPay'].includes(req.pay_mode)) throw new HisFail('支付方式错误：pay_mode应为wePay或aliPay');
  need(req.user_id, 'user_id');
  need(req.user_dept_id, 'user_dept_id');
  need(req.data_source, 'data_source');
  if (!Number.isInteger(req.quantity) || req.quantity < 1 || req.quantity > MAX_PAGES) throw new HisFail(`打印页数应为1至${MAX_PAGES}页`);
  const due = RECORD_COPY.priceFen * req.quantity;
  if (toFen(req.total) !== due) throw new HisFail(`开单金额与收费标准不符（${yuan(RECORD_COPY.priceFen).toFixed(2)}元/页，应为${yuan(due).toFixed(2)}元）`);

  const dept = ctx.store.requireDepartment(RECORD_ROOM_DEPT_ID);
  const date = ctx.today;
  const time = ctx.now.format('HH:mm:ss');
  const group = makeFeeGroup(ctx.store, {
    title: '病历复印',
    itemType: ITEM_TYPE,
    doctorName: '',
    deptName: dept.name,
    executeDeptName: dept.name,
    date,
    time,
    lines: [{ itemId: RECORD_COPY.itemId, quantity: req.quantity }],
  });
  const visit: OutpatientVisit = {
    id: ctx.store.opaqueId(),
    visitNo: ctx.store.serial('visitNo', 2600000000),
    patientId: patient.id,
    deptId: dept.id,
    doctorId: '',
    visitTime: `${date} ${time}`,
    chiefComplaint: '',
    presentIllness: '',
    pastIllness: '',
    physicalExamination: '',
    presumptiveDiagnosis: '病历复印',
    icdNames: [],
    feeGroups: [group],
  };
  ctx.store.core.visits[visit.id] = visit;
  ctx.setMessage('开单成功');
  return {
    order: {
      visit_id: visit.id,
      recipe_no: group.recipeNo,
      order_id: group.orderId,
      item_type: group.itemType,
      item_name: RECORD_COPY.name,
      price: yuan(RECORD_COPY.priceFen),
      quantity: req.quantity,
      total: yuan(due),
      order_time: visit.visitTime,
      bill_dept_name: dept.name,
      execute_dept_name: dept.name,
    },
  };
};

/** The paid record-copy group a cancellation names: by HIS order number, or by the payment's serial number. */
function paidCopyGroup(visits: OutpatientVisit[], patient: Patient, hisOrderNo: string, billNo: string): FeeGroup {
  for (const v of visits) {
    if (v.patientId !== patient.id) continue;
    for (const g of v.feeGroups) {
      if (!g.paid) continue;
      const matches = hisOrderNo ? g.paid.hisOrderNo === hisOrderNo : g.paid.businessNo === billNo;
      if (!matches) continue;
      if (g.itemType !== ITEM_TYPE) throw new HisFail('该订单不是病历复印订单');
      if (g.paid.businessNo !== billNo) throw new HisFail('支付流水号与订单不符');
      return g;
    }
  }
  throw new HisFail('未找到已支付的病历复印订单');
}

export const caseCancel: Handler<'/case/cancel'> = (req, ctx) => {
  const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
  if (req.purpose.trim() !== '-2') throw new HisFail('支付目的错误：撤销退费应为-2');
  if (req.bill_type !== 1) throw new HisFail('开单类型错误：仅支持1（病历复印）');
  need(req.user_id, 'user_id');
  need(req.user_dept_id, 'user_dept_id');
  const billNo = need(req.bill_no, 'bill_no');
  const group = paidCopyGroup(Object.values(ctx.store.core.visits), patient, req.his_order_no.trim(), billNo);
  if (group.refunded) throw new HisFail('该订单已撤销退费，请勿重复提交');
  const total = groupTotalFen(group);
  if (toFen(req.total) !== total) throw new HisFail('退费金额与订单金额不符');
  const paidBy = group.paid?.payMode;
  if (paidBy !== 'balancePay' && req.pay_mode !== paidBy) throw new HisFail('支付方式与订单不符');

  const at = ctx.now.format('YYYY-MM-DD HH:mm:ss');
  group.refunded = { at, hisOrderNo: group.paid?.hisOrderNo ?? '' };
  // Balance payments go back on the card at once; platform payments are refunded by the platform.
  if (paidBy === 'balancePay') patient.balanceFen += total;
  const order = group.paid?.hisOrderNo ? ctx.store.order(group.paid.hisOrderNo) : undefined;
  if (order) order.refundedAt = at;
  ctx.setMessage('撤销成功');
  return {};
};
