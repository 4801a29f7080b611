/** Amounts are integer fen everywhere in the app; only the screen shows yuan. */

/** 20000 → '200.00', -150 → '-1.50'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 20000 → '¥200.00'. */
export function yuanText(fen: number): string {
  return `¥${yuan(fen)}`;
}
