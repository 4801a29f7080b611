/**
 * Stays and wards: /getInHospitalList (the patient as an inpatient), /getDailyCharge (费用日清单),
 * /getChargeSummary (费用汇总), /getBedNo (床位类别), /getDepartment (科室 open for admission booking).
 */
import { HisFail, need, yuan, type HandlerMap } from '../../runtime';
import { itemTotalFen } from '../../state/builders';
import type { ChargeItem } from '../../state/core';
import { inpatientFacts } from '../patients/views';
import { isDate, ownStay, requireInpatientFlag, validIdNo } from './checks';
import { hasWards, takesAdmissionBookings } from './ward';

/** How a HIS prints its charge categories: ward charges first, then drugs, tests, examinations, treatments. */
const CATEGORY_ORDER = ['床位费', '护理费', '诊查费', '西药费', '中成药费', '化验费', '检查费', '治疗费', '其他费'];

function categoryRank(category: string): number {
  const i = CATEGORY_ORDER.indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

function sumFen(charges: readonly ChargeItem[]): number {
  return charges.reduce((sum, c) => sum + itemTotalFen(c), 0);
}

export const stayHandlers = {
  '/getInHospitalList': (req, { store, today }) => {
    const patient = store.patientByIdNo(validIdNo(req.id_no, today));
    if (!patient) throw new HisFail('未找到该患者信息');
    const stay = store.latestStay(patient.id);
    if (!stay) throw new HisFail('该患者无住院记录');
    // The inpatient answer has no create_time (unlike /getPatient).
    const { create_time: _createTime, ...facts } = inpatientFacts(store, patient, stay, today);
    return { patient: { ...facts, op_flag: '2' } };
  },

  '/getDailyCharge': (req, { store, today }) => {
    requireInpatientFlag(req.op_flag);
    const date = need(req.query_date, 'query_date');
    if (!isDate(date)) throw new HisFail('查询日期格式错误，应为yyyy-mm-dd');
    const { stay } = ownStay(store, req.patient_id, req.visit_no);
    const last = stay.dischargeDate || today;
    if (date < stay.admissionDate || date > last) {
      throw new HisFail(`查询日期不在住院期间（${stay.admissionDate}至${stay.dischargeDate || '今'}）`);
    }
    const charges = stay.charges
      .filter((c) => c.chargeDate === date)
      .sort((a, b) => a.chargeTime.localeCompare(b.chargeTime) || categoryRank(a.category) - categoryRank(b.category));
    const summary = yuan(sumFen(charges));
    return {
      fees: charges.map((c) => ({
        id: c.id,
        item_category: c.category,
        item_id: c.itemId,
        item_name: c.name,
        price: yuan(c.priceFen),
        quantity: c.quantity,
        unit: c.unit,
        total: yuan(itemTotalFen(c)),
        bill_doctor_name: c.billDoctorName,
        bill_date: c.billDate,
        bill_time: c.billTime,
        charge_date: c.chargeDate,
        charge_time: c.chargeTime,
        summary,
      })),
    };
  },

  '/getChargeSummary': (req, { store }) => {
    requireInpatientFlag(req.op_flag);
    const { stay } = ownStay(store, req.patient_id, req.visit_no);
    const byCategory = new Map<string, number>();
    for (const c of stay.charges) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + itemTotalFen(c));
    const summary = yuan(sumFen(stay.charges));
    const categories = [...byCategory.keys()].sort((a, b) => categoryRank(a) - categoryRank(b) || a.localeCompare(b));
    return {
      fees: categories.map((category, i) => ({
        id: `${stay.visitNo}-${String(i + 1).padStart(2, '0')}`,
        order_no: i + 1,
        item_name: category,
        total: yuan(byCategory.get(category) ?? 0),
        summary,
      })),
    };
  },

  '/getBedNo': (req, { store }) => {
    const dept = store.requireDepartment(need(req.dept_id, 'dept_id'));
    if (!hasWards(dept)) throw new HisFail(`${dept.name}无住院病区`);
    return { records: dept.bedCategories.map((bed_category) => ({ bed_category })) };
  },

  '/getDepartment': (req, { store }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    const depts = store.core.departments.filter((d) => d.campusId === campus.id && takesAdmissionBookings(d)).sort((a, b) => a.orderNo - b.orderNo);
    return { records: depts.map((d) => ({ dept_id: d.id, dept_name: d.name })) };
  },
} satisfies Partial<HandlerMap>;
