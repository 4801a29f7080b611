/**
 * Reports follow the bills: every paid lab test or examination of an outpatient visit, and every one charged
 * to an inpatient stay, gets a report — created when the payment or charge is seen (at seed time, then by the
 * tick before every HIS call) with the time it will be out: lab tests a few hours later or the next morning,
 * a urine culture after 48 hours, ECG / ultrasound / breath test the same day, CT, MRI and DR one to two days
 * later. Values and texts are drawn from a random stream of the source, so a report is the same whenever it
 * is created, and they follow the diagnoses of the visit or stay.
 */
import type { Dayjs } from 'dayjs';
import { age } from '../../state/builders';
import type { Patient } from '../../state/core';
import { Rng } from '../../state/random';
import type { Store } from '../../state/store';
import { cultureResults } from './bacteria';
import { EXAM_KINDS, examKind, imagingReport } from './imaging';
import { LAB_PANELS, formatItem, labHints, panelValues } from './lab';
import { unitStaff } from './staff';
import type { LabResult, LisReport, PacsReport, Report, ReportsState } from './state';
import { fmt, isWallClock, onDay, wall } from './times';

const CULTURE = 'L0307';

/** A paid (outpatient) or charged (inpatient) lab test or examination. */
interface Source {
  sourceId: string;
  itemId: string;
  name: string;
  opFlag: 1 | 2;
  patient: Patient;
  visitId: string;
  stayVisitNo: string;
  /** Paid or charged at. */
  at: string;
  requestDoctor: string;
  diagnoses: string[];
}

function sourceRng(store: Store, sourceId: string): Rng {
  return new Rng(store.state.seed, `reports:${sourceId}`);
}

function isLab(itemId: string): boolean {
  return itemId === CULTURE || itemId in LAB_PANELS;
}

function isExam(itemId: string): boolean {
  return itemId in EXAM_KINDS;
}

/** The next morning (09:00–10:30) when `t` falls after the lab's or department's reporting hours of its day. */
function withinHours(rng: Rng, start: Dayjs, t: Dayjs): Dayjs {
  if (t.isSame(start, 'day') && t.hour() < 18) return t;
  return onDay(start.add(1, 'day').format('YYYY-MM-DD'), 9 * 60 + rng.int(0, 90));
}

function lisReport(store: Store, src: Source, rng: Rng, paidAt: Dayjs): LisReport {
  const staff = unitStaff(store, 'lab', rng);
  const send = paidAt.add(rng.int(10, 40), 'minute');
  const report =
    src.itemId === CULTURE
      ? onDay(send.add(2, 'day').format('YYYY-MM-DD'), 10 * 60 + rng.int(0, 360))
      : withinHours(rng, send, send.add(rng.int(90, 240), 'minute'));
  const newId = () => store.opaqueId();
  let sample: string;
  let items: LabResult[];
  if (src.itemId === CULTURE) {
    sample = '中段尿';
    items = cultureResults(rng, { uti: /泌尿道感染|尿路感染/.test(src.diagnoses.join('；')) }, newId);
  } else {
    const panel = LAB_PANELS[src.itemId];
    if (!panel) throw new Error(`no lab panel ${src.itemId}`);
    sample = panel.sample;
    const values = panelValues(rng, panel, src.patient.sex, labHints(src.diagnoses));
    items = panel.keys.map((key) => ({ id: newId(), ...formatItem(key, values[key] ?? '', src.patient.sex), category: 1 as const }));
  }
  const day = send.format('YYMMDD');
  return {
    id: store.opaqueId(),
    category: 'lis',
    opFlag: src.opFlag,
    patientId: src.patient.id,
    visitId: src.visitId,
    stayVisitNo: src.stayVisitNo,
    sourceId: src.sourceId,
    itemId: src.itemId,
    name: src.name,
    reportNo: `${day}${String(store.counter(`lisBarcode:${day}`)).padStart(4, '0')}`,
    deptId: staff.dept.id,
    deptName: staff.dept.name,
    requestDoctor: src.requestDoctor,
    sendTime: fmt(send),
    reportTime: fmt(report),
    examUser: staff.reporter,
    auditUser: staff.auditor,
    sample,
    items,
  };
}

function pacsReport(store: Store, src: Source, rng: Rng, paidAt: Dayjs): PacsReport {
  const k = examKind(src.itemId);
  const staff = unitStaff(store, k.unit, rng);
  const send = paidAt.add(rng.int(15, 90), 'minute');
  const report = k.sameDay
    ? withinHours(rng, send, send.add(rng.int(20, 120), 'minute'))
    : onDay(send.add(rng.int(1, 2), 'day').format('YYYY-MM-DD'), 10 * 60 + rng.int(0, 420));
  const day = send.format('YYYYMMDD');
  const imaging = imagingReport(src.itemId, rng, src.diagnoses, age(src.patient, send.format('YYYY-MM-DD')));
  return {
    id: store.opaqueId(),
    category: 'pacs',
    opFlag: src.opFlag,
    patientId: src.patient.id,
    visitId: src.visitId,
    stayVisitNo: src.stayVisitNo,
    sourceId: src.sourceId,
    itemId: src.itemId,
    name: src.name,
    reportNo: `${k.prefix}${day}${String(store.counter(`examNo:${k.prefix}:${day}`)).padStart(3, '0')}`,
    deptId: staff.dept.id,
    deptName: staff.dept.name,
    requestDoctor: src.requestDoctor,
    sendTime: fmt(send),
    reportTime: fmt(report),
    examUser: staff.reporter,
    auditUser: staff.auditor,
    ...imaging,
  };
}

function addReport(store: Store, slice: ReportsState, src: Source): void {
  if (slice.bySource[src.sourceId] || !isWallClock(src.at)) return;
  const rng = sourceRng(store, src.sourceId);
  const paidAt = wall(src.at);
  const report: Report = isLab(src.itemId) ? lisReport(store, src, rng, paidAt) : pacsReport(store, src, rng, paidAt);
  slice.reports[report.id] = report;
  slice.bySource[src.sourceId] = report.id;
}

/** Creates the reports of lab tests and examinations paid or charged since the last call. */
export function syncReports(store: Store, slice: ReportsState): void {
  for (const visit of Object.values(store.core.visits)) {
    const patient = store.patient(visit.patientId);
    if (!patient) continue;
    for (const group of visit.feeGroups) {
      if (!group.paid || group.refunded) continue;
      for (const item of group.items) {
        if (!isLab(item.itemId) && !isExam(item.itemId)) continue;
        addReport(store, slice, {
          sourceId: item.id,
          itemId: item.itemId,
          name: item.name,
          opFlag: 1,
          patient,
          visitId: visit.id,
          stayVisitNo: '',
          at: group.paid.at,
          requestDoctor: group.billDoctorName,
          diagnoses: [visit.presumptiveDiagnosis, ...visit.icdNames],
        });
      }
    }
  }
  for (const stay of Object.values(store.core.stays)) {
    const patient = store.patient(stay.patientId);
    if (!patient) continue;
    for (const charge of stay.charges) {
      if (!isLab(charge.itemId) && !isExam(charge.itemId)) continue;
      addReport(store, slice, {
        sourceId: charge.id,
        itemId: charge.itemId,
        name: charge.name,
        opFlag: 2,
        patient,
        visitId: '',
        stayVisitNo: stay.visitNo,
        at: `${charge.chargeDate} ${charge.chargeTime}`,
        requestDoctor: charge.billDoctorName,
        diagnoses: [stay.diagnosis],
      });
    }
  }
}
