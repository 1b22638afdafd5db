import type { FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { AppError, invalidField } from './errors';

/**
 * Reading multipart uploads. The parser reports a broken body (no boundary, cut off mid-part) as a plain
 * error, from the request or from the file's stream while a service is storing it; both are the sender's
 * fault, so they answer 400 UPLOAD_MALFORMED, and the file store discards what it had started writing.
 */
const brokenBodies = new WeakSet<object>();

export function isBrokenUpload(error: unknown): boolean {
  return typeof error === 'object' && error !== null && brokenBodies.has(error);
}

function asUploadError(error: unknown): unknown {
  // The plugin's own limits (FST_*) and domain errors keep their answer.
  if (error instanceof AppError || (error as { statusCode?: number }).statusCode) return error;
  return new AppError('VALIDATION', 'UPLOAD_MALFORMED');
}

/** NUL cannot be stored in PostgreSQL text; refuse it in names and fields as the JSON guard does. */
function checkPart(part: Multipart): void {
  if (part.type === 'field') {
    if (typeof part.value === 'string' && part.value.includes('\u0000')) throw invalidField(part.fieldname, 'FIELD_HAS_NUL');
    return;
  }
  const markBroken = (error: unknown) => {
    if (typeof error === 'object' && error !== null && !(error instanceof AppError)) brokenBodies.add(error);
  };
  // A body cut short may have failed the stream already, before this part reached its reader.
  if (part.file.errored) markBroken(part.file.errored);
  part.file.once('error', markBroken);
  for (const [name, field] of Object.entries(part.fields)) {
    for (const f of [field ?? []].flat()) {
      if (f.type === 'field' && typeof f.value === 'string' && f.value.includes('\u0000')) {
        part.file.resume();
        throw invalidField(name, 'FIELD_HAS_NUL');
      }
    }
  }
  if (part.filename.includes('\u0000')) {
    part.file.resume();
    throw invalidField('file', 'FIELD_HAS_NUL');
  }
}

/** The one file of an upload request (its fields sent before it), or a clear 400. */
export async function receiveFile(request: FastifyRequest): Promise<MultipartFile> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    throw asUploadError(error);
  }
  if (!part) throw new AppError('VALIDATION', 'FILE_MISSING');
  checkPart(part);
  return part;
}

/** Every part of an upload request, in order, with a broken body as a clear 400. */
export async function* receiveParts(request: FastifyRequest, options: Parameters<FastifyRequest['parts']>[0]): AsyncGenerator<Multipart> {
  const parts = request.parts(options)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (error) {
      throw asUploadError(error);
    }
    if (next.done) return;
    checkPart(next.value);
    yield next.value;
  }
}
