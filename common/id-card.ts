/**
 * Mainland resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 *
 * Pure functions without dependencies: used by the mini-program (form validation), the BFF (the same checks
 * again) and the HIS sandbox (seed data, /createCard).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCardCheckChar: 17 digits expected');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] as string;
}

export type IdCardProblem = 'format' | 'birthday' | 'checksum';

export type IdCardInfo =
  | { valid: true; idNo: string; birthday: string; sex: '男' | '女'; region: string }
  | { valid: false; problem: IdCardProblem };

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Parses and checks an 18-character ID number (a trailing lower-case x is accepted and normalised).
 * `today` (YYYY-MM-DD) bounds the birth date: no one is born in the future or before 1900.
 */
export function parseIdCard(input: string, today?: string): IdCardInfo {
  const idNo = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNo)) return { valid: false, problem: 'format' };
  const y = Number(idNo.slice(6, 10));
  const m = Number(idNo.slice(10, 12));
  const d = Number(idNo.slice(12, 14));
  const birthday = `${idNo.slice(6, 10)}-${idNo.slice(10, 12)}-${idNo.slice(12, 14)}`;
  if (y < 1900 || !realDate(y, m, d) || (today !== undefined && birthday > today)) return { valid: false, problem: 'birthday' };
  if (idCardCheckChar(idNo.slice(0, 17)) !== idNo[17]) return { valid: false, problem: 'checksum' };
  return { valid: true, idNo, birthday, sex: Number(idNo[16]) % 2 === 1 ? '男' : '女', region: idNo.slice(0, 6) };
}

/** Builds a valid ID number from a region code, a birth date (YYYY-MM-DD) and a sequence 0–999 (odd = male). */
export function makeIdCard(region: string, birthday: string, sequence: number): string {
  if (!/^\d{6}$/.test(region)) throw new Error('makeIdCard: 6-digit region expected');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthday)) throw new Error('makeIdCard: YYYY-MM-DD birthday expected');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new Error('makeIdCard: sequence 0–999 expected');
  const first17 = `${region}${birthday.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCardCheckChar(first17)}`;
}

/** Age in whole years on `today` (YYYY-MM-DD) of someone born on `birthday` (YYYY-MM-DD). */
export function ageOn(birthday: string, today: string): number {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
