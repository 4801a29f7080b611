/**
 * Staff photos for /getDoctorAndNurse (dept_user_photo, "照片或头像Base64"): a small generated PNG avatar — a
 * white head-and-shoulders silhouette on a colour that tells doctors from nurses — as plain Base64 without a
 * `data:` prefix. 40×40 pixels, a few hundred bytes, built once per kind.
 */
import { deflateSync } from 'node:zlib';

const SIZE = 40;

export type AvatarKind = 'doctor-male' | 'doctor-female' | 'nurse';

const BACKGROUND: Record<AvatarKind, [number, number, number]> = {
  'doctor-male': [52, 120, 198],
  'doctor-female': [86, 160, 214],
  nurse: [231, 128, 160],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** White where the silhouette is: a round head over rounded shoulders. */
function inSilhouette(x: number, y: number): boolean {
  const head = (x - 20) ** 2 + (y - 15) ** 2 <= 7.5 ** 2;
  const shoulders = y >= 26 && ((x - 20) / 14) ** 2 + ((y - 40) / 14) ** 2 <= 1;
  return head || shoulders;
}

function renderPng(kind: AvatarKind): Buffer {
  const [r, g, b] = BACKGROUND[kind];
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 3); // filter byte 0, then RGB
    for (let x = 0; x < SIZE; x += 1) {
      const white = inSilhouette(x + 0.5, y + 0.5);
      row.set(white ? [255, 255, 255] : [r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const cache = new Map<AvatarKind, string>();

/** The Base64 PNG avatar of a kind of staff. */
export function avatarBase64(kind: AvatarKind): string {
  let text = cache.get(kind);
  if (!text) {
    text = renderPng(kind).toString('base64');
    cache.set(kind, text);
  }
  return text;
}
