/**
 * Public files with validators: an ETag (a hash of the bytes) and Last-Modified, and 304 Not Modified for
 * a client that already holds the same bytes (If-None-Match, or else If-Modified-Since, RFC 9110 13.2.2).
 * Clients must ask again each time (no-cache): a § may be put under secrecy after justering.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SendableFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  lastModified: Date;
}

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

/** Whether the client's copy is current: If-None-Match wins over If-Modified-Since when both are sent. */
export function isNotModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export function sendPublicFile(request: FastifyRequest, reply: FastifyReply, file: SendableFile): FastifyReply {
  const etag = etagOf(file.bytes);
  void reply.header('etag', etag).header('last-modified', file.lastModified.toUTCString()).header('cache-control', 'public, no-cache').header('x-content-type-options', 'nosniff');
  if (isNotModified(request, etag, file.lastModified)) return reply.code(304).send();
  const ascii = file.fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'fil';
  const disposition = file.contentType === 'application/pdf' ? 'inline' : 'attachment';
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(Buffer.from(file.bytes));
}
