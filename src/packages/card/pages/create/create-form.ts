/** The 在线办卡 form: its values, the birthday and sex that follow the ID number, its rules and the request. */
import type { CreateCardRequest, Relation } from '@contract/api';
import { fromIdNo, validateNewCard, type FieldErrors } from '@/utils/card-form';

export interface NewCardValues {
  name: string;
  idNo: string;
  sex: '男' | '女' | '';
  birthday: string;
  phone: string;
  workUnit: string;
  address: string;
  healthCardId: string;
  relation: Relation | '';
}

export type NewCardField = keyof NewCardValues;

export const EMPTY_NEW_CARD: NewCardValues = {
  name: '',
  idNo: '',
  sex: '',
  birthday: '',
  phone: '',
  workUnit: '',
  address: '',
  healthCardId: '',
  relation: '',
};

export const NEW_CARD_FIELDS: readonly NewCardField[] = ['name', 'idNo', 'sex', 'birthday', 'phone', 'workUnit', 'address', 'healthCardId', 'relation'];

export function newCardErrors(values: NewCardValues, today: string): FieldErrors {
  return validateNewCard(values, today);
}

/**
 * A field changed. When the ID number changes into a valid one, birthday and sex are filled from it (they stay
 * editable: a wrong edit shows the consistency error).
 */
export function withChange(values: NewCardValues, field: NewCardField, value: string, today: string): NewCardValues {
  const next = { ...values, [field]: value } as NewCardValues;
  if (field !== 'idNo') return next;
  const derived = fromIdNo(value, today);
  const before = fromIdNo(values.idNo, today);
  if (!derived || (before && before.birthday === derived.birthday && before.sex === derived.sex)) return next;
  return { ...next, birthday: derived.birthday, sex: derived.sex };
}

export function newCardRequest(values: NewCardValues): CreateCardRequest {
  if (values.sex === '' || values.relation === '') throw new Error('newCardRequest: sex or relation missing (validate first)');
  const healthCardId = values.healthCardId.trim();
  return {
    name: values.name.trim(),
    sex: values.sex,
    idNo: values.idNo.trim().toUpperCase(),
    birthday: values.birthday,
    phone: values.phone.trim(),
    workUnit: values.workUnit.trim(),
    address: values.address.trim(),
    ...(healthCardId ? { healthCardId } : {}),
    relation: values.relation,
  };
}
