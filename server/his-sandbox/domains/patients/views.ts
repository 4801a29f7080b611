/**
 * The patient as HIS endpoints describe them (/getPatient, /getPatientList, /recharge, /getInHospitalList…):
 * one place that knows how a card or a stay turns into the documented fields, so that every endpoint shows
 * the same balance, status and top-up rule.
 */
import dayjs from 'dayjs';
import { age, groupTotalFen, stayBalanceFen, stayChargesFen } from '../../state/builders';
import type { Patient, Stay } from '../../state/core';
import { cardStatusName } from '../../state/seed-core';
import type { Store } from '../../state/store';
import { yuan } from '../../runtime';

export interface PatientFacts {
  id: string;
  name: string;
  sex: string;
  birthday: string;
  age: number;
  card_no: string;
  health_card_id?: string;
  id_no: string;
  phone_no: string;
  nation_name: string;
  patient_type_id: string;
  si_category: string;
  status: number;
  status_name: string;
  create_time: string;
  /** Outpatient: card balance; inpatient: deposits minus charges. Yuan. */
  balance: number;
  /** Outpatient: everything charged to the card so far; inpatient: the stay's charges. Yuan. */
  total: number;
  recharge_flag: 1 | -1;
  no_recharge_reason?: string;
}

export interface StayFacts {
  visit_no: string;
  admission_time: string;
  leave_hospital_time?: string;
  dept_id: string;
  dept_name: string;
  bed_no: string;
  hospital_days: number;
}

function common(p: Patient, today: string): Omit<PatientFacts, 'balance' | 'total' | 'recharge_flag' | 'no_recharge_reason'> {
  return {
    id: p.id,
    name: p.name,
    sex: p.sex,
    birthday: p.birthday,
    age: age(p, today),
    card_no: p.cardNo,
    ...(p.healthCardId ? { health_card_id: p.healthCardId } : {}),
    id_no: p.idNo,
    phone_no: p.phone,
    nation_name: p.nation,
    patient_type_id: p.patientTypeId,
    si_category: p.siCategory,
    status: p.cardStatus,
    status_name: cardStatusName(p.cardStatus),
    create_time: p.createdAt,
  };
}

/** Why a card cannot be topped up, or '' when it can. */
export function cardRechargeBlock(p: Patient): string {
  if (p.noRechargeReason) return p.noRechargeReason;
  if (p.cardStatus !== 1) return `就诊卡状态为“${cardStatusName(p.cardStatus)}”，暂不能充值`;
  return '';
}

/** Why a stay cannot take a deposit, or '' when it can. */
export function stayRechargeBlock(stay: Stay): string {
  return stay.dischargeDate ? '患者已出院结算，不能缴纳住院预交金' : '';
}

export function outpatientFacts(store: Store, p: Patient, today: string): PatientFacts {
  const charged = Object.values(store.core.visits)
    .filter((v) => v.patientId === p.id)
    .flatMap((v) => v.feeGroups)
    .filter((g) => g.paid && !g.refunded)
    .reduce((sum, g) => sum + groupTotalFen(g), 0);
  const block = cardRechargeBlock(p);
  return {
    ...common(p, today),
    balance: yuan(p.balanceFen),
    total: yuan(charged),
    recharge_flag: block ? -1 : 1,
    ...(block ? { no_recharge_reason: block } : {}),
  };
}

export function inpatientFacts(store: Store, p: Patient, stay: Stay, today: string): PatientFacts & StayFacts {
  const dept = store.department(stay.deptId);
  const end = stay.dischargeDate || today;
  const block = stayRechargeBlock(stay);
  return {
    ...common(p, today),
    balance: yuan(stayBalanceFen(stay)),
    total: yuan(stayChargesFen(stay)),
    recharge_flag: block ? -1 : 1,
    ...(block ? { no_recharge_reason: block } : {}),
    visit_no: stay.visitNo,
    admission_time: stay.admissionDate,
    ...(stay.dischargeDate ? { leave_hospital_time: stay.dischargeDate } : {}),
    dept_id: stay.deptId,
    dept_name: dept?.name ?? '',
    bed_no: stay.bedNo,
    hospital_days: Math.max(1, dayjs(end).diff(dayjs(stay.admissionDate), 'day')),
  };
}
