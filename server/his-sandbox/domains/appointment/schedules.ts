/**
 * Bookable schedules (预约排班) of one day, with their 30-minute time slots: per outpatient department its
 * 普通门诊 (no specified doctor) in both sessions, and its doctors on the sessions of their weekly timetable.
 * Generated for today … today+7 at seed time and for each new day the clock reaches, deterministically per date.
 * Places already taken by people the sandbox does not model (`anonymous`) grow as the day comes nearer.
 */
import dayjs from 'dayjs';
import type { Department, Doctor } from '../../state/core';
import { Rng } from '../../state/random';
import type { Store } from '../../state/store';
import { findGeneralClinicDoctor, SESSIONS, type Session } from '../registration/clinic';
import type { ApptSchedule, ApptSlot } from './state';

/** Bookings open for today and the next BOOKING_DAYS days. */
export const BOOKING_DAYS = 7;

/** Share of places taken by the time a day is generated, by days ahead (0 = today). */
const FILL = [0.7, 0.55, 0.45, 0.35, 0.3, 0.25, 0.2, 0.15];

/** 门诊类型 by 号类. */
export function clinicKind(clinicId: string): { id: string; name: string } {
  if (clinicId === '4') return { id: '3', name: '知名专家门诊' };
  if (clinicId === '2' || clinicId === '3') return { id: '2', name: '专家门诊' };
  return { id: '1', name: '普通门诊' };
}

const PLACES: Record<string, [number, number]> = {
  '4': [2, 3],
  '3': [2, 4],
  '2': [3, 5],
  '1': [4, 6],
};

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesOf(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The 30-minute slot a time (HH:mm) falls in; its TIME_ID is its start (0830), as HIS time-slot codes go. */
export function slotAround(time: string): { id: string; start: string; end: string } {
  const start = Math.floor(minutesOf(time) / 30) * 30;
  return { id: hhmm(start).replace(':', ''), start: hhmm(start), end: hhmm(start + 30) };
}

function makeSlots(rng: Rng, session: Session, places: [number, number], fill: number): ApptSlot[] {
  const slots: ApptSlot[] = [];
  let next = 1;
  for (let t = minutesOf(session.start); t < minutesOf(session.end); t += 30) {
    const max = rng.int(places[0], places[1]);
    let anonymous = 0;
    for (let i = 0; i < max; i += 1) if (rng.chance(fill)) anonymous += 1;
    slots.push({ ...slotAround(hhmm(t)), max, booked: anonymous, anonymous, firstQueueNo: next });
    next += max;
  }
  return slots;
}

/** Whether the doctor sits this session on this weekday: a fixed weekly timetable per doctor. */
function worksOn(store: Store, doctor: Doctor, weekday: number, session: Session): boolean {
  const week = new Rng(store.config.seed, `appointment-week@${doctor.id}`);
  const p = doctor.registerTypeId === '4' ? 0.3 : 0.5;
  const sittings = Array.from({ length: 14 }, (_, i) => week.chance(i < 2 ? 0.2 : p));
  return sittings[weekday * 2 + (session.id === '1' ? 0 : 1)] ?? false;
}

function schedule(store: Store, date: string, dept: Department, session: Session, doctor: Doctor | undefined, general: Doctor, slots: ApptSlot[]): ApptSchedule {
  const clinicId = doctor?.registerTypeId ?? '1';
  const kind = clinicKind(clinicId);
  return {
    id: store.opaqueId(),
    date,
    durationId: session.id,
    deptId: dept.id,
    doctorId: doctor?.id ?? '',
    clinicId,
    clinicName: doctor?.registerTypeName ?? '普通号',
    registerTypeId: kind.id,
    registerTypeName: kind.name,
    feeFen: (doctor ?? general).feeFen,
    slots,
  };
}

/** Generates the bookable schedules of `date` (no-op when that day exists already); `today` sets how full they are. */
export function generateApptSchedules(store: Store, date: string, today: string): void {
  const slice = store.state.appointment;
  if (slice.days.includes(date)) return;
  slice.days.push(date);
  const rng = new Rng(store.config.seed, `appointment-day@${date}`);
  const ahead = Math.max(0, Math.min(FILL.length - 1, dayjs(date).diff(dayjs(today), 'day')));
  const fill = FILL[ahead] ?? 0.2;
  const weekday = dayjs(date).day();
  for (const dept of store.core.departments.filter((d) => d.outpatient)) {
    const general = findGeneralClinicDoctor(store, dept.id);
    if (!general) continue;
    const named = store.core.doctors.filter((d) => d.deptId === dept.id && d.id !== general.id);
    for (const session of SESSIONS) {
      for (const doctor of named) {
        if (!worksOn(store, doctor, weekday, session)) continue;
        const places = PLACES[doctor.registerTypeId] ?? [3, 5];
        const busy = doctor.registerTypeId === '4' ? Math.min(0.95, fill + 0.3) : fill;
        const s = schedule(store, date, dept, session, doctor, general, makeSlots(rng, session, places, busy));
        slice.schedules[s.id] = s;
      }
      const s = schedule(store, date, dept, session, undefined, general, makeSlots(rng, session, [5, 6], fill));
      slice.schedules[s.id] = s;
    }
  }
}

/** Drops the schedules of days gone (bookings keep their own copy of what they need). */
export function pruneApptSchedules(store: Store, before: string): void {
  const slice = store.state.appointment;
  slice.days = slice.days.filter((d) => d >= before);
  for (const [id, s] of Object.entries(slice.schedules)) if (s.date < before) delete slice.schedules[id];
}
