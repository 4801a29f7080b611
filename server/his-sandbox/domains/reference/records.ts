/**
 * A patient's outpatient records: visits (就诊记录: /getVisitInfoNew, /getVisitInfoNewDetail) and electronic
 * prescriptions (/getElectronicPrescriptionBasicInfo, /getElectronicPrescriptionDetail), read from the core's
 * visits and their fee groups. A prescription is a fee group made only of drugs (西药处方, 中成药处方); its id is
 * the group's 处方号 (recipeNo).
 */
import { ageOn } from '../../../../common/id-card';
import { HisFail, need, yuan, type HandlerMap } from '../../runtime';
import { groupTotalFen, itemTotalFen, visitTotalFen } from '../../state/builders';
import type { FeeGroup, OutpatientVisit, Patient } from '../../state/core';
import type { Store } from '../../state/store';

const DRUG_CATEGORIES = ['西药费', '中成药费', '中草药费'];

export function isPrescription(g: FeeGroup): boolean {
  return g.items.length > 0 && g.items.every((i) => DRUG_CATEGORIES.includes(i.category));
}

function visitsOf(store: Store, patient: Patient): OutpatientVisit[] {
  return Object.values(store.core.visits)
    .filter((v) => v.patientId === patient.id)
    .sort((a, b) => b.visitTime.localeCompare(a.visitTime));
}

function names(store: Store, v: OutpatientVisit) {
  return { dept_name: store.department(v.deptId)?.name ?? '', doctor_name: store.doctor(v.doctorId)?.name ?? '' };
}

function prescriptionsOf(store: Store, patient: Patient): Array<{ visit: OutpatientVisit; group: FeeGroup }> {
  return visitsOf(store, patient)
    .flatMap((visit) => visit.feeGroups.filter(isPrescription).map((group) => ({ visit, group })))
    .sort((a, b) => `${b.group.billDate} ${b.group.billTime}`.localeCompare(`${a.group.billDate} ${a.group.billTime}`));
}

export const recordHandlers = {
  '/getVisitInfoNew': (req, { store }) => {
    const patient = store.requirePatient(need(req.patient_id, 'patient_id'));
    return {
      records: visitsOf(store, patient).map((v) => ({
        id: v.id,
        patient_id: patient.id,
        patient_name: patient.name,
        visit_no: v.visitNo,
        ...names(store, v),
        visit_date: v.visitTime,
        total: yuan(visitTotalFen(v)),
      })),
    };
  },

  '/getVisitInfoNewDetail': (req, { store }) => {
    const patient = store.requirePatient(need(req.patient_id, 'patient_id'));
    const v = store.visit(need(req.visit_id, 'visit_id'));
    if (!v) throw new HisFail('就诊记录不存在');
    if (v.patientId !== patient.id) throw new HisFail('该就诊记录不属于该患者');
    const [icd1, icd2, icd3] = v.icdNames;
    return {
      record: {
        id: v.id,
        patient_id: patient.id,
        patient_name: patient.name,
        patient_sex: patient.sex,
        // Age at the visit, as the record was written.
        patient_age: Math.max(0, ageOn(patient.birthday, v.visitTime.slice(0, 10))),
        visit_no: v.visitNo,
        ...names(store, v),
        visit_date: v.visitTime,
        total: yuan(visitTotalFen(v)),
        chief_complaint: v.chiefComplaint,
        present_illness: v.presentIllness,
        past_illness: v.pastIllness,
        physical_examination: v.physicalExamination,
        presumptive_diagnosis: v.presumptiveDiagnosis,
        icd_name1: icd1 ?? v.presumptiveDiagnosis,
        ...(icd2 ? { icd_name2: icd2 } : {}),
        ...(icd3 ? { icd_name3: icd3 } : {}),
      },
    };
  },

  '/getElectronicPrescriptionBasicInfo': (req, { store }) => {
    const patient = store.requirePatient(need(req.patient_id, 'patient_id'));
    return {
      records: prescriptionsOf(store, patient).map(({ visit, group }) => ({
        id: group.recipeNo,
        patient_id: patient.id,
        patient_name: patient.name,
        dept_name: store.department(visit.deptId)?.name ?? group.billDeptName,
        bill_time: `${group.billDate} ${group.billTime}`,
        total: yuan(groupTotalFen(group)),
      })),
    };
  },

  // `record` is one object with item-level fields (as documented): the prescription's first (main) drug line.
  '/getElectronicPrescriptionDetail': (req, { store }) => {
    const patient = store.requirePatient(need(req.patient_id, 'patient_id'));
    const recipeId = need(req.recipe_id, 'recipe_id');
    const found = Object.values(store.core.visits)
      .flatMap((visit) => visit.feeGroups.filter(isPrescription).map((group) => ({ visit, group })))
      .find(({ group }) => group.recipeNo === recipeId);
    if (!found) throw new HisFail('处方记录不存在');
    if (found.visit.patientId !== patient.id) throw new HisFail('该处方不属于该患者');
    const { group } = found;
    const line = group.items[0];
    if (!line) throw new HisFail('处方无药品明细');
    const [chargeDate = '', chargeTime = ''] = group.paid ? group.paid.at.split(' ') : [];
    return {
      record: {
        id: line.id,
        patient_id: patient.id,
        item_name: line.name,
        quantity: line.quantity,
        unit: line.unit,
        item_category: line.category,
        bill_date: `${group.billDate} ${group.billTime}`,
        total: yuan(itemTotalFen(line)),
        price: yuan(line.priceFen),
        doctor_name: group.billDoctorName,
        dept_name: group.billDeptName,
        charge_date: chargeDate,
        charge_time: chargeTime,
      },
    };
  },
} satisfies Partial<HandlerMap>;
