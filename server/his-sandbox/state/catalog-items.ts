/**
 * Chargeable items of the demo hospital (drugs, lab tests, examinations, treatments, ward charges) with
 * realistic prices in fen. Fee groups of outpatient visits, inpatient charges and the price list
 * (/getElectronicPrescriptionDetail_1609234017475) are drawn from here.
 */

export interface CatalogItem {
  itemId: string;
  name: string;
  /** 项目类别 as a HIS prints it. */
  category: string;
  unit: string;
  priceFen: number;
}

function items(category: string, rows: Array<[string, string, string, number]>): CatalogItem[] {
  return rows.map(([itemId, name, unit, priceFen]) => ({ itemId, name, category, unit, priceFen }));
}

export const DRUGS = items('西药费', [
  ['X0101', '阿莫西林胶囊 0.25g×24粒', '盒', 1850],
  ['X0102', '布洛芬缓释胶囊 0.3g×20粒', '盒', 1580],
  ['X0103', '苯磺酸氨氯地平片 5mg×28片', '盒', 3260],
  ['X0104', '阿托伐他汀钙片 20mg×7片', '盒', 2190],
  ['X0105', '奥美拉唑肠溶胶囊 20mg×14粒', '盒', 1640],
  ['X0106', '盐酸二甲双胍缓释片 0.5g×30片', '盒', 2400],
  ['X0107', '氯雷他定片 10mg×6片', '盒', 1230],
  ['X0108', '蒙脱石散 3g×10袋', '盒', 1980],
  ['X0109', '硝苯地平控释片 30mg×7片', '盒', 3350],
  ['X0110', '阿司匹林肠溶片 100mg×30片', '盒', 1320],
  ['X0111', '孟鲁司特钠咀嚼片 4mg×5片', '盒', 2860],
  ['X0112', '小儿氨酚黄那敏颗粒 10袋', '盒', 980],
  ['X0113', '头孢克肟分散片 0.1g×6片', '盒', 2650],
  ['X0114', '依诺肝素钠注射液 0.4ml:4000AxaIU', '支', 4560],
  ['X0115', '0.9%氯化钠注射液 250ml', '袋', 560],
  ['X0116', '枸橼酸莫沙必利片 5mg×24片', '盒', 2980],
  ['X0117', '左甲状腺素钠片 50μg×100片', '盒', 2870],
  ['X0118', '复方甘草口服溶液 100ml', '瓶', 690],
]);

export const HERBS = items('中成药费', [
  ['Z0201', '连花清瘟胶囊 0.35g×24粒', '盒', 2680],
  ['Z0202', '百乐眠胶囊 0.27g×24粒', '盒', 3850],
  ['Z0203', '香砂六君丸 6g×10袋', '盒', 2260],
]);

export const LAB_TESTS = items('化验费', [
  ['L0301', '血常规（五分类）', '次', 2500],
  ['L0302', '血脂四项', '次', 4800],
  ['L0303', '肝功能', '次', 6800],
  ['L0304', '糖化血红蛋白', '次', 6500],
  ['L0305', 'C反应蛋白', '次', 3000],
  ['L0306', '尿常规', '次', 1500],
  ['L0307', '尿培养及药敏', '次', 9000],
  ['L0308', '肾功能', '次', 4500],
  ['L0309', '心肌酶谱', '次', 8600],
  ['L0310', '甲状腺功能五项', '次', 12000],
]);

export const EXAMS = items('检查费', [
  ['E0401', '胸部CT平扫', '次', 26000],
  ['E0402', '常规心电图', '次', 2500],
  ['E0403', '心脏彩色多普勒超声', '次', 22000],
  ['E0404', '腹部彩超（肝胆胰脾）', '次', 16000],
  ['E0405', '胸部DR正位片', '次', 7500],
  ['E0406', '13C尿素呼气试验', '次', 12000],
  ['E0407', '冠状动脉CTA', '次', 68000],
  ['E0408', '腰椎MRI平扫', '次', 48000],
  ['E0409', '甲状腺彩超', '次', 12000],
]);

export const TREATMENTS = items('治疗费', [
  ['T0501', '静脉输液（第一组）', '次', 1000],
  ['T0502', '雾化吸入', '次', 1500],
  ['T0503', '针刺治疗', '次', 3500],
  ['T0504', '肌肉注射', '次', 500],
]);

export const WARD = items('床位费', [
  ['W0601', '普通病房床位费（三人间）', '天', 3500],
  ['W0602', '双人间床位费', '天', 6000],
  ['W0603', '单人间床位费', '天', 12000],
]);

export const NURSING = items('护理费', [
  ['N0701', '一级护理', '天', 3600],
  ['N0702', '二级护理', '天', 2500],
]);

export const CONSULT = items('诊查费', [['C0801', '住院诊查费', '天', 1200]]);

/** 病历复印 (medical record copying), per page: /specialType/newBill bill_type 1. */
export const RECORD_COPY = items('其他费', [['O0901', '病历复印费', '页', 50]])[0] as CatalogItem;

export const ALL_ITEMS: readonly CatalogItem[] = [...DRUGS, ...HERBS, ...LAB_TESTS, ...EXAMS, ...TREATMENTS, ...WARD, ...NURSING, ...CONSULT, RECORD_COPY];

export function catalogItem(itemId: string): CatalogItem {
  const item = ALL_ITEMS.find((i) => i.itemId === itemId);
  if (!item) throw new Error(`no catalog item ${itemId}`);
  return item;
}
