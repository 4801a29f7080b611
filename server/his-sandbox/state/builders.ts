/**
 * Builders for core records, shared by the seed and by handlers that create records at run time (a fee group
 * for a record copy, a patient created by a NAT booking, a registration taken from an appointment…).
 */
import { pinyin } from 'pinyin-pro';
import { ageOn } from '../../../common/id-card';
import { catalogItem } from './catalog-items';
import type { ChargeItem, Department, FeeGroup, FeeItem, OutpatientVisit, Patient, Registration, Stay } from './core';
import type { Store } from './store';

/** Pinyin initials, upper-case: 心血管内科 → XXGNK. */
export function spellCode(text: string): string {
  return pinyin(text.replace(/[（）()]/g, ''), { pattern: 'first', toneType: 'none', separator: '', nonZh: 'removed' }).toUpperCase();
}

export function age(p: Pick<Patient, 'birthday'>, today: string): number {
  return Math.max(0, ageOn(p.birthday, today));
}

/**
 * Why a department does not see this person, or '': 妇产科 sees women from 16, 儿科 children under 14. The seed
 * follows it for visits and stays; registration and booking refuse with this message.
 */
export function deptRefusal(dept: Pick<Department, 'name' | 'categoryId'>, person: { sex: string; birthday: string }, today: string): string {
  const years = age(person, today);
  if (dept.categoryId === '03' && (person.sex !== '女' || years < 16)) return `${dept.name}仅接诊16岁及以上女性患者`;
  if (dept.categoryId === '04' && years >= 14) return `${dept.name}仅接诊14岁以下患儿`;
  return '';
}

export interface ItemLine {
  itemId: string;
  quantity: number;
}

export function feeItems(store: Store, lines: readonly ItemLine[]): FeeItem[] {
  return lines.map(({ itemId, quantity }) => {
    const item = catalogItem(itemId);
    return { id: store.opaqueId(), itemId, category: item.category, name: item.name, priceFen: item.priceFen, quantity, unit: item.unit };
  });
}

export function itemTotalFen(item: Pick<FeeItem, 'priceFen' | 'quantity'>): number {
  return Math.round(item.priceFen * item.quantity);
}

export function groupTotalFen(group: FeeGroup): number {
  return group.items.reduce((sum, i) => sum + itemTotalFen(i), 0);
}

export function makeFeeGroup(
  store: Store,
  spec: { title: string; itemType: string; doctorName: string; deptName: string; executeDeptName: string; date: string; time: string; lines: readonly ItemLine[] },
): FeeGroup {
  return {
    orderId: store.opaqueId(),
    recipeNo: store.serial('recipeNo', 7100000000),
    title: spec.title,
    itemType: spec.itemType,
    billDoctorName: spec.doctorName,
    billDeptName: spec.deptName,
    executeDeptName: spec.executeDeptName,
    billDate: spec.date,
    billTime: spec.time,
    items: feeItems(store, spec.lines),
  };
}

export function makeChargeItem(
  store: Store,
  spec: { itemId: string; quantity: number; doctorName: string; date: string; time: string },
): ChargeItem {
  const item = catalogItem(spec.itemId);
  return {
    id: store.opaqueId(),
    itemId: item.itemId,
    category: item.category,
    name: item.name,
    priceFen: item.priceFen,
    quantity: spec.quantity,
    unit: item.unit,
    billDoctorName: spec.doctorName,
    billDate: spec.date,
    billTime: spec.time,
    chargeDate: spec.date,
    chargeTime: spec.time,
  };
}

export function visitTotalFen(visit: OutpatientVisit): number {
  return visit.feeGroups.reduce((sum, g) => sum + groupTotalFen(g), 0);
}

/** 上午 before noon, 下午 after. */
export function sessionOf(time: string): '上午' | '下午' {
  return time < '12:00' ? '上午' : '下午';
}

/**
 * A new registration. Its queue number is `queueNo` when the caller numbers the queue itself (a schedule's own
 * numbering, an appointment's 预约序号), else the next number of the doctor's session.
 */
export function makeRegistration(
  store: Store,
  spec: Omit<Registration, 'id' | 'queueNo' | 'visitNo' | 'createdAt' | 'accepted'> & { accepted?: boolean; createdAt: string; queueNo?: number },
): Registration {
  const queueKey = spec.scheduleId || `${spec.doctorId || spec.deptId}@${spec.visitDate}@${spec.visitTime}`;
  const reg: Registration = {
    ...spec,
    id: store.opaqueId(),
    queueNo: spec.queueNo ?? store.counter(`queue:${queueKey}`),
    visitNo: store.serial('visitNo', 2600000000),
    accepted: spec.accepted ?? false,
  };
  store.core.registrations[reg.id] = reg;
  return reg;
}

/**
 * A new patient with a new card, as /createCard (and a NAT booking of someone without a card) create one.
 * The caller has checked the ID number; sex and birthday come from it.
 */
export function makeNewPatient(
  store: Store,
  spec: { name: string; sex: '男' | '女'; birthday: string; idNo: string; phone: string; unitName?: string; address?: string; healthCardId?: string; nation?: string },
  now: string,
): Patient {
  const patient: Patient = {
    id: store.serial('patient', 20000000),
    cardNo: store.serial('card', 5000200000),
    name: spec.name,
    sex: spec.sex,
    birthday: spec.birthday,
    idNo: spec.idNo.toUpperCase(),
    phone: spec.phone,
    nation: spec.nation ?? '汉族',
    healthCardId: spec.healthCardId ?? '',
    unitName: spec.unitName ?? '',
    address: spec.address ?? '',
    patientTypeId: '1',
    patientTypeName: '自费',
    siCategory: '0',
    balanceFen: 0,
    balanceMinFen: 0,
    cardStatus: 1,
    noRechargeReason: '',
    createdAt: now,
    accountId: store.serial('account', 880000000),
  };
  store.core.patients[patient.id] = patient;
  return patient;
}

export function stayChargesFen(stay: Stay): number {
  return stay.charges.reduce((sum, c) => sum + itemTotalFen(c), 0);
}

/** 预交金余额: deposits minus charges so far (negative when the stay is in arrears). */
export function stayBalanceFen(stay: Stay): number {
  return stay.depositFen - stayChargesFen(stay);
}
