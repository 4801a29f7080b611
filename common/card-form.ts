/**
 * The card forms' rules, shared by the mini-program (messages at the field, before anything is sent) and the BFF
 * (the same checks again, before HIS is called). Messages are short 简体中文 a patient understands.
 */
import { parseIdCard } from './id-card';
import { isMainlandMobile } from './phone';

export type Relation = 'self' | 'parent' | 'spouse' | 'child' | 'other';
export const RELATIONS: readonly Relation[] = ['self', 'parent', 'spouse', 'child', 'other'];
export const RELATION_LABELS: Record<Relation, string> = { self: '本人', parent: '父母', spouse: '配偶', child: '子女', other: '其他' };

/** Field name → message, for the fields that are wrong. */
export type FieldErrors = Record<string, string>;

export const LIMITS = { name: 20, workUnit: 60, address: 100, cardNo: 20, inpatientNo: 20, healthCardId: 40 } as const;

const NAME = /^[\u4e00-\u9fa5·]{2,20}$|^[A-Za-z][A-Za-z .·-]{1,19}$/;

export function nameError(name: string | undefined): string | undefined {
  const v = name?.trim() ?? '';
  if (!v) return '请输入姓名';
  if (!NAME.test(v)) return '请输入与证件一致的姓名';
  return undefined;
}

export function idNoError(idNo: string | undefined, today?: string): string | undefined {
  const v = idNo?.trim() ?? '';
  if (!v) return '请输入身份证号码';
  const parsed = parseIdCard(v, today);
  if (parsed.valid) return undefined;
  return parsed.problem === 'checksum' ? '身份证号码有误，请核对最后一位' : parsed.problem === 'birthday' ? '身份证号码中的出生日期无效' : '请输入18位身份证号码';
}

export function phoneError(phone: string | undefined): string | undefined {
  const v = phone?.trim() ?? '';
  if (!v) return '请输入手机号码';
  return isMainlandMobile(v) ? undefined : '请输入正确的11位手机号码';
}

function numberError(value: string | undefined, label: string, max: number): string | undefined {
  const v = value?.trim() ?? '';
  if (!v) return `请输入${label}`;
  if (!/^[0-9A-Za-z-]+$/.test(v) || v.length > max) return `请输入正确的${label}`;
  return undefined;
}

function put(errors: FieldErrors, field: string, message: string | undefined): void {
  if (message) errors[field] = message;
}

export interface BindInput {
  method: 'card' | 'phone' | 'inpatient';
  name?: string;
  cardNo?: string;
  idNo?: string;
  phone?: string;
  inpatientNo?: string;
  relation?: string;
}

export function validateBind(input: BindInput, today?: string): FieldErrors {
  const errors: FieldErrors = {};
  put(errors, 'name', nameError(input.name));
  if (input.method === 'card') {
    put(errors, 'cardNo', numberError(input.cardNo, '就诊卡号', LIMITS.cardNo));
    put(errors, 'idNo', idNoError(input.idNo, today));
  } else if (input.method === 'phone') {
    put(errors, 'idNo', idNoError(input.idNo, today));
    put(errors, 'phone', phoneError(input.phone));
  } else {
    put(errors, 'inpatientNo', numberError(input.inpatientNo, '住院号', LIMITS.inpatientNo));
  }
  if (!RELATIONS.includes(input.relation as Relation)) errors.relation = '请选择与您的关系';
  return errors;
}

export interface NewCardInput {
  name?: string;
  sex?: string;
  idNo?: string;
  birthday?: string;
  phone?: string;
  workUnit?: string;
  address?: string;
  healthCardId?: string;
  relation?: string;
}

/** What an ID number says: for pre-filling birthday and sex in the form. */
export function fromIdNo(idNo: string, today?: string): { birthday: string; sex: '男' | '女' } | undefined {
  const parsed = parseIdCard(idNo, today);
  return parsed.valid ? { birthday: parsed.birthday, sex: parsed.sex } : undefined;
}

export function validateNewCard(input: NewCardInput, today?: string): FieldErrors {
  const errors: FieldErrors = {};
  put(errors, 'name', nameError(input.name));
  const idError = idNoError(input.idNo, today);
  put(errors, 'idNo', idError);
  const derived = idError ? undefined : fromIdNo(input.idNo ?? '', today);
  if (input.sex !== '男' && input.sex !== '女') errors.sex = '请选择性别';
  else if (derived && derived.sex !== input.sex) errors.sex = '性别与身份证号码不一致';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.birthday ?? '')) errors.birthday = '请选择出生日期';
  else if (derived && derived.birthday !== input.birthday) errors.birthday = '出生日期与身份证号码不一致';
  put(errors, 'phone', phoneError(input.phone));
  const unit = input.workUnit?.trim() ?? '';
  if (!unit) errors.workUnit = '请输入工作单位，无单位请填“无”';
  else if (unit.length > LIMITS.workUnit) errors.workUnit = `工作单位不超过${LIMITS.workUnit}个字`;
  const address = input.address?.trim() ?? '';
  if (!address) errors.address = '请输入联系地址';
  else if (address.length > LIMITS.address) errors.address = `联系地址不超过${LIMITS.address}个字`;
  const hc = input.healthCardId?.trim() ?? '';
  if (hc && (!/^[0-9A-Za-z]+$/.test(hc) || hc.length > LIMITS.healthCardId)) errors.healthCardId = '电子健康卡号格式不正确';
  if (!RELATIONS.includes(input.relation as Relation)) errors.relation = '请选择与您的关系';
  return errors;
}
