/**
 * Reports as the HIS endpoints describe them. Where a field's description and its name disagree in the
 * document, the field carries what the description says: /getPacsReport dept_name = 检查部位 and status = 单号;
 * /getPeisReport peis_no = item status; /getPeisReport-pacs report_name = 检查部位, report_no = 单号,
 * status_name = 申请医生.
 */
import { pdfUrl } from '../../files';
import type { Payload } from '../../runtime';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import { peisItemStatus, peisItemStatusName, peisReportOut } from './peis';
import type { LabResult, LisReport, PacsReport, PeisImagingItem, PeisItem, PeisMeasureItem, PeisRecord, Report } from './state';

/** Report status of /getLisPacsList: only reports that are out are listed. */
export const REPORT_STATUS_OUT = 1;

export const PDF_KIND = { lis: 'lis', pacs: 'pacs', peis: 'peis', image: 'pacs-image', film: 'pacs-film' } as const;

/** Radiography, CT and MRI have an electronic film (电子胶片); ultrasound and ECG do not. */
export function hasFilm(examNo: string): boolean {
  return /^(DR|CT|MR)/.test(examNo);
}

const date = (datetime: string) => datetime.slice(0, 10);

type ListRecord = Payload<'/getLisPacsList'>['records'][number];

export function listRecord(report: Report, patient: Patient, baseUrl: string): ListRecord {
  return {
    id: report.id,
    report_name: report.name,
    report_no: report.reportNo,
    category: report.category,
    dept_id: report.deptId,
    dept_name: report.deptName,
    status: REPORT_STATUS_OUT,
    report_date: date(report.reportTime),
    patient_name: patient.name,
    patient_sex: patient.sex,
    patient_age: age(patient, date(report.reportTime)),
    sample: report.category === 'lis' ? report.sample : '',
    send_user_name: report.requestDoctor,
    send_time_full: date(report.sendTime),
    audit_time_full: date(report.reportTime),
    exam_user_name: report.examUser,
    audit_user_name: report.auditUser,
    origin_url: pdfUrl(baseUrl, report.category === 'lis' ? PDF_KIND.lis : PDF_KIND.pacs, report.id),
  };
}

export function lisReportView(report: LisReport, patient: Patient, baseUrl: string): Payload<'/getLisReport'> {
  return {
    recordInfo: {
      patient_name: patient.name,
      report_name: report.name,
      patient_age: `${age(patient, date(report.reportTime))}岁`,
      sample: report.sample,
      report_no: report.reportNo,
      send_user_name: report.requestDoctor,
      send_time_full: date(report.sendTime),
      audit_time_full: date(report.reportTime),
      exam_user_name: report.examUser,
      audit_user_name: report.auditUser,
      origin_url: pdfUrl(baseUrl, PDF_KIND.lis, report.id),
      id_no: patient.idNo,
    },
    records: report.items.map((item) => ({
      id: item.id,
      item_name: item.name,
      item_short_name: item.shortName,
      item_value: item.value,
      item_unit: item.unit,
      item_tip: item.tip,
      item_range: item.range,
      item_category: item.category,
    })),
  };
}

export function pacsReportView(report: PacsReport, patient: Patient, baseUrl: string): Payload<'/getPacsReport'> {
  return {
    records: [
      {
        id: report.id,
        patient_name: patient.name,
        patient_age: age(patient, date(report.sendTime)),
        scan_method: report.scanMethod,
        scan_time_full: date(report.sendTime),
        dept_name: report.bodyPart,
        status: report.reportNo,
        send_user_name: report.requestDoctor,
        report_image: pdfUrl(baseUrl, PDF_KIND.image, report.id),
        scan_view: report.findings,
        diagnosis: report.conclusion,
        write_user_name: report.examUser,
        write_time_full: date(report.reportTime),
      },
    ],
  };
}

/** The susceptibility tests of an organism (an item_category 2 result), by order_no. */
export function bacteriaView(organism: LabResult): Payload<'/lis/bacteria/detail'> {
  return {
    records: [...(organism.antibiotics ?? [])]
      .sort((a, b) => a.orderNo - b.orderNo)
      .map((row) => ({
        id: row.id,
        bacteria_name: organism.name,
        antibacterials_name: row.antibiotic,
        result_value: row.mic,
        result_range_kb: row.kb,
        result_code: row.code,
        order_no: row.orderNo,
      })),
  };
}

export function peisPatientView(record: PeisRecord, patient: Patient, today: string, now: string, baseUrl: string): Payload<'/getPeis'> {
  return {
    patient: {
      id: patient.id,
      peis_id: record.id,
      name: patient.name,
      sex: patient.sex,
      birthday: patient.birthday,
      age: age(patient, today),
      peis_no: record.peisNo,
      id_no: patient.idNo,
      phone_no: patient.phone,
      status: record.status,
      ...(peisReportOut(record, now) ? { pdf_url: pdfUrl(baseUrl, PDF_KIND.peis, record.id) } : {}),
    },
  };
}

type PeisReportRecord = Payload<'/getPeisReport'>['records'][number];

export function peisItemRecord(record: PeisRecord, item: PeisItem, now: string): PeisReportRecord {
  const status = peisItemStatus(item, now);
  const checked = status >= 1;
  const audited = status >= 2;
  return {
    id: item.id,
    peis_item_name: item.name,
    peis_item_no: item.no,
    category: item.category,
    dept_id: item.deptId,
    dept_name: item.deptName,
    peis_no: status,
    status_name: peisItemStatusName(status),
    peis_item_date: record.examDate,
    ...(item.category === 'lis' && item.sample ? { sample: item.sample } : {}),
    send_user_name: record.leadDoctor,
    send_time_full: checked ? date(item.checkedAt) : '',
    audit_time_full: audited ? date(item.auditedAt) : '',
    exam_user_name: checked ? item.examUser : '',
    audit_user_name: audited ? item.auditUser : '',
  };
}

/** /getPeisReport-general and -lis: one measured value; a normal one is marked "-" as these endpoints say. */
export function peisMeasureView(item: PeisMeasureItem) {
  return {
    id: item.id,
    item_name: item.name,
    item_short_name: item.shortName,
    item_value: item.value,
    item_unit: item.unit,
    item_tip: item.tip || '-',
    item_range: item.range,
  };
}

export function peisImagingView(item: PeisImagingItem, record: PeisRecord, patient: Patient, baseUrl: string): Payload<'/getPeisReport-pacs'> {
  return {
    records: {
      id: item.id,
      patient_name: patient.name,
      patient_age: age(patient, record.examDate),
      scan_method: item.scanMethod,
      scan_time_full: date(item.checkedAt),
      report_name: item.bodyPart,
      report_no: item.examNo,
      status_name: record.leadDoctor,
      report_image: pdfUrl(baseUrl, PDF_KIND.image, item.id),
      scan_view: item.findings,
      diagnosis: item.conclusion,
      write_user_name: item.examUser,
      write_time_full: date(item.auditedAt),
      ...(hasFilm(item.examNo) ? { epic_url: pdfUrl(baseUrl, PDF_KIND.film, item.id) } : {}),
    },
  };
}
