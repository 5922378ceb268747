/**
 * The images the Clever Cloud emulator serves under `/avatars/`: a real PNG (what Clever Cloud's
 * `/self` points to), and the bad answers Tessera must turn into initials (src/main/avatars/avatars.ts).
 */
import { crc32, deflateSync } from 'node:zlib';

/** A valid PNG of one colour (8-bit RGB), built chunk by chunk (PNG spec: IHDR, IDAT, IEND). */
export function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface AvatarFile {
  readonly contentType: string;
  readonly body: Buffer;
}

/** By file name under `/avatars/`. */
export const AVATAR_FILES: Readonly<Record<string, AvatarFile>> = {
  /** The demo user's avatar: a 48×48 teal square. */
  'ada.png': { contentType: 'image/png', body: solidPng(48, 48, [0x1f, 0x8a, 0x8a]) },
  /** Starts like a PNG but is over Tessera's 256 kB cap. */
  'oversized.png': { contentType: 'image/png', body: Buffer.concat([solidPng(1, 1, [0, 0, 0]), Buffer.alloc(300 * 1024)]) },
  /** A PNG's signature and then garbage: passes main's check, fails to decode in the window. */
  'corrupt.png': { contentType: 'image/png', body: Buffer.concat([solidPng(1, 1, [0, 0, 0]).subarray(0, 8), Buffer.from('not really a png at all')]) },
  /** Claims to be a PNG; is a page with a script (an image must be one by its bytes, not its header). */
  'not-an-image.png': { contentType: 'image/png', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
};
