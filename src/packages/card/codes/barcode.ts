/** The card number as a Code 128 barcode: jsbarcode's encoder gives the modules, we draw the bars. */
import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128';

/** Quiet zone on each side, in modules (the standard asks for at least 10). */
const QUIET = 10;

/** The bar pattern: '1' a dark module, '0' a light one (start code, data, checksum and stop included). */
export function code128Pattern(text: string): string {
  const barcode = new CODE128(text, {});
  if (!text || !barcode.valid()) throw new Error('code128Pattern: printable ASCII expected');
  return barcode.encode().data;
}

/** Bars as rectangles, one per run of dark modules; the quiet zones are part of the drawing. */
export function barcodeSvg(text: string, height = 40): string {
  const pattern = code128Pattern(text);
  const width = pattern.length + QUIET * 2;
  let bars = '';
  let x = 0;
  while (x < pattern.length) {
    if (pattern[x] !== '1') {
      x += 1;
      continue;
    }
    const start = x;
    while (pattern[x] === '1') x += 1;
    bars += `M${start + QUIET} 0h${x - start}v${height}h${start - x}z`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" shape-rendering="crispEdges">` +
    `<rect width="${width}" height="${height}" fill="#fff"/><path fill="#000" d="${bars}"/></svg>`
  );
}
