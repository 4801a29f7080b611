/**
 * Masking of personal data for lists, screens and log lines: ID numbers, mobile numbers, names. Pure functions,
 * shared by the mini-program and the BFF.
 */

/** 520103198503120358 → 520***********0358 (first 3 and last 4 kept; anything shorter than 8 is fully masked). */
export function maskIdNo(idNo: string): string {
  const s = idNo.trim();
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** 13800138001 → 138****8001. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** 张伟 → 张*, 欧阳娜娜 → 欧***: the first character stays. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

const ID_NO = /(?<![0-9])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])/g;

/** Masks every ID number and mobile number found in free text (log messages, error texts). */
export function maskText(text: string): string {
  return text.replace(ID_NO, (_m, a: string, _b: string, c: string) => `${a.slice(0, 3)}${'*'.repeat(11)}${c}`).replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
