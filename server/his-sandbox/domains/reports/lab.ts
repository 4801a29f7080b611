/**
 * Lab tests (检验): the items of each test with their units and adult reference ranges (WS/T 405 / 404 where
 * they exist, common Chinese laboratory practice otherwise), and how values are drawn: mostly within the range,
 * abnormal where the diagnosis makes it likely (hints) and now and then by chance. The tip (↑ / ↓) is always
 * computed from the printed range, so values, ranges and flags agree.
 */
import type { Rng } from '../../state/random';
import type { Tip } from './state';

export type Sex = '男' | '女';

interface Limits {
  low?: number;
  high?: number;
  /** As printed: "3.5-9.5", "<1.70", ">1.04". */
  text: string;
}

interface NumericItem {
  kind: 'num';
  short: string;
  name: string;
  unit: string;
  decimals: number;
  limits: Limits | Record<Sex, Limits>;
  /** Where normal values are drawn (default: the inner 70% of the range). */
  normal?: [number, number] | Record<Sex, [number, number]>;
  high?: [number, number];
  low?: [number, number];
}

interface QualitativeItem {
  kind: 'qual';
  short: string;
  name: string;
  /** The normal finding, printed as the range too: 阴性, 淡黄色, 清晰. */
  normal: string;
  /** Abnormal findings drawn by chance or by a hint. */
  abnormal: string[];
  /** Whether an abnormal finding is flagged ↑ (a positive reaction) or left unflagged (a description). */
  flagged: boolean;
}

export type LabItemDef = NumericItem | QualitativeItem;

const n = (short: string, name: string, unit: string, decimals: number, limits: NumericItem['limits'], more: Partial<NumericItem> = {}): NumericItem => ({ kind: 'num', short, name, unit, decimals, limits, ...more });
const q = (short: string, name: string, abnormal: string[], normal = '阴性', flagged = true): QualitativeItem => ({ kind: 'qual', short, name, normal, abnormal, flagged });
const between = (low: number, high: number, decimals: number): Limits => ({ low, high, text: `${low.toFixed(decimals)}-${high.toFixed(decimals)}` });
const bySex = (male: Limits, female: Limits): Record<Sex, Limits> => ({ 男: male, 女: female });

/** Every lab item by key (the key is the short name unless two tests share one, e.g. blood and urine GLU). */
export const LAB_ITEMS: Record<string, LabItemDef> = {
  WBC: n('WBC', '白细胞计数', '×10^9/L', 1, between(3.5, 9.5, 1), { normal: [4.2, 8.6], high: [10.2, 15.6], low: [2.4, 3.3] }),
  'NEUT%': n('NEUT%', '中性粒细胞百分比', '%', 1, between(40, 75, 1), { normal: [50, 68], high: [76.5, 87.5] }),
  'LYMPH%': n('LYMPH%', '淋巴细胞百分比', '%', 1, between(20, 50, 1)),
  'MONO%': n('MONO%', '单核细胞百分比', '%', 1, between(3, 10, 1), { normal: [4, 8] }),
  'EO%': n('EO%', '嗜酸性粒细胞百分比', '%', 1, between(0.4, 8, 1), { normal: [0.8, 4], high: [8.5, 12] }),
  'BASO%': n('BASO%', '嗜碱性粒细胞百分比', '%', 1, between(0, 1, 1), { normal: [0.1, 0.7] }),
  'NEUT#': n('NEUT#', '中性粒细胞绝对值', '×10^9/L', 2, between(1.8, 6.3, 2)),
  'LYMPH#': n('LYMPH#', '淋巴细胞绝对值', '×10^9/L', 2, between(1.1, 3.2, 2)),
  RBC: n('RBC', '红细胞计数', '×10^12/L', 2, bySex(between(4.3, 5.8, 2), between(3.8, 5.1, 2))),
  HGB: n('HGB', '血红蛋白', 'g/L', 0, bySex(between(130, 175, 0), between(115, 150, 0)), { normal: { 男: [138, 160], 女: [122, 140] }, low: [92, 112] }),
  HCT: n('HCT', '红细胞压积', '%', 1, bySex(between(40, 50, 1), between(35, 45, 1))),
  MCV: n('MCV', '平均红细胞体积', 'fL', 1, between(82, 100, 1), { normal: [85, 93] }),
  MCH: n('MCH', '平均红细胞血红蛋白含量', 'pg', 1, between(27, 34, 1)),
  MCHC: n('MCHC', '平均红细胞血红蛋白浓度', 'g/L', 0, between(316, 354, 0), { normal: [325, 345] }),
  PLT: n('PLT', '血小板计数', '×10^9/L', 0, between(125, 350, 0), { normal: [150, 310], high: [360, 460], low: [82, 118] }),

  TC: n('TC', '总胆固醇', 'mmol/L', 2, { high: 5.18, text: '<5.18' }, { normal: [3.6, 5.0], high: [5.6, 7.2] }),
  TG: n('TG', '甘油三酯', 'mmol/L', 2, { high: 1.7, text: '<1.70' }, { normal: [0.6, 1.6], high: [2.0, 4.2] }),
  'HDL-C': n('HDL-C', '高密度脂蛋白胆固醇', 'mmol/L', 2, { low: 1.04, text: '>1.04' }, { normal: [1.1, 1.7], low: [0.72, 0.98] }),
  'LDL-C': n('LDL-C', '低密度脂蛋白胆固醇', 'mmol/L', 2, { high: 3.37, text: '<3.37' }, { normal: [1.8, 3.2], high: [3.5, 4.9] }),

  ALT: n('ALT', '丙氨酸氨基转移酶', 'U/L', 0, bySex(between(9, 50, 0), between(7, 40, 0)), { normal: { 男: [12, 42], 女: [10, 33] }, high: [56, 128] }),
  AST: n('AST', '天门冬氨酸氨基转移酶', 'U/L', 0, bySex(between(15, 40, 0), between(13, 35, 0)), { normal: { 男: [17, 34], 女: [15, 30] }, high: [45, 96] }),
  GGT: n('GGT', 'γ-谷氨酰转移酶', 'U/L', 0, bySex(between(10, 60, 0), between(7, 45, 0)), { normal: { 男: [14, 48], 女: [10, 36] }, high: [68, 150] }),
  ALP: n('ALP', '碱性磷酸酶', 'U/L', 0, bySex(between(45, 125, 0), between(35, 100, 0)), { normal: { 男: [55, 110], 女: [45, 90] }, high: [132, 190] }),
  TBIL: n('TBIL', '总胆红素', 'μmol/L', 1, between(3.4, 20.5, 1), { normal: [6, 17], high: [22, 34] }),
  DBIL: n('DBIL', '直接胆红素', 'μmol/L', 1, between(0, 6.8, 1), { normal: [1.2, 5.5], high: [7.2, 12] }),
  TP: n('TP', '总蛋白', 'g/L', 1, between(65, 85, 1)),
  ALB: n('ALB', '白蛋白', 'g/L', 1, between(40, 55, 1), { normal: [41.5, 50], low: [32, 38.5] }),
  GLB: n('GLB', '球蛋白', 'g/L', 1, between(20, 40, 1), { normal: [23, 32] }),
  'A/G': n('A/G', '白球比', '', 2, between(1.2, 2.4, 1)),

  UREA: n('UREA', '尿素', 'mmol/L', 2, bySex(between(3.1, 8, 1), between(2.6, 7.5, 1)), { normal: { 男: [3.6, 7.2], 女: [3.0, 6.6] }, high: [8.8, 14.5] }),
  CREA: n('CREA', '肌酐', 'μmol/L', 0, bySex(between(57, 111, 0), between(41, 81, 0)), { normal: { 男: [64, 100], 女: [48, 74] }, high: [128, 210] }),
  UA: n('UA', '尿酸', 'μmol/L', 0, bySex(between(208, 428, 0), between(155, 357, 0)), { normal: { 男: [250, 400], 女: [185, 330] }, high: [452, 560] }),
  CysC: n('CysC', '胱抑素C', 'mg/L', 2, between(0.59, 1.03, 2), { normal: [0.65, 0.98], high: [1.15, 1.86] }),

  HbA1c: n('HbA1c', '糖化血红蛋白', '%', 1, between(4, 6, 1), { normal: [4.6, 5.8], high: [6.8, 9.4] }),
  GLU: n('GLU', '空腹血糖', 'mmol/L', 2, between(3.9, 6.1, 1), { normal: [4.3, 5.8], high: [7.1, 11.2] }),
  CRP: n('CRP', 'C反应蛋白', 'mg/L', 2, { low: 0, high: 10, text: '0-10' }, { normal: [0.3, 5.6], high: [18, 86] }),

  CK: n('CK', '肌酸激酶', 'U/L', 0, bySex(between(50, 310, 0), between(40, 200, 0)), { normal: { 男: [70, 240], 女: [55, 160] }, high: [330, 620] }),
  'CK-MB': n('CK-MB', '肌酸激酶同工酶', 'U/L', 1, between(0, 24, 0), { normal: [6, 19], high: [26, 48] }),
  LDH: n('LDH', '乳酸脱氢酶', 'U/L', 0, between(120, 250, 0), { normal: [135, 220], high: [262, 380] }),
  HBDH: n('HBDH', 'α-羟丁酸脱氢酶', 'U/L', 0, between(72, 182, 0), { normal: [85, 165], high: [190, 260] }),

  TSH: n('TSH', '促甲状腺激素', 'mIU/L', 3, between(0.27, 4.2, 2), { normal: [0.8, 3.4], high: [5.6, 9.8], low: [0.005, 0.08] }),
  FT3: n('FT3', '游离三碘甲状腺原氨酸', 'pmol/L', 2, between(3.1, 6.8, 2), { normal: [3.8, 6.0], high: [8.2, 16.5] }),
  FT4: n('FT4', '游离甲状腺素', 'pmol/L', 1, between(12, 22, 1), { normal: [13.5, 20], high: [26, 48] }),
  T3: n('T3', '总三碘甲状腺原氨酸', 'nmol/L', 2, between(1.3, 3.1, 2), { normal: [1.5, 2.7], high: [3.4, 5.6] }),
  T4: n('T4', '总甲状腺素', 'nmol/L', 1, between(66, 181, 1), { normal: [80, 160], high: [195, 280] }),

  COL: q('COL', '颜色', ['黄色', '深黄色'], '淡黄色', false),
  CLA: q('CLA', '透明度', ['微浑', '浑浊'], '清晰', false),
  SG: n('SG', '比重', '', 3, between(1.003, 1.03, 3), { normal: [1.01, 1.025] }),
  PH: n('PH', '酸碱度', '', 1, between(4.5, 8, 1), { normal: [5.5, 7] }),
  LEU: q('LEU', '白细胞酯酶', ['±', '1+', '2+', '3+']),
  NIT: q('NIT', '亚硝酸盐', ['阳性']),
  PRO: q('PRO', '尿蛋白', ['±', '1+', '2+']),
  UGLU: q('GLU', '尿葡萄糖', ['±', '1+', '2+', '3+']),
  KET: q('KET', '酮体', ['±', '1+']),
  URO: q('URO', '尿胆原', ['1+', '2+']),
  BIL: q('BIL', '胆红素', ['1+']),
  BLD: q('BLD', '隐血', ['±', '1+', '2+']),
  UWBC: n('WBC', '白细胞（镜检）', '/HP', 0, between(0, 5, 0), { normal: [0, 3], high: [12, 80] }),
  URBC: n('RBC', '红细胞（镜检）', '/HP', 0, between(0, 3, 0), { normal: [0, 2], high: [5, 25] }),
};

export interface LabPanel {
  /** Catalogue item (catalog-items.ts LAB_TESTS). */
  itemId: string;
  sample: string;
  keys: string[];
}

/** The ordinary lab tests of the catalogue (尿培养及药敏, L0307, is the bacteria culture: bacteria.ts). */
export const LAB_PANELS: Record<string, LabPanel> = {
  L0301: { itemId: 'L0301', sample: '全血', keys: ['WBC', 'NEUT%', 'LYMPH%', 'MONO%', 'EO%', 'BASO%', 'NEUT#', 'LYMPH#', 'RBC', 'HGB', 'HCT', 'MCV', 'MCH', 'MCHC', 'PLT'] },
  L0302: { itemId: 'L0302', sample: '血清', keys: ['TC', 'TG', 'HDL-C', 'LDL-C'] },
  L0303: { itemId: 'L0303', sample: '血清', keys: ['ALT', 'AST', 'GGT', 'ALP', 'TBIL', 'DBIL', 'TP', 'ALB', 'GLB', 'A/G'] },
  L0304: { itemId: 'L0304', sample: '全血', keys: ['HbA1c'] },
  L0305: { itemId: 'L0305', sample: '全血', keys: ['CRP'] },
  L0306: { itemId: 'L0306', sample: '尿液', keys: ['COL', 'CLA', 'SG', 'PH', 'LEU', 'NIT', 'PRO', 'UGLU', 'KET', 'URO', 'BIL', 'BLD', 'UWBC', 'URBC'] },
  L0308: { itemId: 'L0308', sample: '血清', keys: ['UREA', 'CREA', 'UA', 'CysC'] },
  L0309: { itemId: 'L0309', sample: '血清', keys: ['AST', 'CK', 'CK-MB', 'LDH', 'HBDH'] },
  L0310: { itemId: 'L0310', sample: '血清', keys: ['TSH', 'FT3', 'FT4', 'T3', 'T4'] },
};

/** A forced direction for a numeric item, or a finding for a qualitative one. */
export type Hint = 'high' | 'low' | string;

/** What a diagnosis makes abnormal, by item key. */
export function labHints(diagnoses: readonly string[]): Record<string, Hint> {
  const text = diagnoses.join('；');
  const hints: Record<string, Hint> = {};
  const set = (entries: Record<string, Hint>) => Object.assign(hints, entries);
  if (/急性|肺炎|发热|流行性感冒/.test(text) && !/幽门螺杆菌/.test(text)) set({ WBC: 'high', 'NEUT%': 'high', CRP: 'high' });
  if (/泌尿道感染|尿路感染/.test(text)) set({ CLA: '微浑', LEU: '2+', NIT: '阳性', BLD: '1+', UWBC: 'high', URBC: 'high' });
  if (/糖尿病/.test(text)) set({ HbA1c: 'high', GLU: 'high', UGLU: '2+' });
  if (/高脂血症|血脂异常|冠状动脉/.test(text)) set({ TC: 'high', TG: 'high', 'LDL-C': 'high' });
  if (/甲状腺功能亢进|甲亢/.test(text)) set({ TSH: 'low', FT3: 'high', FT4: 'high', T3: 'high', T4: 'high' });
  if (/甲状腺功能减退|甲减/.test(text)) set({ TSH: 'high' });
  if (/肾脏病|肾炎|肾病/.test(text)) set({ UREA: 'high', CREA: 'high', UA: 'high', CysC: 'high', PRO: '2+', URBC: 'high' });
  if (/脂肪肝/.test(text)) set({ ALT: 'high', TG: 'high' });
  return hints;
}

function limitsOf(def: NumericItem, sex: Sex): Limits {
  return 'text' in def.limits ? def.limits : def.limits[sex];
}

function normalBounds(def: NumericItem, sex: Sex): [number, number] {
  if (def.normal) return Array.isArray(def.normal) ? def.normal : def.normal[sex];
  const { low = 0, high = low * 2 } = limitsOf(def, sex);
  const pad = (high - low) * 0.15;
  return [low + pad, high - pad];
}

function draw(rng: Rng, [min, max]: [number, number], decimals: number): number {
  const steps = Math.round((max - min) * 10 ** decimals);
  return Number((min + rng.int(0, Math.max(0, steps)) / 10 ** decimals).toFixed(decimals));
}

export function tipOf(value: number, limits: Pick<Limits, 'low' | 'high'>): Tip {
  if (limits.high !== undefined && value > limits.high) return '↑';
  if (limits.low !== undefined && value < limits.low) return '↓';
  return '';
}

/** Values keyed like LAB_ITEMS: numbers for numeric items, findings for qualitative ones. */
export type LabValues = Record<string, number | string>;

/** A value for one item: the hinted abnormality, now and then a chance one, otherwise normal. */
export function drawValue(rng: Rng, key: string, sex: Sex, hint: Hint | undefined, chance = 0.03): number | string {
  const def = LAB_ITEMS[key];
  if (!def) throw new Error(`no lab item ${key}`);
  if (def.kind === 'qual') {
    if (hint !== undefined) return hint;
    return rng.chance(chance) ? rng.pick(def.abnormal) : def.normal;
  }
  const options = (['high', 'low'] as const).filter((d) => def[d] !== undefined);
  const direction = hint === 'high' || hint === 'low' ? hint : options.length > 0 && rng.chance(chance) ? rng.pick(options) : '';
  const bounds = direction === 'high' ? def.high : direction === 'low' ? def.low : undefined;
  return draw(rng, bounds ?? normalBounds(def, sex), def.decimals);
}

/** A complete, consistent set of values for a panel (differentials sum to 100 %, indices follow HGB…). */
export function panelValues(rng: Rng, panel: LabPanel, sex: Sex, hints: Record<string, Hint>): LabValues {
  const values: LabValues = {};
  for (const key of panel.keys) values[key] = drawValue(rng, key, sex, hints[key]);
  const num = (key: string) => Number(values[key]);
  if (panel.itemId === 'L0301') {
    // The differential adds up, absolute counts follow WBC, red-cell indices follow HGB, MCHC and MCV.
    values['LYMPH%'] = Number((100 - num('NEUT%') - num('MONO%') - num('EO%') - num('BASO%')).toFixed(1));
    values['NEUT#'] = Number(((num('WBC') * num('NEUT%')) / 100).toFixed(2));
    values['LYMPH#'] = Number(((num('WBC') * num('LYMPH%')) / 100).toFixed(2));
    const hct = (num('HGB') / num('MCHC')) * 100;
    values.HCT = Number(hct.toFixed(1));
    values.RBC = Number(((hct * 10) / num('MCV')).toFixed(2));
    values.MCH = Number((num('HGB') / num('RBC')).toFixed(1));
  }
  if (panel.itemId === 'L0303') {
    // Direct bilirubin is a part of the total.
    if (num('DBIL') > num('TBIL') * 0.5) values.TBIL = Number((num('DBIL') / 0.45).toFixed(1));
    values.TP = Number((num('ALB') + num('GLB')).toFixed(1));
    values['A/G'] = Number((num('ALB') / num('GLB')).toFixed(2));
  }
  return values;
}

export interface FormattedItem {
  name: string;
  shortName: string;
  value: string;
  unit: string;
  range: string;
  tip: Tip;
}

/** The printed line of an item: value with its decimals, range, and the tip computed from the range. */
export function formatItem(key: string, value: number | string, sex: Sex): FormattedItem {
  const def = LAB_ITEMS[key];
  if (!def) throw new Error(`no lab item ${key}`);
  if (def.kind === 'qual') {
    const text = String(value);
    return { name: def.name, shortName: def.short, value: text, unit: '', range: def.normal, tip: def.flagged && text !== def.normal ? '↑' : '' };
  }
  const limits = limitsOf(def, sex);
  const number = Number(value);
  return { name: def.name, shortName: def.short, value: number.toFixed(def.decimals), unit: def.unit, range: limits.text, tip: tipOf(number, limits) };
}
