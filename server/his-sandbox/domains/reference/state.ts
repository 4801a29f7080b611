/**
 * State slice of the reference domain: what the core does not hold about the hospital — its operating rooms
 * and each day's operating list (手术排班), and the time ranges of the online clinic (全时空门诊). Campuses,
 * departments, staff, visits and prescriptions are read from the core.
 */

export interface OperatingRoom {
  id: string;
  campusId: string;
  name: string;
  address: string;
  /** The hybrid room (复合手术室) where cardiac interventions are done. */
  hybrid: boolean;
}

/** One operation on a day's list; its status is derived from the clock (theatre.ts). */
export interface Operation {
  id: string;
  roomId: string;
  date: string;
  /** Scheduled start, HH:mm:ss. */
  start: string;
  durationMinutes: number;
  patientName: string;
  deptName: string;
  bedNo: string;
  /** 住院号 when the patient is one of the core's stays; '' for the other patients of the list. */
  visitNo: string;
}

export interface ReferenceState {
  operatingRooms: OperatingRoom[];
  /** Operating lists by date (YYYY-MM-DD): the anchor day is seeded, later days are drawn when they begin. */
  operations: Record<string, Operation[]>;
  /** 全时空门诊 appointment time ranges ('08:00-09:00'), in their sequence order. */
  apptTimeRanges: string[];
}
