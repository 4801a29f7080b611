/**
 * Self-service admission (自助入院) at a kiosk: /getInHospitalApply lists the patient's admission certificates
 * (住院证) found by card number, patient id or ID number; /inHospitalReg admits the patient with a pending
 * certificate: a new stay (new 住院号, no bed until the ward assigns one, no deposit yet, the admission day's
 * ward charges posted), the certificate used, and any open admission booking of that department processed.
 * Both answers are readings (server/his-catalogue/readings.ts): the document shows no response.
 */
import { parseIdCard } from '../../../../common/id-card';
import { DATETIME, TIME } from '../../clock';
import { HisFail, need, yuan, type HandlerMap } from '../../runtime';
import type { Patient, Stay } from '../../state/core';
import { cardStatusName } from '../../state/seed-core';
import type { Store } from '../../state/store';
import { openStay } from './checks';
import { BOOKING_STATUS, CERTIFICATE_STATUS, type AdmissionCertificate } from './state';
import { postWardCharges } from './ward';

const STATUS_NAMES: Record<number, string> = { 0: '待办理', 1: '已办理', [-1]: '已作废' };

/** A kiosk reading a card that is lost, frozen or cancelled sends the patient to the window. */
function usableCard(p: Patient): Patient {
  if (p.cardStatus !== 1) throw new HisFail(`就诊卡状态为“${cardStatusName(p.cardStatus)}”，请到住院处窗口办理`);
  return p;
}

/** The patient a kiosk identified: param_type 2 card number, 3 patient id, 4 ID number. */
function patientByParam(store: Store, paramType: string, param: string, today: string): Patient {
  switch (paramType) {
    case '2': {
      const p = store.patientByCard(param);
      if (!p) throw new HisFail('未找到该就诊卡');
      return usableCard(p);
    }
    case '3': {
      const p = store.patient(param);
      if (!p) throw new HisFail('未找到该患者信息');
      return p;
    }
    case '4': {
      const id = parseIdCard(param, today);
      if (!id.valid) throw new HisFail('身份证号不正确');
      const p = store.patientByIdNo(id.idNo);
      if (!p) throw new HisFail('未找到该患者信息');
      return p;
    }
    default:
      throw new HisFail('参数类型错误：2就诊卡号，3病人ID，4身份证号');
  }
}

/** Whether the value the kiosk passes identifies the certificate's patient (card number, patient id or ID number). */
function identifies(p: Patient, param: string): boolean {
  if (param === p.cardNo) {
    usableCard(p);
    return true;
  }
  return param === p.id || param.toUpperCase() === p.idNo;
}

function certificateView(store: Store, c: AdmissionCertificate, p: Patient) {
  return {
    id: c.id,
    patient_id: p.id,
    card_no: p.cardNo,
    name: p.name,
    sex: p.sex,
    id_no: p.idNo,
    dept_id: c.deptId,
    dept_name: store.department(c.deptId)?.name ?? '',
    diagnosis: c.diagnosis,
    apply_doctor_name: c.doctorName,
    apply_time: c.applyTime,
    prepay_amount: yuan(c.prepayFen),
    status: c.status,
    status_name: STATUS_NAMES[c.status] ?? '',
  };
}

export const admissionHandlers = {
  '/getInHospitalApply': (req, { store, today }) => {
    need(req.machine_no, 'machine_no');
    const patient = patientByParam(store, need(req.param_type, 'param_type'), need(req.param, 'param'), today);
    const certificates = Object.values(store.state.inpatient.certificates)
      .filter((c) => c.patientId === patient.id)
      .sort((a, b) => b.applyTime.localeCompare(a.applyTime));
    return { data: certificates.map((c) => certificateView(store, c, patient)) };
  },

  '/inHospitalReg': (req, ctx) => {
    const { store, now, today } = ctx;
    const slice = store.state.inpatient;
    const cert = slice.certificates[need(req.id, 'id')];
    if (!cert) throw new HisFail('住院证不存在');
    const machineNo = need(req.machine_no, 'machine_no');
    const patient = store.requirePatient(cert.patientId);
    if (!identifies(patient, need(req.param, 'param'))) throw new HisFail('身份信息与住院证不符');
    if (cert.status === CERTIFICATE_STATUS.admitted) throw new HisFail('该住院证已办理入院，请勿重复办理');
    if (cert.status === CERTIFICATE_STATUS.void) throw new HisFail('住院证已过期作废，请重新开具住院证');
    const current = openStay(store, patient.id);
    if (current) throw new HisFail(`患者正在住院（住院号${current.visitNo}），不能重复办理入院`);
    const dept = store.requireDepartment(cert.deptId);

    const stay: Stay = {
      visitNo: store.serial('inpatientNo', 30010000),
      patientId: patient.id,
      deptId: dept.id,
      bedNo: '',
      bedCategory: cert.bedCategory,
      doctorName: cert.doctorName,
      diagnosis: cert.diagnosis,
      admissionDate: today,
      dischargeDate: '',
      depositFen: 0,
      charges: [],
    };
    store.core.stays[stay.visitNo] = stay;
    // The admission day is charged from the moment of admission; the tick charges the following days.
    postWardCharges(store, stay, today, now.format(TIME));
    slice.chargedThrough[stay.visitNo] = today;

    const at = now.format(DATETIME);
    cert.status = CERTIFICATE_STATUS.admitted;
    cert.closedAt = at;
    cert.visitNo = stay.visitNo;
    cert.machineNo = machineNo;
    for (const b of Object.values(slice.bookings)) {
      if (b.idNo === patient.idNo && b.deptId === dept.id && (b.status === BOOKING_STATUS.pending || b.status === BOOKING_STATUS.booked)) {
        b.status = BOOKING_STATUS.processed;
        b.handledAt = at;
        b.visitNo = stay.visitNo;
      }
    }
    ctx.setMessage('办理入院成功');
    return {
      data: {
        patient_id: patient.id,
        visit_no: stay.visitNo,
        name: patient.name,
        dept_id: dept.id,
        dept_name: dept.name,
        bed_no: stay.bedNo,
        admission_time: stay.admissionDate,
      },
    };
  },
} satisfies Partial<HandlerMap>;
