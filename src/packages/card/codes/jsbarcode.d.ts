/** jsbarcode's CODE128 encoder alone (its renderers need a DOM the mini-program does not have). */
declare module 'jsbarcode/bin/barcodes/CODE128' {
  export class CODE128 {
    constructor(data: string, options: Record<string, unknown>);
    valid(): boolean;
    /** `data`: the bars as '1' (dark module) and '0' (light module), start, checksum and stop included. */
    encode(): { text: string; data: string };
  }
}
