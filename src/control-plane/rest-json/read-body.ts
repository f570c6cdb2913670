import type { IncomingMessage } from 'node:http';

/** Control-plane bodies are small JSON documents; anything past 10 MB is refused with 413. */
export const MAX_CONTROL_PLANE_BODY = 10 * 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

/** Buffers the body (the SigV4 payload hash needs all of it), stopping at the limit. */
export function readBody(req: IncomingMessage, limit = MAX_CONTROL_PLANE_BODY): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}
