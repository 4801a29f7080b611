/**
 * Who reports what: the reporting departments of lab tests, examinations and physical examinations, their
 * technicians and reporting doctors, and the auditor (the department's senior doctor from the core when it has
 * one). The core has no ECG room and no health-check centre among its departments; they are defined here.
 */
import type { Rng } from '../../state/random';
import type { Store } from '../../state/store';
import type { ReportingUnit } from './imaging';

export interface Dept {
  id: string;
  name: string;
}

/** 心电图室: ECGs are read there (not a department of the core). */
export const ECG_ROOM: Dept = { id: '8102', name: '心电图室' };
/** 健康管理中心: physical examinations (not a department of the core). */
export const HEALTH_CENTRE: Dept = { id: '8101', name: '健康管理中心' };

type Unit = ReportingUnit | 'lab' | 'health';

const STAFF: Record<Unit, { deptId: string; reporters: string[] }> = {
  lab: { deptId: '8001', reporters: ['杨丽娟', '吴晓燕', '陈浩然', '刘思雨', '何佳琪'] },
  imaging: { deptId: '8002', reporters: ['罗建华', '龙雪梅', '宋志刚', '肖婷婷'] },
  ultrasound: { deptId: '8003', reporters: ['蒋文静', '田晓梅', '韦丽华'] },
  ecg: { deptId: ECG_ROOM.id, reporters: ['潘红英', '石海燕', '邵明亮'] },
  endoscopy: { deptId: '1003', reporters: ['邹明辉', '谢敏'] },
  health: { deptId: HEALTH_CENTRE.id, reporters: ['姚建国', '钟丽萍', '贺文斌'] },
};

export interface UnitStaff {
  dept: Dept;
  /** A technician or reporting doctor. */
  reporter: string;
  /** Audits the reports of the unit. */
  auditor: string;
}

/** The department, a reporter (drawn) and the auditor of a reporting unit. */
export function unitStaff(store: Store, unit: Unit, rng: Rng): UnitStaff {
  const { deptId, reporters } = STAFF[unit];
  const own = [ECG_ROOM, HEALTH_CENTRE].find((d) => d.id === deptId);
  const dept = own ?? { id: deptId, name: store.department(deptId)?.name ?? '' };
  const senior = own ? undefined : store.core.doctors.find((d) => d.deptId === deptId);
  const reporter = rng.pick(reporters);
  const auditor = senior?.name ?? reporters.find((r) => r !== reporter) ?? reporter;
  return { dept, reporter, auditor };
}
