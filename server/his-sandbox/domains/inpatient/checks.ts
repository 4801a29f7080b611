/** Request checks of the inpatient endpoints, with the messages a ward clerk's HIS gives. */
import dayjs from 'dayjs';
import { parseIdCard } from '../../../../common/id-card';
import { DATE } from '../../clock';
import { HisFail, need } from '../../runtime';
import type { Patient, Stay } from '../../state/core';
import type { Store } from '../../state/store';

/** A valid 18-character ID number, normalised (upper-case X). */
export function validIdNo(value: string, today: string): string {
  const id = parseIdCard(need(value, 'id_no'), today);
  if (!id.valid) throw new HisFail('身份证号不正确');
  return id.idNo;
}

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).format(DATE) === value;
}

/** Inpatient charges are asked with op_flag 2 (住院); 1 (门诊) has no daily list or summary. */
export function requireInpatientFlag(opFlag: number): void {
  if (opFlag !== 2) throw new HisFail('门诊住院标志错误：住院费用查询op_flag应为2');
}

/** The stay `visitNo` of patient `patientId`: both must exist and belong together. */
export function ownStay(store: Store, patientId: string, visitNo: string): { patient: Patient; stay: Stay } {
  const patient = store.requirePatient(need(patientId, 'patient_id'));
  const stay = store.stay(need(visitNo, 'visit_no'));
  if (!stay) throw new HisFail('住院号不存在');
  if (stay.patientId !== patient.id) throw new HisFail('该住院记录不属于该患者');
  return { patient, stay };
}

/** The patient's stay that has not ended, if any. */
export function openStay(store: Store, patientId: string): Stay | undefined {
  return Object.values(store.core.stays).find((s) => s.patientId === patientId && s.dischargeDate === '');
}
