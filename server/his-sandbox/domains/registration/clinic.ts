/**
 * The outpatient clinic's rules, shared by same-day registration and appointment booking: its sessions (午别)
 * and their hours, who staffs the 普通门诊, whom a department sees, which cards may be used online.
 *
 * Times are compared as text: every date-time of the sandbox is `YYYY-MM-DD HH:mm:ss` in the hospital's zone,
 * so lexical order is time order.
 */
import type { Dayjs } from 'dayjs';
import { DATETIME } from '../../clock';
import type { SandboxConfig } from '../../config';
import { deptRefusal } from '../../state/builders';
import { suits } from '../../state/seed-core';
import type { Doctor } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail } from '../../runtime';

export type SessionName = '上午' | '下午';

export interface Session {
  /** DURATION_ID of 预约挂号. */
  id: '1' | '2';
  name: SessionName;
  start: string;
  end: string;
}

export const SESSIONS: readonly Session[] = [
  { id: '1', name: '上午', start: '08:00', end: '12:00' },
  { id: '2', name: '下午', start: '14:00', end: '17:30' },
];

/** The session named 上午 / 下午; any other name (a record written elsewhere) is read as the morning's. */
export function sessionByName(name: string): Session {
  return SESSIONS.find((x) => x.name === name) ?? (SESSIONS[0] as Session);
}

export function sessionById(id: string): Session | undefined {
  return SESSIONS.find((x) => x.id === id);
}

export function nowText(now: Dayjs): string {
  return now.format(DATETIME);
}

/** `2026-11-29` + `08:30` → `2026-11-29 08:30:00`. */
export function at(date: string, hhmm: string): string {
  return `${date} ${hhmm}:00`;
}

/** The session has ended (its last minute is past). */
export function sessionOver(date: string, session: Session, now: Dayjs): boolean {
  return at(date, session.end) <= nowText(now);
}

export function sessionStarted(date: string, session: Session, now: Dayjs): boolean {
  return at(date, session.start) <= nowText(now);
}

/**
 * Whether a session of today still takes same-day registrations: with `sessionHours: 'always'` every session of
 * the day stays open (QA registers at any hour), with `'real'` only until the session ends.
 */
export function sessionOpenToday(config: SandboxConfig, date: string, session: Session, now: Dayjs): boolean {
  return config.sessionHours === 'always' || !sessionOver(date, session, now);
}

/**
 * The doctor who staffs the department's 普通门诊 (general clinic, no named doctor): its last 普通号 doctor (the
 * most junior), else its last doctor; undefined for a department without doctors (it holds no clinics). The
 * catalogue needs a doctor id on every same-day schedule and on every registration, so the general clinic is
 * always someone's.
 */
export function findGeneralClinicDoctor(store: Store, deptId: string): Doctor | undefined {
  const doctors = store.core.doctors.filter((d) => d.deptId === deptId);
  const general = doctors.filter((d) => d.registerTypeId === '1');
  return general[general.length - 1] ?? doctors[doctors.length - 1];
}

export function generalClinicDoctor(store: Store, deptId: string): Doctor {
  const doctor = findGeneralClinicDoctor(store, deptId);
  if (!doctor) throw new HisFail('该科室暂无出诊医生');
  return doctor;
}

export { deptRefusal };

/** For seeded visits: the core seed's own rule. */
export const deptSuitsInSeed = suits;

/** Online registration and booking refuse frozen and closed cards; a lost card still identifies the patient. */
export function checkCardUsable(status: number): void {
  if (status === 3) throw new HisFail('就诊卡已冻结，请到门诊窗口办理');
  if (status === 4) throw new HisFail('就诊卡已注销，请到门诊窗口办理');
}
