/**
 * A small reader for the two facts evidence photos need from a JPEG's EXIF block: when the photo was taken
 * (DateTimeOriginal, with OffsetTimeOriginal when the camera wrote one) and where (GPS latitude/longitude).
 * Anything it cannot read is null; a damaged or hostile file never throws.
 */
export interface PhotoFacts {
  /** 'YYYY-MM-DDTHH:MM:SS' in the camera's local time, with its offset when known. */
  capturedAt: string | null;
  latitude: number | null;
  longitude: number | null;
}

const none: PhotoFacts = { capturedAt: null, latitude: null, longitude: null };

export function readPhotoFacts(buf: Buffer): PhotoFacts {
  try {
    const tiff = findExif(buf);
    return tiff === null ? none : readTiff(buf, tiff);
  } catch {
    return none;
  }
}

function findExif(buf: Buffer): number | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= buf.length) {
    if (buf[at] !== 0xff) return null;
    const marker = buf[at + 1];
    // Start of scan: the image data follows, no more metadata.
    if (marker === 0xda) return null;
    const length = buf.readUInt16BE(at + 2);
    if (marker === 0xe1 && buf.toString('latin1', at + 4, at + 10) === 'Exif\0\0') return at + 10;
    at += 2 + length;
  }
  return null;
}

function readTiff(buf: Buffer, base: number): PhotoFacts {
  const little = buf.toString('latin1', base, base + 2) === 'II';
  const u16 = (o: number) => (little ? buf.readUInt16LE(base + o) : buf.readUInt16BE(base + o));
  const u32 = (o: number) => (little ? buf.readUInt32LE(base + o) : buf.readUInt32BE(base + o));
  if (u16(2) !== 42) return none;

  const entries = (ifd: number) => {
    const out = new Map<number, { type: number; count: number; valueAt: number }>();
    const n = u16(ifd);
    for (let i = 0; i < n; i += 1) {
      const e = ifd + 2 + i * 12;
      const type = u16(e + 2);
      const count = u32(e + 4);
      const size = ({ 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 } as Record<number, number>)[type] ?? 1;
      out.set(u16(e), { type, count, valueAt: size * count <= 4 ? e + 8 : u32(e + 8) });
    }
    return out;
  };
  const ascii = (e?: { count: number; valueAt: number }) => (e ? buf.toString('latin1', base + e.valueAt, base + e.valueAt + e.count).replace(/\0.*$/, '') : null);
  const rationals = (e?: { count: number; valueAt: number }) =>
    e ? Array.from({ length: e.count }, (_, i) => u32(e.valueAt + i * 8) / (u32(e.valueAt + i * 8 + 4) || 1)) : null;

  const ifd0 = entries(u32(4));
  let capturedAt: string | null = null;
  const exifPointer = ifd0.get(0x8769);
  if (exifPointer) {
    const exif = entries(u32(exifPointer.valueAt));
    const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(ascii(exif.get(0x9003)) ?? '');
    const offset = ascii(exif.get(0x9011));
    if (m) capturedAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : ''}`;
  }
  let latitude: number | null = null;
  let longitude: number | null = null;
  const gpsPointer = ifd0.get(0x8825);
  if (gpsPointer) {
    const gps = entries(u32(gpsPointer.valueAt));
    const degrees = (ref: string | null, parts: number[] | null, negative: string) => {
      if (!parts || parts.length < 3 || !ref) return null;
      const value = parts[0] + parts[1] / 60 + parts[2] / 3600;
      return Math.round((ref === negative ? -value : value) * 1e6) / 1e6;
    };
    latitude = degrees(ascii(gps.get(1)), rationals(gps.get(2)), 'S');
    longitude = degrees(ascii(gps.get(3)), rationals(gps.get(4)), 'W');
    if (latitude !== null && Math.abs(latitude) > 90) latitude = null;
    if (longitude !== null && Math.abs(longitude) > 180) longitude = null;
  }
  return { capturedAt, latitude, longitude };
}
