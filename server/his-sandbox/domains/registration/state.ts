/** State slice of the registration domain: same-day schedules (当日挂号排班) and the places held by /registerPre. */
import type { SessionName } from './clinic';

export interface SameDaySchedule {
  /** 排班id: what /registerGetPrice (clinic_id), /registerPre and /register (scheduling_id) take. */
  id: string;
  /** 排班编码 */
  code: string;
  /** 排班名称: 万磊 主任医师号（上午） / 普通门诊（下午） */
  name: string;
  /** 序号 within the department's list. */
  orderNo: number;
  date: string;
  session: SessionName;
  deptId: string;
  doctorId: string;
  /** 号类 of the clinic (the doctor's registration type; 普通号 for the general clinic). */
  registerTypeId: string;
  registerTypeName: string;
  /** 加号 schedule (register_add_flag 1): extra places added beside a doctor's normal schedule. */
  addFlag: 0 | 1;
  /** The department's 普通门诊, staffed by its 普通号 doctor. */
  general: boolean;
  limit: number;
  /** Places taken: window registrations, online registrations and live holds. Never above limit. */
  registerCount: number;
  /** Last queue number handed out on this schedule (window registrations included). */
  lastQueueNo: number;
  feeFen: number;
}

/** A place taken by /registerPre, until /register confirms it or it expires. */
export interface RegisterHold {
  id: string;
  scheduleId: string;
  patientId: string;
  feeFen: number;
  createdAt: string;
  expiresAt: string;
}

export interface RegistrationState {
  /** Days whose schedules have been generated (the seed's day, then each new day the clock reaches). */
  days: string[];
  schedules: Record<string, SameDaySchedule>;
  holds: RegisterHold[];
}
