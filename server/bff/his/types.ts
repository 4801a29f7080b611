/**
 * The HIS adapter's domain types: what the rest of the BFF sees. camelCase, no HIS field names, no envelopes;
 * amounts (in later modules) in integer fen.
 */

/** A campus (院区) of the hospital. */
export interface Campus {
  id: string;
  name: string;
}

/** An outpatient department and where it is. */
export interface Department {
  id: string;
  name: string;
  /** Where it is, e.g. 本院门诊楼2楼A区. */
  location: string;
  campusId: string;
  campusName: string;
}

/** A department open for same-day registration today, with its category (内科, 外科…). */
export interface TodayDepartment extends Department {
  categoryId: string;
  categoryName: string;
}

export type Sex = 'male' | 'female' | 'unknown';

/** A doctor of an outpatient department. */
export interface Doctor {
  id: string;
  name: string;
  sex: Sex;
  /** Professional title, e.g. 主任医师. */
  title: string;
  /** Teaching title, e.g. 教授 (empty when none). */
  teachingTitle: string;
  /** What the doctor is good at, as the hospital writes it. */
  expertise: string;
  departmentId: string;
  departmentName: string;
  campusId: string;
  campusName: string;
}
