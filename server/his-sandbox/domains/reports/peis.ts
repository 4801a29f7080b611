/**
 * Physical examinations (体检): a booking with its package of items — general checks (身高, 体重, BMI, 血压…),
 * lab items (空腹血糖, 血脂, 肝肾功能, 血常规…), examinations (胸部DR, 腹部彩超, 心电图, 甲状腺彩超) — each
 * measured or sampled on the exam day and audited later, and the whole report (summary and PDF) five days
 * after. What is out depends on the clock: items show once measured, their details once audited.
 */
import { age } from '../../state/builders';
import { catalogItem } from '../../state/catalog-items';
import type { Patient } from '../../state/core';
import type { Rng } from '../../state/random';
import type { Store } from '../../state/store';
import { examKind, imagingReport } from './imaging';
import { drawValue, formatItem, tipOf, type Hint, type Sex } from './lab';
import { HEALTH_CENTRE, unitStaff } from './staff';
import type { PeisImagingItem, PeisItem, PeisMeasureItem, PeisRecord, Tip } from './state';
import { fmt, onDay } from './times';

export interface PeisPlan {
  patient: Patient;
  packageName: string;
  examDate: string;
  bookedDaysBefore: number;
  /** Cancelled this many days before the exam day. */
  cancelledDaysBefore?: number;
  /** Findings to show: 'overweight', 'hypertension', and lab hints by item key. */
  findings: { overweight?: boolean; hypertension?: boolean; lab?: Record<string, Hint>; diagnoses?: string[] };
}

const LAB_KEYS = ['GLU', 'TC', 'TG', 'HDL-C', 'LDL-C', 'ALT', 'AST', 'CREA', 'UA', 'WBC', 'HGB', 'PLT'];
const WHOLE_BLOOD = new Set(['WBC', 'HGB', 'PLT']);

/** 体检 item status (the `peis_no` field of /getPeisReport): not measured yet, measured, audited. */
export const PEIS_ITEM_STATUS = { pending: 0, checked: 1, audited: 2 } as const;
const PEIS_ITEM_STATUS_NAMES: Record<number, string> = { 0: '未检', 1: '已检', 2: '已审核' };

export function peisItemStatus(item: PeisItem, now: string): number {
  if (now < item.checkedAt) return PEIS_ITEM_STATUS.pending;
  if (now < item.auditedAt) return PEIS_ITEM_STATUS.checked;
  return PEIS_ITEM_STATUS.audited;
}

export function peisItemStatusName(status: number): string {
  return PEIS_ITEM_STATUS_NAMES[status] ?? '未知';
}

/** The whole report is out: the booking stands and the summary has been written. */
export function peisReportOut(record: PeisRecord, now: string): boolean {
  return record.status === 0 && record.reportAt <= now;
}

interface Measure {
  shortName: string;
  name: string;
  value: string;
  unit: string;
  range: string;
  tip: Tip;
}

function generalMeasures(rng: Rng, sex: Sex, findings: PeisPlan['findings']): Measure[] {
  const male = sex === '男';
  const height = (male ? rng.int(1650, 1820) : rng.int(1520, 1680)) / 10;
  const targetBmi = findings.overweight ? rng.int(246, 278) / 10 : rng.int(192, 236) / 10;
  const weight = Number(((targetBmi * height * height) / 10000).toFixed(1));
  const bmi = Number(((weight * 10000) / (height * height)).toFixed(1));
  const waist = Math.round((male ? 62 : 56) + (bmi - 18) * 3 + rng.int(-2, 2));
  const waistLimit = male ? 90 : 85;
  const [sys, dia] = findings.hypertension ? [rng.int(142, 156), rng.int(90, 98)] : [rng.int(106, 132), rng.int(64, 84)];
  const bpTip: Tip = sys > 139 || dia > 89 ? '↑' : sys < 90 || dia < 60 ? '↓' : '';
  const hr = rng.int(62, 88);
  return [
    { shortName: 'HT', name: '身高', value: height.toFixed(1), unit: 'cm', range: '', tip: '' },
    { shortName: 'WT', name: '体重', value: weight.toFixed(1), unit: 'kg', range: '', tip: '' },
    { shortName: 'BMI', name: '体重指数', value: bmi.toFixed(1), unit: 'kg/m²', range: '18.5-23.9', tip: tipOf(bmi, { low: 18.5, high: 23.9 }) },
    { shortName: 'WC', name: '腰围', value: String(waist), unit: 'cm', range: `<${waistLimit}`, tip: waist >= waistLimit ? '↑' : '' },
    { shortName: 'BP', name: '血压', value: `${sys}/${dia}`, unit: 'mmHg', range: '90-139/60-89', tip: bpTip },
    { shortName: 'HR', name: '心率', value: String(hr), unit: '次/分', range: '60-100', tip: tipOf(hr, { low: 60, high: 100 }) },
  ];
}

function buildItems(store: Store, rng: Rng, plan: PeisPlan): PeisItem[] {
  const { patient, examDate, findings } = plan;
  const sex = patient.sex;
  const items: PeisItem[] = [];
  const general = unitStaff(store, 'health', rng);
  // General checks: recorded by the examining doctor at the desk, so audited when measured.
  generalMeasures(rng, sex, findings).forEach((m, i) => {
    const at = fmt(onDay(examDate, 8 * 60 + 10 + i * 6));
    items.push({ id: store.opaqueId(), no: `YB${String(i + 1).padStart(3, '0')}`, category: 'general', deptId: HEALTH_CENTRE.id, deptName: HEALTH_CENTRE.name, checkedAt: at, auditedAt: at, examUser: general.reporter, auditUser: general.reporter, ...m });
  });
  // Lab items: one blood draw in the morning, audited in the afternoon.
  const lab = unitStaff(store, 'lab', rng);
  const drawnAt = fmt(onDay(examDate, 8 * 60 + rng.int(0, 50)));
  const labAudit = fmt(onDay(examDate, 15 * 60 + rng.int(0, 120)));
  LAB_KEYS.forEach((key, i) => {
    const m: PeisMeasureItem = {
      id: store.opaqueId(),
      no: `JY${String(i + 1).padStart(3, '0')}`,
      category: 'lis',
      deptId: lab.dept.id,
      deptName: lab.dept.name,
      sample: WHOLE_BLOOD.has(key) ? '全血' : '血清',
      checkedAt: drawnAt,
      auditedAt: labAudit,
      examUser: lab.reporter,
      auditUser: lab.auditor,
      ...formatItem(key, drawValue(rng, key, sex, findings.lab?.[key]), sex),
    };
    items.push(m);
  });
  // Examinations: in the morning; ECG and ultrasound read at once, the DR the next day.
  const exams = ['E0405', 'E0404', 'E0402', ...(sex === '女' || rng.chance(0.5) ? ['E0409'] : [])];
  const patientAge = age(patient, examDate);
  exams.forEach((itemId, i) => {
    const k = examKind(itemId);
    const staff = unitStaff(store, k.unit, rng);
    const checked = onDay(examDate, 9 * 60 + i * 25 + rng.int(0, 15));
    const audited = k.sameDay ? checked.add(rng.int(20, 90), 'minute') : onDay(checked.add(1, 'day').format('YYYY-MM-DD'), 10 * 60 + rng.int(0, 120));
    const day = examDate.replace(/-/g, '');
    const exam: PeisImagingItem = {
      id: store.opaqueId(),
      no: `JC${String(i + 1).padStart(3, '0')}`,
      category: 'pacs',
      name: catalogItem(itemId).name,
      deptId: staff.dept.id,
      deptName: staff.dept.name,
      checkedAt: fmt(checked),
      auditedAt: fmt(audited),
      examUser: staff.reporter,
      auditUser: staff.auditor,
      examNo: `${k.prefix}${day}${String(store.counter(`examNo:${k.prefix}:${day}`)).padStart(3, '0')}`,
      ...imagingReport(itemId, rng, findings.diagnoses ?? [], patientAge),
    };
    items.push(exam);
  });
  return items;
}

/** The summary of the lead doctor (总检结论): every abnormal finding, then advice. */
function summaryOf(items: PeisItem[]): string {
  const found: string[] = [];
  for (const item of items) {
    if (item.category === 'pacs') {
      const abnormal = item.conclusion
        .split(/；|。/)
        .map((s) => s.replace(/^\d\.\s*/, '').trim())
        .filter((s) => s && !/未见明显异常|正常心电图|^窦性心律$|阴性/.test(s));
      found.push(...abnormal.map((s) => `${item.name}：${s}`));
    } else if (item.tip) {
      found.push(`${item.name}${item.tip === '↑' ? '偏高' : '偏低'}（${item.value}${item.unit}）`);
    }
  }
  if (found.length === 0) return '本次体检所查项目未见明显异常。建议保持健康生活方式，每年定期体检。';
  return `本次体检发现：${found.map((f, i) => `${i + 1}. ${f}`).join('；')}。建议：低盐低脂饮食，适量运动，控制体重；异常指标请于相关专科门诊进一步诊治并定期复查。`;
}

export function makePeisRecord(store: Store, rng: Rng, plan: PeisPlan): PeisRecord {
  const lead = unitStaff(store, 'health', rng);
  const bookedAt = fmt(onDay(plan.examDate, -plan.bookedDaysBefore * 24 * 60 + 10 * 60 + rng.int(0, 420)));
  const items = buildItems(store, rng, plan);
  const cancelled = plan.cancelledDaysBefore !== undefined;
  return {
    id: store.opaqueId(),
    peisNo: store.serial('peisNo', 8800100000),
    patientId: plan.patient.id,
    packageName: plan.packageName,
    examDate: plan.examDate,
    status: cancelled ? -99 : 0,
    bookedAt,
    cancelledAt: cancelled ? fmt(onDay(plan.examDate, -(plan.cancelledDaysBefore ?? 0) * 24 * 60 + 9 * 60 + rng.int(0, 540))) : '',
    leadDoctor: lead.auditor,
    reportAt: fmt(onDay(plan.examDate, 5 * 24 * 60 + 10 * 60)),
    summary: summaryOf(items),
    items,
  };
}
