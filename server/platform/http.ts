import type { FastifyInstance, FastifyBaseLogger, FastifyReply, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, RequestContext } from './actor';
import type { Permission } from './permissions';
import type { FileStorage } from './files';

/** The Fastify instance every module registers its routes on. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs; every /api route states one, or is public or for any signed-in user. */
    permission?: Permission;
    public?: boolean;
    signedIn?: boolean;
    /** Reachable while the account must still change its password. */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** First sign-in after an administrator set the password, or the password is older than allowed. */
    mustChangePassword: boolean;
    ctx: RequestContext;
  }
}

/** Paging, sorting and the list answer shape shared by every list endpoint. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

export const idParams = z.object({ id: z.string().min(1).max(64) });

/** Query-string booleans arrive as text. */
export const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Mask a mobile number as 138****5678; personal data never leaves the server whole in lists. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** A Content-Disposition header for a (Chinese) file name: inline to open in place, attachment to download. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  return `${kind}; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Send a generated PDF: inline to open in the browser (a document to read), attachment to download (a report to keep). */
export function sendPdf(reply: FastifyReply, kind: 'inline' | 'attachment', name: string, content: Buffer): FastifyReply {
  return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(kind, name)).send(content);
}

/**
 * Send a stored file with headers that stop the browser guessing its type; images and PDFs open in place,
 * everything else downloads. `cacheable` lets a browser keep evidence photos for a day (they never change).
 */
export function sendStoredFile(
  reply: FastifyReply, storage: FileStorage, file: { sha256: string; mime: string; size: number; name: string }, options: { cacheable?: boolean } = {},
): FastifyReply {
  const inline = file.mime.startsWith('image/') || file.mime === 'application/pdf';
  reply.header('content-type', file.mime).header('content-length', file.size).header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name));
  if (options.cacheable) reply.header('cache-control', 'private, max-age=86400');
  return reply.send(storage.open(file.sha256));
}
