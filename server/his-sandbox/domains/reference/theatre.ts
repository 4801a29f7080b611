/**
 * Operating theatres (手术室): the rooms of each campus and each day's operating list. A list is drawn once per
 * day from the seed and that day's inpatients (surgical wards, and cardiology for interventions in the hybrid
 * room), topped up with other patients; each operation's status follows the sandbox clock:
 *   before start−30 min 计划中 · start−30..start 手术准备中 · start..start+duration 手术进行中 ·
 *   then 40 min 麻醉恢复中 · then 手术结束.
 */
import type { Dayjs } from 'dayjs';
import { DATE, TIME } from '../../clock';
import { HisFail, need, type HandlerMap } from '../../runtime';
import type { Department } from '../../state/core';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../../state/data';
import { Rng } from '../../state/random';
import type { Store } from '../../state/store';
import type { Operation, OperatingRoom } from './state';

export const PREPARATION_MINUTES = 30;
export const RECOVERY_MINUTES = 40;

/** Rooms per campus: 本院 8 (the 8th a hybrid room for interventions), 东院区 4, 妇女儿童院区 3. */
const ROOM_PLAN: Record<string, { count: number; address: string }> = {
  '01': { count: 8, address: '住院楼3楼手术中心' },
  '02': { count: 4, address: '东院住院楼4楼手术室' },
  '03': { count: 3, address: '妇儿院区住院楼3楼手术部' },
};

export function seedOperatingRooms(): OperatingRoom[] {
  const rooms: OperatingRoom[] = [];
  for (const [campusId, plan] of Object.entries(ROOM_PLAN)) {
    for (let n = 1; n <= plan.count; n += 1) {
      const hybrid = campusId === '01' && n === plan.count;
      rooms.push({
        id: `OR${campusId}${String(n).padStart(2, '0')}`,
        campusId,
        name: hybrid ? `${n}号手术室（复合手术室）` : `${n}号手术室`,
        address: `${plan.address}${hybrid ? '东侧' : ''}`,
        hybrid,
      });
    }
  }
  return rooms;
}

/** Wards whose patients go to theatre: surgery, obstetrics and gynaecology, ENT and eyes; cardiology for PCI. */
function operates(d: Department): boolean {
  return ['02', '03', '05'].includes(d.categoryId) || d.id === '1001';
}

const DURATIONS = [45, 60, 90, 120, 150, 180];
const DAY_START = 8 * 60;
const LAST_START = 17 * 60;
/** A given inpatient of a theatre ward is on a given day's list with this probability. */
const INPATIENT_SHARE = 0.6;

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
}

function minutesOf(time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0) + (s ?? 0) / 60;
}

interface Candidate {
  patientName: string;
  deptName: string;
  bedNo: string;
  visitNo: string;
  cardiac: boolean;
}

/** Some of the campus's inpatients of theatre wards, then made-up patients of its surgical wards up to `count`. */
function candidates(store: Store, rng: Rng, campusId: string, count: number): Candidate[] {
  const wards = store.core.departments.filter((d) => d.campusId === campusId && d.inpatient && operates(d));
  const wardIds = new Set(wards.map((d) => d.id));
  const fromStays: Candidate[] = Object.values(store.core.stays)
    .filter((s) => s.dischargeDate === '' && s.bedNo !== '' && wardIds.has(s.deptId))
    .sort((a, b) => a.visitNo.localeCompare(b.visitNo))
    .filter(() => rng.chance(INPATIENT_SHARE))
    .map((s) => ({ patientName: store.patient(s.patientId)?.name ?? '', deptName: store.department(s.deptId)?.name ?? '', bedNo: s.bedNo, visitNo: s.visitNo, cardiac: s.deptId === '1001' }))
    .filter((c) => c.patientName !== '');
  const surgical = wards.filter((d) => d.id !== '1001');
  const others: Candidate[] = [];
  while (fromStays.length + others.length < count && surgical.length > 0) {
    const dept = rng.pick(surgical);
    const female = dept.categoryId === '03' || rng.chance(0.5);
    const given = female ? GIVEN_FEMALE : GIVEN_MALE;
    others.push({
      patientName: rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.6) ? rng.pick(given) : ''),
      deptName: dept.name,
      bedNo: `${rng.int(1, 48)}床`,
      visitNo: '',
      cardiac: false,
    });
  }
  return [...fromStays, ...others];
}

interface Slot {
  room: OperatingRoom;
  start: number;
  durationMinutes: number;
}

/** Each room's day: one to four operations from about 08:00, with 30–60 minutes of turnover between them. */
function roomSlots(rng: Rng, rooms: readonly OperatingRoom[]): Slot[] {
  const slots: Slot[] = [];
  for (const room of rooms) {
    let start = DAY_START + rng.int(0, 3) * 10;
    const planned = rng.int(1, 4);
    for (let i = 0; i < planned && start <= LAST_START; i += 1) {
      const durationMinutes = rng.pick(DURATIONS);
      slots.push({ room, start, durationMinutes });
      start += durationMinutes + 30 + rng.int(0, 3) * 10;
    }
  }
  return slots;
}

/** The random stream of a day's operating list: the seed's `ctx.rng(OPERATIONS_RNG)` on the anchor day. */
export const OPERATIONS_RNG = 'reference-operations';

export function operationsRng(store: Store, date: string): Rng {
  return new Rng(store.config.seed, `${OPERATIONS_RNG}@${date}`);
}

/** The day's operating list of every room, deterministic for the seed, the day and that day's inpatients. */
export function drawOperatingList(store: Store, rng: Rng, rooms: readonly OperatingRoom[], date: string): Operation[] {
  const list: Operation[] = [];
  for (const campusId of Object.keys(ROOM_PLAN)) {
    const drawn = roomSlots(rng, rooms.filter((r) => r.campusId === campusId));
    const slots = rng.sample(drawn, drawn.length);
    const hybridSlots = slots.filter((s) => s.room.hybrid);
    const otherSlots = slots.filter((s) => !s.room.hybrid);
    for (const person of candidates(store, rng, campusId, slots.length)) {
      // Interventions (cardiology) take the hybrid room; everyone else the other rooms first.
      const pool = person.cardiac ? hybridSlots : otherSlots.length > 0 ? otherSlots : hybridSlots;
      const slot = pool.shift();
      if (!slot) continue;
      const { cardiac: _cardiac, ...who } = person;
      const start = clockText(slot.start);
      list.push({ id: `${date.replace(/-/g, '')}${slot.room.id}${start.slice(0, 5).replace(':', '')}`, roomId: slot.room.id, date, start, durationMinutes: slot.durationMinutes, ...who });
    }
  }
  return list;
}

export type OperationStatus = '计划中' | '手术准备中' | '手术进行中' | '麻醉恢复中' | '手术结束';

/** The status of an operation at `now` (the hospital's local time). */
export function operationStatus(op: Operation, now: Dayjs): OperationStatus {
  const day = now.format(DATE);
  if (day !== op.date) return day < op.date ? '计划中' : '手术结束';
  const t = minutesOf(now.format(TIME)) - minutesOf(op.start);
  if (t < -PREPARATION_MINUTES) return '计划中';
  if (t < 0) return '手术准备中';
  if (t < op.durationMinutes) return '手术进行中';
  if (t < op.durationMinutes + RECOVERY_MINUTES) return '麻醉恢复中';
  return '手术结束';
}

export const theatreHandlers = {
  '/getOperatRoomByHospitalId': (req, { store }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    const rooms = store.state.reference.operatingRooms.filter((r) => r.campusId === campus.id);
    return { data: rooms.map((r) => ({ id: r.id, name: r.name, address: r.address })) };
  },

  // Sorted by room, then by scheduled time (as documented); an empty operat_room_id means every room.
  '/getOperatRoomPatient': (req, { store, today, now }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    const rooms = new Map(store.state.reference.operatingRooms.filter((r) => r.campusId === campus.id).map((r) => [r.id, r]));
    const roomId = req.operat_room_id?.trim() ?? '';
    if (roomId && !rooms.has(roomId)) throw new HisFail(`${campus.name}无此手术室`);
    const list = (store.state.reference.operations[today] ?? [])
      .filter((op) => rooms.has(op.roomId) && (!roomId || op.roomId === roomId))
      .sort((a, b) => a.roomId.localeCompare(b.roomId) || a.start.localeCompare(b.start));
    return {
      data: list.map((op) => ({
        dept_name: op.deptName,
        bed_number: op.bedNo,
        patient: op.patientName,
        appointment_time: op.start,
        status: operationStatus(op, now),
        operat_room_id: op.roomId,
        operat_room_name: rooms.get(op.roomId)?.name ?? '',
      })),
    };
  },
} satisfies Partial<HandlerMap>;
