/** The bind form's fields per method, its rules (common/card-form.ts) and the request it sends. */
import type { BindCardRequest, BindMethod, Relation } from '@contract/api';
import { LIMITS, validateBind, type FieldErrors } from '@/utils/card-form';
import type { Choice } from '../../components/Form';

export type BindField = 'cardNo' | 'name' | 'idNo' | 'phone' | 'inpatientNo';

export interface BindValues extends Record<BindField, string> {
  relation: Relation | '';
}

export const EMPTY_BIND: BindValues = { cardNo: '', name: '', idNo: '', phone: '', inpatientNo: '', relation: '' };

export const METHOD_CHOICES: readonly Choice<BindMethod>[] = [
  { value: 'card', label: '就诊卡号' },
  { value: 'phone', label: '手机号' },
  { value: 'inpatient', label: '住院号' },
];

export const METHOD_HINTS: Record<BindMethod, string> = {
  card: '请填写就诊卡上的卡号和持卡人的身份信息',
  phone: '请填写持卡人在本院登记的身份证号码和手机号',
  inpatient: '住院号可在住院腕带、预交金收据上找到',
};

/** Fields each method asks for, in the order shown. */
export const METHOD_FIELDS: Record<BindMethod, readonly BindField[]> = {
  card: ['cardNo', 'name', 'idNo'],
  phone: ['idNo', 'name', 'phone'],
  inpatient: ['inpatientNo', 'name'],
};

export interface FieldSpec {
  label: string;
  placeholder: string;
  type: 'text' | 'number' | 'idcard';
  maxlength: number;
}

export const FIELD_SPECS: Record<BindField, FieldSpec> = {
  cardNo: { label: '就诊卡号', placeholder: '请输入就诊卡号', type: 'text', maxlength: LIMITS.cardNo },
  name: { label: '姓名', placeholder: '请输入持卡人姓名', type: 'text', maxlength: LIMITS.name },
  idNo: { label: '身份证号', placeholder: '请输入18位身份证号码', type: 'idcard', maxlength: 18 },
  phone: { label: '手机号', placeholder: '请输入登记的手机号码', type: 'number', maxlength: 11 },
  inpatientNo: { label: '住院号', placeholder: '请输入住院号', type: 'text', maxlength: LIMITS.inpatientNo },
};

/** Every field the form can show an error at (for the server's field errors). */
export const BIND_FIELDS: readonly string[] = ['cardNo', 'name', 'idNo', 'phone', 'inpatientNo', 'relation'];

export function bindErrors(method: BindMethod, values: BindValues, today: string): FieldErrors {
  return validateBind({ method, ...values }, today);
}

/** What is sent: the method's own fields only, trimmed (and a lower-case x of an ID number made upper-case). */
export function bindRequest(method: BindMethod, values: BindValues): BindCardRequest {
  if (values.relation === '') throw new Error('bindRequest: relation missing (validate first)');
  const base = { method, name: values.name.trim(), relation: values.relation };
  const idNo = values.idNo.trim().toUpperCase();
  switch (method) {
    case 'card':
      return { ...base, cardNo: values.cardNo.trim(), idNo };
    case 'phone':
      return { ...base, idNo, phone: values.phone.trim() };
    case 'inpatient':
      return { ...base, inpatientNo: values.inpatientNo.trim() };
  }
}
