/**
 * State slice of the reports domain: lab (检验, lis) and examination (检查, pacs) reports derived from the paid
 * lab and examination items of outpatient visits and inpatient stays, and physical examinations (体检, peis).
 *
 * A report is created as soon as its source is paid (or charged, for a stay) with the time it will be out
 * (`reportTime`); the endpoints show it only once that time has come. Times are `YYYY-MM-DD HH:mm:ss`.
 */

/** ↑ above the range, ↓ below it, '' within it (or no range). */
export type Tip = '' | '↑' | '↓';

/** S 敏感, I 中介, R 耐药, R* 固有耐药. */
export type SusceptibilityCode = 'S' | 'I' | 'R' | 'R*';

export interface AntibioticResult {
  /** Report detail id of this row. */
  id: string;
  antibiotic: string;
  /** MIC, e.g. "≤2", "≥32". */
  mic: string;
  /** Zone breakpoints of the disk diffusion (Kirby-Bauer) method, e.g. "R≤13, S≥17". */
  kb: string;
  code: SusceptibilityCode;
  orderNo: number;
}

export interface LabResult {
  /** Report detail id (what /lis/bacteria/detail takes as report_detail_id). */
  id: string;
  name: string;
  shortName: string;
  value: string;
  unit: string;
  range: string;
  tip: Tip;
  /** 1 普通检验项目, 2 细菌检验项目 (an organism, with its susceptibility tests). */
  category: 1 | 2;
  antibiotics?: AntibioticResult[];
}

interface ReportBase {
  id: string;
  opFlag: 1 | 2;
  patientId: string;
  /** Outpatient: the visit id; inpatient: ''. */
  visitId: string;
  /** Inpatient: 住院号; outpatient: ''. */
  stayVisitNo: string;
  /** The fee item (outpatient) or charge (stay) the report comes from. */
  sourceId: string;
  /** Catalogue item (catalog-items.ts). */
  itemId: string;
  name: string;
  /** Barcode (lis) or examination number (pacs). */
  reportNo: string;
  deptId: string;
  deptName: string;
  /** Ordering doctor (申请医生 / 送检人). */
  requestDoctor: string;
  /** Sample taken (lis) or examination done (pacs). */
  sendTime: string;
  /** When the report is out (audited); not shown before. */
  reportTime: string;
  /** Lab technician (lis) or reporting doctor (pacs). */
  examUser: string;
  auditUser: string;
}

export interface LisReport extends ReportBase {
  category: 'lis';
  sample: string;
  items: LabResult[];
}

export interface Imaging {
  scanMethod: string;
  /** 检查部位 */
  bodyPart: string;
  /** Equipment, for the image file. */
  device: string;
  /** Number of images of the study, for the image file. */
  images: number;
  findings: string;
  conclusion: string;
}

export interface PacsReport extends ReportBase, Imaging {
  category: 'pacs';
}

export type Report = LisReport | PacsReport;

export type PeisCategory = 'general' | 'lis' | 'pacs';

interface PeisItemBase {
  id: string;
  /** 体检项目编号 */
  no: string;
  name: string;
  deptId: string;
  deptName: string;
  /** Measured, sampled or examined. */
  checkedAt: string;
  /** Result audited: the item's detail is out. */
  auditedAt: string;
  examUser: string;
  auditUser: string;
}

export interface PeisMeasureItem extends PeisItemBase {
  category: 'general' | 'lis';
  sample?: string;
  shortName: string;
  value: string;
  unit: string;
  range: string;
  tip: Tip;
}

export interface PeisImagingItem extends PeisItemBase, Imaging {
  category: 'pacs';
  /** 单号 */
  examNo: string;
}

export type PeisItem = PeisMeasureItem | PeisImagingItem;

/** A physical examination (体检) booking and its results. */
export interface PeisRecord {
  id: string;
  /** 体检号 */
  peisNo: string;
  patientId: string;
  packageName: string;
  examDate: string;
  /** 0 预约, -99 预约取消 */
  status: 0 | -99;
  bookedAt: string;
  cancelledAt: string;
  /** 主检医生: writes the summary. */
  leadDoctor: string;
  /** The whole report (summary and PDF) is out. */
  reportAt: string;
  summary: string;
  items: PeisItem[];
}

export interface ReportsState {
  reports: Record<string, Report>;
  /** Report id by source (fee item or stay charge id): each paid source gives one report. */
  bySource: Record<string, string>;
  peis: Record<string, PeisRecord>;
}
