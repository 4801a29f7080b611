/**
 * PDF files of the reports domain, served at <prefix>/files/<kind>/<id>.pdf once the report is out:
 * `lis` (检验报告单), `pacs` (检查报告单), `pacs-image` (检查图像) and `pacs-film` (电子胶片) of an examination
 * report or a physical-examination item, and `peis` (健康体检报告).
 */
import { DATETIME } from '../../clock';
import type { PdfDocument, PdfSource } from '../../files';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import { HOSPITAL_NAME } from '../../state/data';
import type { Store } from '../../state/store';
import { peisItemStatus, peisReportOut, PEIS_ITEM_STATUS } from './peis';
import type { Imaging, LisReport, PacsReport, PeisImagingItem, PeisRecord, Report } from './state';
import { hasFilm, PDF_KIND } from './views';

const CODE_NAMES: Record<string, string> = { S: '敏感', I: '中介', R: '耐药', 'R*': '固有耐药' };

const nowOf = (store: Store) => store.clock.now().format(DATETIME);

/** Long Chinese text in pieces that fit a line of the page once written in pinyin. */
function pieces(text: string, size = 22): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A titled paragraph as full-width table rows of a four-column table. */
function paragraph(title: string, text: string): string[][] {
  return [[title, '', '', ''], ...pieces(text).map((p) => [p, '', '', ''])];
}

function outReport(store: Store, id: string): { report: Report; patient: Patient } | undefined {
  const report = store.state.reports.reports[id];
  const patient = report && store.patient(report.patientId);
  if (!report || !patient || report.reportTime > nowOf(store)) return undefined;
  return { report, patient };
}

function reportFields(store: Store, report: Report, patient: Patient): Array<[string, string]> {
  const stay = report.stayVisitNo ? store.stay(report.stayVisitNo) : undefined;
  const visit = report.visitId ? store.visit(report.visitId) : undefined;
  const deptName = store.department(stay?.deptId ?? visit?.deptId ?? '')?.name ?? '';
  return [
    ['姓名', patient.name],
    ['性别', patient.sex],
    ['年龄', `${age(patient, report.reportTime.slice(0, 10))}岁`],
    report.opFlag === 1 ? ['就诊卡号', patient.cardNo] : ['住院号', report.stayVisitNo],
    ['科别', deptName],
    ['申请医生', report.requestDoctor],
  ];
}

function lisDocument(store: Store, report: LisReport, patient: Patient): PdfDocument {
  const rows = report.items.map((i) => [i.shortName, `${i.value} ${i.tip}`.trim(), i.unit, i.range]);
  for (const organism of report.items.filter((i) => i.category === 2)) {
    rows.push([`药敏试验：${organism.name}`, '结果(MIC)', '敏感度', '抑菌圈(KB)']);
    for (const row of organism.antibiotics ?? []) rows.push([row.antibiotic, row.mic, `${row.code} ${CODE_NAMES[row.code] ?? ''}`, row.kb]);
  }
  return {
    title: `${HOSPITAL_NAME}检验报告单`,
    subtitle: report.name,
    fields: [
      ...reportFields(store, report, patient),
      ['样本', report.sample],
      ['条码号', report.reportNo],
      ['送检时间', report.sendTime],
      ['报告时间', report.reportTime],
      ['检验者', report.examUser],
      ['审核者', report.auditUser],
    ],
    table: { headers: ['项目', '结果', '单位', '参考范围'], rows },
    footer: '本报告仅对所检标本负责，如有疑问请于报告发布后7日内与检验科联系。',
  };
}

function pacsDocument(store: Store, report: PacsReport, patient: Patient): PdfDocument {
  return {
    title: `${HOSPITAL_NAME}${report.deptName}检查报告单`,
    subtitle: report.name,
    fields: [
      ...reportFields(store, report, patient),
      ['检查号', report.reportNo],
      ['检查方式', report.scanMethod],
      ['检查部位', report.bodyPart],
      ['检查时间', report.sendTime],
      ['报告时间', report.reportTime],
      ['报告医生', report.examUser],
      ['审核医生', report.auditUser],
    ],
    table: { headers: ['报告内容', '', '', ''], rows: [...paragraph('检查所见：', report.findings), ...paragraph('诊断意见：', report.conclusion)] },
    footer: '本报告仅供临床参考，请结合临床。',
  };
}

function imageDocument(title: string, examNo: string, study: Imaging, patient: Patient, examTime: string): PdfDocument {
  return {
    title: `${HOSPITAL_NAME}${title}`,
    subtitle: `${study.bodyPart} ${study.scanMethod}`,
    fields: [
      ['姓名', patient.name],
      ['性别', patient.sex],
      ['检查号', examNo],
      ['检查时间', examTime],
      ['设备', study.device],
      ['图像数', String(study.images)],
    ],
    footer: '原始影像请通过医院影像归档和通信系统（PACS）调阅。',
  };
}

/** A pacs report that is out, or an audited examination item of a physical examination. */
function study(store: Store, id: string): { examNo: string; imaging: Imaging; patient: Patient; at: string } | undefined {
  const found = outReport(store, id);
  if (found?.report.category === 'pacs') return { examNo: found.report.reportNo, imaging: found.report, patient: found.patient, at: found.report.sendTime };
  for (const record of Object.values(store.state.reports.peis)) {
    const item = record.items.find((i): i is PeisImagingItem => i.id === id && i.category === 'pacs');
    const patient = store.patient(record.patientId);
    if (item && patient && record.status === 0 && peisItemStatus(item, nowOf(store)) === PEIS_ITEM_STATUS.audited) {
      return { examNo: item.examNo, imaging: item, patient, at: item.checkedAt };
    }
  }
  return undefined;
}

function peisDocument(record: PeisRecord, patient: Patient): PdfDocument {
  const rows: string[][] = [];
  for (const item of record.items) {
    if (item.category === 'pacs') rows.push(...paragraph(`${item.name}：`, item.conclusion));
    else rows.push([item.shortName, `${item.value} ${item.tip}`.trim(), item.unit.replace('²', '^2'), item.range]);
  }
  rows.push(...paragraph('总检结论：', record.summary));
  return {
    title: `${HOSPITAL_NAME}健康体检报告`,
    subtitle: record.packageName,
    fields: [
      ['姓名', patient.name],
      ['性别', patient.sex],
      ['年龄', `${age(patient, record.examDate)}岁`],
      ['体检号', record.peisNo],
      ['体检日期', record.examDate],
      ['主检医生', record.leadDoctor],
      ['报告日期', record.reportAt.slice(0, 10)],
    ],
    table: { headers: ['项目', '结果', '单位', '参考范围'], rows },
    footer: `${HOSPITAL_NAME}健康管理中心`,
  };
}

export const reportsPdfs: Record<string, PdfSource> = {
  [PDF_KIND.lis]: (store, id) => {
    const found = outReport(store, id);
    return found?.report.category === 'lis' ? lisDocument(store, found.report, found.patient) : undefined;
  },
  [PDF_KIND.pacs]: (store, id) => {
    const found = outReport(store, id);
    return found?.report.category === 'pacs' ? pacsDocument(store, found.report, found.patient) : undefined;
  },
  [PDF_KIND.image]: (store, id) => {
    const s = study(store, id);
    return s && imageDocument('检查图像', s.examNo, s.imaging, s.patient, s.at);
  },
  [PDF_KIND.film]: (store, id) => {
    const s = study(store, id);
    return s && hasFilm(s.examNo) ? imageDocument('电子胶片', s.examNo, s.imaging, s.patient, s.at) : undefined;
  },
  [PDF_KIND.peis]: (store, id) => {
    const record = store.state.reports.peis[id];
    const patient = record && store.patient(record.patientId);
    return record && patient && peisReportOut(record, nowOf(store)) ? peisDocument(record, patient) : undefined;
  },
};
