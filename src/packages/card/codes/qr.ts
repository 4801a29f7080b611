/** The card number as a QR code (uqr: small, no dependencies, no DOM). */
import { encode } from 'uqr';

/** Rows of modules, true = dark, with a quiet zone of `border` modules. */
export function qrModules(text: string, border = 2): boolean[][] {
  // ecc M: a phone screen may be scratched or glare; a card number is short, so the code stays small
  return encode(text, { ecc: 'M', border }).data;
}

/** One path of horizontal runs: a few hundred bytes for a card number. */
export function qrSvg(text: string): string {
  const modules = qrModules(text);
  const size = modules.length;
  let d = '';
  modules.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x += 1;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
