import { barcodeSvg, code128Pattern } from '../../../src/packages/card/codes/barcode';
import { qrModules, qrSvg } from '../../../src/packages/card/codes/qr';
import { base64Ascii, svgDataUri } from '../../../src/packages/card/codes/svg';

/** Code 128 symbols (ISO/IEC 15417; bar/space widths in the comments), written out independently of jsbarcode. */
const START_C = '11010011100'; // 211232
const STOP = '1100011101011'; // 2331112
const CODE_C: Record<string, string> = {
  '50': '11000101110', // 231131
  '00': '11011001100', // 212222
  '10': '11001000100', // 221312
  '01': '11001101100', // 222122
};
/** Symbol 87 = (105 + 50·1 + 0·2 + 10·3 + 0·4 + 1·5) mod 103, the checksum of 5000100001. */
const SYMBOL_87 = '11110010100'; // 421112

describe('Code 128 barcode of the card number', () => {
  it('encodes 5000100001 in code set C, with its checksum, the same every time', () => {
    const pattern = code128Pattern('5000100001');
    expect(pattern).toBe(
      START_C + CODE_C['50'] + CODE_C['00'] + CODE_C['10'] + CODE_C['00'] + CODE_C['01'] + SYMBOL_87 + STOP,
    );
    expect(pattern).toBe('110100111001100010111011011001100110010001001101100110011001101100111100101001100011101011');
    expect(code128Pattern('5000100001')).toBe(pattern);
  });

  it('differs for another card number, and refuses what Code 128 cannot carry', () => {
    expect(code128Pattern('5000100004')).not.toBe(code128Pattern('5000100001'));
    expect(() => code128Pattern('')).toThrow();
    expect(() => code128Pattern('卡号')).toThrow();
  });

  it('draws one bar per run of dark modules, inside quiet zones', () => {
    const svg = barcodeSvg('5000100001', 40);
    const pattern = code128Pattern('5000100001');
    const runs = pattern.match(/1+/g) ?? [];
    const bars = svg.match(/M\d+ 0h\d+v40h-\d+z/g) ?? [];
    expect(bars).toHaveLength(runs.length);
    expect(svg).toContain(`viewBox="0 0 ${pattern.length + 20} 40"`);
    // the first bar starts after the 10-module quiet zone and is as wide as the first run
    expect(bars[0]).toBe(`M10 0h${runs[0]?.length ?? 0}v40h-${runs[0]?.length ?? 0}z`);
  });
});

describe('QR code of the card number', () => {
  it('is a version 1 code with its three finder patterns, and the same every time', () => {
    const modules = qrModules('5000100001', 0);
    expect(modules).toHaveLength(21);
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    const at = (x: number, y: number) => finder.map((_, r) => modules[y + r]?.slice(x, x + 7).map((m) => (m ? '1' : '0')).join(''));
    expect(at(0, 0)).toEqual(finder);
    expect(at(14, 0)).toEqual(finder);
    expect(at(0, 14)).toEqual(finder);
    expect(qrSvg('5000100001')).toBe(qrSvg('5000100001'));
    expect(qrSvg('5000100001')).not.toBe(qrSvg('5000100004'));
  });

  it('draws exactly the dark modules (runs of a row merged), with a quiet zone', () => {
    const modules = qrModules('5000100001');
    expect(modules).toHaveLength(25);
    expect(modules[0]?.every((m) => !m)).toBe(true);
    const dark = modules.flat().filter(Boolean).length;
    const svg = qrSvg('5000100001');
    const drawn = [...svg.matchAll(/M\d+ \d+h(\d+)v1h-\d+z/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(drawn).toBe(dark);
    expect(svg).toContain('viewBox="0 0 25 25"');
  });
});

describe('SVG data URIs', () => {
  it('base64-encodes like Node does (every padding length)', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '<svg xmlns="http://www.w3.org/2000/svg"/>']) {
      expect(base64Ascii(text)).toBe(Buffer.from(text, 'ascii').toString('base64'));
    }
    expect(() => base64Ascii('卡')).toThrow();
  });

  it('makes an image the Image component can show, which decodes back to the drawing', () => {
    const uri = svgDataUri(qrSvg('5000100001'));
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(uri.split(',')[1] ?? '', 'base64').toString('ascii')).toBe(qrSvg('5000100001'));
  });
});
