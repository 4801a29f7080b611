/** Mainland China mobile numbers: 11 digits, 1 then 3–9 then nine digits (no +86, no separators). */
export function isMainlandMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input);
}
