/**
 * The fixed facts of the hospital's NAT service: the half-hour slots, the fee, the report languages, the
 * dictionaries the endpoints accept, and what a report contains.
 */
import { HOSPITAL_NAME } from '../../state/data';
import type { NatResultItem, NatStatus } from './state';

export interface NatSlot {
  id: string;
  /** The slot NAME, which /appointment/pre takes as time_slot: 09:00-09:30. */
  name: string;
  start: string;
  end: string;
}

function halfHours(from: string, to: string): Array<{ start: string; end: string }> {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const text = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const out: Array<{ start: string; end: string }> = [];
  for (let m = minutes(from); m < minutes(to); m += 30) out.push({ start: text(m), end: text(m + 30) });
  return out;
}

/** 08:00-08:30 … 11:30-12:00 and 14:00-14:30 … 17:00-17:30, ids slot01…slot15 (the document's example is slot01). */
export const NAT_SLOTS: readonly NatSlot[] = [...halfHours('08:00', '12:00'), ...halfHours('14:00', '17:30')].map((s, i) => ({
  id: `slot${String(i + 1).padStart(2, '0')}`,
  name: `${s.start}-${s.end}`,
  ...s,
}));

export function slotById(id: string): NatSlot | undefined {
  return NAT_SLOTS.find((s) => s.id === id);
}

export function slotByName(name: string): NatSlot | undefined {
  return NAT_SLOTS.find((s) => s.name === name);
}

/**
 * 单人单检 (one person, one tube), the only test the booking offers: /appointment/pre carries no test type, so a
 * second type (混检) could not be told apart when booking or paying.
 */
export const NAT_FEE_FEN = 4000;

/** Places per half-hour slot, by campus id; campuses not listed get DEFAULT_CAPACITY. */
export const CAPACITY: Readonly<Record<string, number>> = { '01': 20, '02': 12 };
export const DEFAULT_CAPACITY = 10;

/** Bookable days: today and the next six. */
export const WINDOW_DAYS = 7;

export const REPORT_LANGUAGES: ReadonlyArray<{ id: string; name: string }> = [
  { id: '1', name: '中文' },
  { id: '2', name: '中英文' },
  { id: '3', name: '英文' },
  { id: '4', name: '日文' },
];

/** pay_way values of the group; /cpay/newPayment documents WeChat as 'weypay' (its mock says 'wepay'): both mean WeChat. */
export const PAY_WAYS: Readonly<Record<string, string>> = { wepay: 'wepay', weypay: 'wepay', alipay: 'alipay', mpay: 'mpay' };

/** data_source: 3 网站, w1 微信. */
export const DATA_SOURCES: readonly string[] = ['3', 'w1'];

export function statusText(status: NatStatus): string {
  switch (status) {
    case 0:
      return '未确认';
    case 1:
      return '已确认';
    case 2:
      return '已取号';
    case 9:
      return '已完成';
    case -1:
      return '已撤销';
  }
}

export const LAPSED_DESC = '已撤销（超时未支付）';
export const REFUNDING_DESC = '已撤销（退款中）';
export const REFUNDED_DESC = '已撤销（已退款）';

/**
 * Minutes from the slot's start: checked in at the start, sampled 5–19 minutes later (it varies by person),
 * tested 210–229 minutes after sampling, reported 30 minutes after the test: 已完成 4–4.7 hours after the slot starts.
 */
export const SAMPLE_AFTER_START_MINUTES = 5;
/** Minutes from sampling to the PCR result, and from the result to the signed report. */
export const CHECK_AFTER_SAMPLE_MINUTES = 210;
export const REPORT_AFTER_CHECK_MINUTES = 30;

export const NAT_ITEM_NAME = '新型冠状病毒核酸检测';
export const NAT_ITEM_SHORT = '2019-nCoV RNA';
export const NEGATIVE = '阴性';

export function negativeItems(): NatResultItem[] {
  return [
    { name: '新型冠状病毒核酸检测ORF1ab基因', shortName: 'ORF1ab', value: NEGATIVE, range: NEGATIVE, tip: '' },
    { name: '新型冠状病毒核酸检测N基因', shortName: 'N', value: NEGATIVE, range: NEGATIVE, tip: '' },
  ];
}

export const SAMPLE_TYPES: readonly string[] = ['口咽拭子', '鼻咽拭子'];

/** The sampling point of each campus and the laboratory that tests (检测机构). */
export const SAMPLING_DEPT_ID = '7003';
export const LAB_DEPT_ID = '8001';
export const LAB_NAME = `${HOSPITAL_NAME}医学检验科`;
