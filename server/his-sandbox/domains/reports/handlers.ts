/**
 * Reports endpoints: the list of a card's or a stay's lab and examination reports, their details, the
 * susceptibility tests of a culture, and physical examinations with their items.
 *
 * Rules: a report or item is shown only once it is out (its time has come on the sandbox clock); the caller
 * must name the patient's own card (op_flag 1) or stay (op_flag 2), the report's own op_flag and category;
 * a physical examination is found by 体检号 and the examinee's name (plus 体检ID, or the ID number or phone
 * as registered); a cancelled one has no report.
 */
import { DATETIME } from '../../clock';
import { HisFail, need, type HandlerContext, type HandlerMap } from '../../runtime';
import type { Patient } from '../../state/core';
import { PEIS_ITEM_STATUS, peisItemStatus } from './peis';
import type { LisReport, PacsReport, PeisCategory, PeisImagingItem, PeisItem, PeisMeasureItem, PeisRecord, Report, ReportsState } from './state';
import { isDate } from './times';
import { bacteriaView, lisReportView, listRecord, pacsReportView, peisImagingView, peisItemRecord, peisMeasureView, peisPatientView } from './views';

const reports = (ctx: HandlerContext): ReportsState => ctx.store.state.reports;
const nowText = (ctx: HandlerContext): string => ctx.now.format(DATETIME);

function opFlagOf(value: number): 1 | 2 {
  if (value !== 1 && value !== 2) throw new HisFail('门诊住院标志错误：op_flag应为1（门诊）或2（住院）');
  return value;
}

function dateParam(value: string, field: string, label: string): string {
  const text = need(value, field);
  if (!isDate(text)) throw new HisFail(`${label}格式错误，应为yyyy-mm-dd`);
  return text;
}

function patientOf(ctx: HandlerContext, report: Report | PeisRecord): Patient {
  const patient = ctx.store.patient(report.patientId);
  if (!patient) throw new HisFail('未找到该患者信息');
  return patient;
}

/** A report that is out, of the given op_flag. */
function outReport(ctx: HandlerContext, reportId: string, opFlag: number): Report {
  const flag = opFlagOf(opFlag);
  const report = reports(ctx).reports[need(reportId, 'report_id')];
  if (!report) throw new HisFail('未找到该报告');
  if (report.reportTime > nowText(ctx)) throw new HisFail('报告尚未出具，请稍后查询');
  if (report.opFlag !== flag) throw new HisFail(report.opFlag === 1 ? '该报告为门诊报告，门诊住院标志应为1' : '该报告为住院报告，门诊住院标志应为2');
  return report;
}

function lisReport(ctx: HandlerContext, reportId: string, opFlag: number): LisReport {
  const report = outReport(ctx, reportId, opFlag);
  if (report.category !== 'lis') throw new HisFail('该报告不是检验报告');
  return report;
}

function pacsReport(ctx: HandlerContext, reportId: string, opFlag: number): PacsReport {
  const report = outReport(ctx, reportId, opFlag);
  if (report.category !== 'pacs') throw new HisFail('该报告不是检查报告');
  return report;
}

function peisRecord(ctx: HandlerContext, peisId: string): PeisRecord {
  const record = reports(ctx).peis[need(peisId, 'peis_id')];
  if (!record) throw new HisFail('未找到该体检记录');
  return record;
}

/** A physical examination that has taken place (not cancelled, first item measured). */
function examinedPeis(ctx: HandlerContext, peisId: string): PeisRecord {
  const record = peisRecord(ctx, peisId);
  if (record.status === -99) throw new HisFail('该体检预约已取消，无体检报告');
  const now = nowText(ctx);
  if (record.items.every((i) => peisItemStatus(i, now) === PEIS_ITEM_STATUS.pending)) throw new HisFail('尚未进行体检，暂无体检结果');
  return record;
}

type ItemOf<C extends PeisCategory> = C extends 'pacs' ? PeisImagingItem : PeisMeasureItem;

function isCategory<C extends PeisCategory>(item: PeisItem, category: C): item is ItemOf<C> {
  return item.category === category;
}

const CATEGORY_NAMES: Record<PeisCategory, string> = { general: '一般检查', lis: '检验', pacs: '检查' };

/** An audited item of the given category of a physical examination (the -general / -lis / -pacs endpoints). */
function peisItem<C extends PeisCategory>(
  ctx: HandlerContext,
  req: { peis_id: string; peis_item_id: string; category: string },
  category: C,
): { record: PeisRecord; item: ItemOf<C> } {
  const record = examinedPeis(ctx, req.peis_id);
  if (need(req.category, 'category') !== category) throw new HisFail(`报告类别错误，应为${category}`);
  const item = record.items.find((i) => i.id === need(req.peis_item_id, 'peis_item_id'));
  if (!item) throw new HisFail('未找到该体检项目');
  if (!isCategory(item, category)) throw new HisFail(`该体检项目不是${CATEGORY_NAMES[category]}项目，应查询${CATEGORY_NAMES[item.category]}项目详情`);
  if (peisItemStatus(item, nowText(ctx)) !== PEIS_ITEM_STATUS.audited) throw new HisFail('该体检项目结果尚未审核，请稍后查询');
  return { record, item };
}

export const reportsHandlers = {
  '/getLisPacsList': (req, ctx) => {
    const patient = ctx.store.requirePatient(need(req.patient_id, 'patient_id'));
    const opFlag = opFlagOf(req.op_flag);
    const start = dateParam(req.start_time, 'start_time', '报告查询开始时间');
    const end = dateParam(req.end_time, 'end_time', '报告查询结束时间');
    if (start > end) throw new HisFail('报告查询开始时间不能晚于结束时间');
    const cardNo = req.card_no.trim();
    const visitNo = req.visit_no.trim();
    if (opFlag === 1 && need(req.card_no, 'card_no') !== patient.cardNo) throw new HisFail('就诊卡号与患者信息不符');
    if (opFlag === 2) {
      const stay = ctx.store.stay(need(req.visit_no, 'visit_no'));
      if (!stay || stay.patientId !== patient.id) throw new HisFail('未找到该患者的此次住院记录');
      if (cardNo !== '' && cardNo !== patient.cardNo) throw new HisFail('就诊卡号与患者信息不符');
    }
    const now = nowText(ctx);
    const records = Object.values(reports(ctx).reports)
      .filter((r) => r.patientId === patient.id && r.opFlag === opFlag && (opFlag === 1 || r.stayVisitNo === visitNo))
      .filter((r) => r.reportTime <= now && r.reportTime.slice(0, 10) >= start && r.reportTime.slice(0, 10) <= end)
      .sort((a, b) => b.reportTime.localeCompare(a.reportTime))
      .map((r) => listRecord(r, patient, ctx.baseUrl));
    return { records };
  },

  '/getLisReport': (req, ctx) => {
    if (need(req.category, 'category') !== 'lis') throw new HisFail('报告类别错误，检验报告类别应为lis');
    const report = lisReport(ctx, req.report_id, req.op_flag);
    return lisReportView(report, patientOf(ctx, report), ctx.baseUrl);
  },

  // The document gives category "固定值lis" here too (copied from /getLisReport): 'lis' and 'pacs' are accepted.
  '/getPacsReport': (req, ctx) => {
    const category = need(req.category, 'category');
    if (category !== 'pacs' && category !== 'lis') throw new HisFail('报告类别错误，检查报告类别应为pacs');
    const report = pacsReport(ctx, req.report_id, req.op_flag);
    return pacsReportView(report, patientOf(ctx, report), ctx.baseUrl);
  },

  '/lis/bacteria/detail': (req, ctx) => {
    const report = lisReport(ctx, req.report_id, req.op_flag);
    const detailId = need(req.report_detail_id, 'report_detail_id');
    const detail = report.items.find((i) => i.id === detailId);
    if (!detail) throw new HisFail('未找到该细菌明细');
    if (detail.category !== 2) throw new HisFail('该明细不是细菌检验项目，无药敏结果');
    return bacteriaView(detail);
  },

  '/getPeis': (req, ctx) => {
    const peisNo = need(req.peis_no, 'peis_no');
    const name = need(req.name, 'name');
    const record = Object.values(reports(ctx).peis).find((r) => r.peisNo === peisNo);
    if (!record) throw new HisFail('未找到该体检记录');
    const patient = patientOf(ctx, record);
    if (patient.name !== name) throw new HisFail('姓名与体检号不符');
    const peisId = req.peis_id?.trim() ?? '';
    const idNo = req.id_no?.trim().toUpperCase() ?? '';
    const phone = req.phone_no?.trim() ?? '';
    if (peisId !== '' && peisId !== record.id) throw new HisFail('体检ID与体检号不符');
    if (peisId === '' && idNo === '' && phone === '') throw new HisFail('未传入体检ID时，身份证号和手机号至少填写一项');
    if (idNo !== '' && idNo !== patient.idNo) throw new HisFail('身份证号与体检登记信息不符');
    if (phone !== '' && phone !== patient.phone) throw new HisFail('手机号与体检登记信息不符');
    return peisPatientView(record, patient, ctx.today, nowText(ctx), ctx.baseUrl);
  },

  '/getPeisReport': (req, ctx) => {
    const record = examinedPeis(ctx, req.peis_id);
    const now = nowText(ctx);
    return { records: record.items.map((item) => peisItemRecord(record, item, now)) };
  },

  '/getPeisReport-general': (req, ctx) => {
    const { item } = peisItem(ctx, req, 'general');
    return { records: peisMeasureView(item) };
  },

  '/getPeisReport-lis': (req, ctx) => {
    const { item } = peisItem(ctx, req, 'lis');
    return { records: { ...peisMeasureView(item), item_flag: 1 } };
  },

  '/getPeisReport-pacs': (req, ctx) => {
    const { record, item } = peisItem(ctx, req, 'pacs');
    return peisImagingView(item, record, patientOf(ctx, record), ctx.baseUrl);
  },
} satisfies Partial<HandlerMap>;
