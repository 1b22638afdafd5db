import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from './errors';

/**
 * Blob storage behind an interface: a local folder now, an S3-compatible store for a scaled-out
 * deployment later. Blobs are addressed by their SHA-256, so the same file stored twice takes one place.
 */
export interface FileStorage {
  /** Stream a blob in; throws FILE_TOO_LARGE past maxBytes and leaves nothing behind. */
  put(source: Readable, maxBytes: number): Promise<{ sha256: string; size: number; head: Buffer }>;
  open(sha256: string): Readable;
}

const SHA = /^[0-9a-f]{64}$/;

export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error('bad blob address');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable, maxBytes: number): Promise<{ sha256: string; size: number; head: Buffer }> {
    fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true });
    const tmp = path.join(this.root, 'tmp', randomBytes(12).toString('hex'));
    const digest = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new AppError('VALIDATION', 'FILE_TOO_LARGE', { max: `${Math.round(maxBytes / 1024 / 1024)} MB` }));
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        digest.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
      // Multipart streams end quietly at their limit; treat a truncated upload as too large.
      if ((source as Readable & { truncated?: boolean }).truncated) {
        throw new AppError('VALIDATION', 'FILE_TOO_LARGE', { max: `${Math.round(maxBytes / 1024 / 1024)} MB` });
      }
      const sha256 = digest.digest('hex');
      const target = this.pathOf(sha256);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(tmp, target);
      return { sha256, size, head };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  open(sha256: string): Readable {
    return fs.createReadStream(this.pathOf(sha256));
  }
}

/** The type allow-list: extension → MIME type and the magic bytes the content must start with. */
const allowed: Record<string, { mime: string; magic?: number[][] }> = {
  pdf: { mime: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  jpg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  png: { mime: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  doc: { mime: 'application/msword', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  xls: { mime: 'application/vnd.ms-excel', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  txt: { mime: 'text/plain' },
};

export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i + 1).toLowerCase();
}

/** The MIME type to store for an allowed file, or null when its name or content is not on the list. */
export function allowedMime(name: string, head: Buffer): string | null {
  const rule = allowed[extensionOf(name)];
  if (!rule) return null;
  if (rule.magic && !rule.magic.some((m) => m.every((b, i) => head[i] === b))) return null;
  return rule.mime;
}

export function isAllowedName(name: string): boolean {
  return extensionOf(name) in allowed;
}

export interface StoredUpload {
  sha256: string;
  size: number;
  mime: string;
  /** The name as shown to people, cut to the column's length. */
  name: string;
}

/**
 * Store one uploaded file, refusing a name or content not on the allow-list (the bytes must be what the name
 * claims). Done before the caller's transaction: blobs are content-addressed, so one left behind by a refused
 * request is unreferenced and harmless.
 */
export async function storeUpload(storage: FileStorage, maxBytes: number, name: string, content: Readable): Promise<StoredUpload> {
  if (!isAllowedName(name)) {
    content.resume();
    throw new AppError('VALIDATION', 'FILE_TYPE', { name });
  }
  const stored = await storage.put(content, maxBytes);
  const mime = allowedMime(name, stored.head);
  if (!mime) throw new AppError('VALIDATION', 'FILE_TYPE', { name });
  return { sha256: stored.sha256, size: stored.size, mime, name: name.slice(0, 200) };
}
