/**
 * Patients and their cards in HIS terms → domain terms: look-ups by the identities a patient can prove, issuing a
 * card, updating contact details. Amounts come back in integer fen.
 */
import type { HisEndpoints } from './endpoints.generated';
import type { HisCallContext } from './client';
import { HisRejectedError } from './errors';

export type PatientKind = 'outpatient' | 'inpatient';

export interface HisPatient {
  id: string;
  kind: PatientKind;
  name: string;
  sex: string;
  birthday: string;
  age: number;
  /** 就诊卡号 ('' when HIS gives none). */
  cardNo: string;
  idNo: string;
  phone: string;
  healthCardId: string;
  /** Card balance (outpatient) or deposit balance (inpatient), fen. */
  balanceFen: number;
  /** Outpatient: charged so far; inpatient: the stay's charges. Fen. */
  totalFen: number;
  status: number;
  statusName: string;
  canRecharge: boolean;
  noRechargeReason: string;
  inpatient?: { inpatientNo: string; deptName: string; bedNo: string; admissionDate: string; dischargeDate: string };
}

/** What the patient gives to be found: always the name, and one key. */
export type PatientQuery =
  | { by: 'patientId'; kind: PatientKind; patientId: string }
  | { by: 'cardNo'; name: string; cardNo: string }
  | { by: 'idNo'; name: string; idNo: string }
  | { by: 'inpatientNo'; name: string; inpatientNo: string };

export interface NewCardInput {
  name: string;
  sex: '男' | '女';
  idNo: string;
  birthday: string;
  phone: string;
  workUnit: string;
  address: string;
  healthCardId?: string;
}

export interface HisPatients {
  /** The patient, or undefined when HIS finds no one for these details. */
  find(query: PatientQuery, ctx: HisCallContext): Promise<HisPatient | undefined>;
  /**
   * Issues a card: `created: false` when HIS already has a patient with this ID number (under whatever name — HIS
   * does not say more); HisRejectedError for any other refusal.
   */
  createCard(input: NewCardInput, ctx: HisCallContext): Promise<{ created: true; patientId: string; cardNo: string } | { created: false }>;
  updatePhone(patientId: string, phone: string, ctx: HisCallContext): Promise<void>;
}

export const fen = (yuan: number): number => Math.round(yuan * 100);

const ON_FILE = /已建档|已存在|重复办卡/;

export function createPatients(raw: HisEndpoints): HisPatients {
  return {
    async find(query, ctx) {
      const body =
        query.by === 'patientId'
          ? { op_flag: query.kind === 'inpatient' ? 2 : 1, patient_id: query.patientId }
          : query.by === 'cardNo'
            ? { op_flag: 1, name: query.name, card_no: query.cardNo }
            : query.by === 'idNo'
              ? { op_flag: 1, name: query.name, id_no: query.idNo }
              : { op_flag: 2, name: query.name, card_no: query.inpatientNo };
      let p;
      try {
        ({ patient: p } = await raw.getPatient(body, ctx));
      } catch (err) {
        // HIS answers "not found" with its failure envelope; it does not say which detail did not match.
        if (err instanceof HisRejectedError) return undefined;
        throw err;
      }
      const inpatient = p.visit_no
        ? { inpatientNo: p.visit_no, deptName: p.dept_name ?? '', bedNo: p.bed_no ?? '', admissionDate: p.admission_time ?? '', dischargeDate: p.leave_hospital_time ?? '' }
        : undefined;
      return {
        id: p.id,
        kind: body.op_flag === 2 ? 'inpatient' : 'outpatient',
        name: p.name,
        sex: p.sex,
        birthday: p.birthday,
        age: p.age,
        cardNo: p.card_no ?? '',
        idNo: p.id_no,
        phone: p.phone_no,
        healthCardId: p.health_card_id ?? '',
        balanceFen: fen(p.balance),
        totalFen: fen(p.total),
        status: p.status,
        statusName: p.status_name,
        canRecharge: p.recharge_flag === 1,
        noRechargeReason: p.no_recharge_reason ?? '',
        ...(body.op_flag === 2 && inpatient ? { inpatient } : {}),
      };
    },

    async createCard(input, ctx) {
      const body = {
        name: input.name,
        sex: input.sex,
        id_no: input.idNo,
        phone_no: input.phone,
        birthday: input.birthday,
        unit_name: input.workUnit,
        post_addr: input.address,
        ...(input.healthCardId ? { wx_health_card_id: input.healthCardId } : {}),
      };
      try {
        const { card } = await raw.createCard(body, ctx);
        return { created: true, patientId: card.id, cardNo: card.card_no };
      } catch (err) {
        // The interface document gives no code for it; HIS says so in words (此身份证号已建档 / 已存在…).
        if (err instanceof HisRejectedError && ON_FILE.test(err.hisMessage)) return { created: false };
        throw err;
      }
    },

    async updatePhone(patientId, phone, ctx) {
      await raw.cardUpdate({ patient_id: patientId, phone_no: phone }, ctx);
    },
  };
}
