/**
 * Where and when a test can be booked: the NAT campuses, the 7-day window, and the places left in each
 * half-hour slot. Places are derived from the bookings every time (capacity − taken elsewhere − bookings that
 * hold a place), so a cancellation or a lapse frees its place without bookkeeping, and the synchronous handler
 * that checks a place is the one that takes it.
 */
import type { Campus } from '../../state/core';
import type { Store } from '../../state/store';
import { HisFail } from '../../runtime';
import { CAPACITY, DEFAULT_CAPACITY, NAT_SLOTS, WINDOW_DAYS, type NatSlot } from './catalog';
import type { NatBooking, NatState } from './state';
import { addDays, at } from './time';

export function slotKey(hospitalId: string, date: string, slotId: string): string {
  return `${hospitalId}|${date}|${slotId}`;
}

/** A campus that takes NAT bookings, or a failure saying why not. */
export function natCampus(store: Store, hospitalId: string): Campus {
  const campus = store.campus(hospitalId.trim());
  if (!campus) throw new HisFail('院区不存在');
  if (!campus.natBookable) throw new HisFail(`${campus.name}暂未开放核酸检测预约`);
  return campus;
}

export function windowDates(today: string): string[] {
  return Array.from({ length: WINDOW_DAYS }, (_, i) => addDays(today, i));
}

export function inWindow(date: string, today: string): boolean {
  return date >= today && date <= addDays(today, WINDOW_DAYS - 1);
}

/** A slot that has ended is past: it is no longer offered or bookable. */
export function slotOver(date: string, slot: NatSlot, now: string): boolean {
  return at(date, slot.end) <= now;
}

export function holdsPlace(b: NatBooking): boolean {
  return b.status !== -1;
}

export function capacityOf(nat: NatState, hospitalId: string): number {
  return nat.capacity[hospitalId] ?? CAPACITY[hospitalId] ?? DEFAULT_CAPACITY;
}

export function placesLeft(nat: NatState, hospitalId: string, date: string, slotId: string): number {
  const booked = Object.values(nat.bookings).filter(
    (b) => b.hospitalId === hospitalId && b.date === date && b.slotId === slotId && holdsPlace(b),
  ).length;
  const elsewhere = nat.takenElsewhere[slotKey(hospitalId, date, slotId)] ?? 0;
  return Math.max(0, capacityOf(nat, hospitalId) - elsewhere - booked);
}

export interface OfferedSlot {
  slot: NatSlot;
  left: number;
}

/** The slots of a day that have not ended yet, full ones included, with the places left. */
export function offeredSlots(nat: NatState, hospitalId: string, date: string, now: string): OfferedSlot[] {
  return NAT_SLOTS.filter((slot) => !slotOver(date, slot, now)).map((slot) => ({ slot, left: placesLeft(nat, hospitalId, date, slot.id) }));
}
