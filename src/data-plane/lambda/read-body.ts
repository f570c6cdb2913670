import type { IncomingMessage } from 'node:http';
import { PAYLOAD_LIMIT_BYTES } from '../../integrations/index.js';

export type BodyRead = { kind: 'read'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

const EMPTY = Buffer.alloc(0);

// A body read once (by an AWS_IAM check, to hash it) is handed to the integration from here.
const alreadyRead = new WeakMap<IncomingMessage, Promise<BodyRead>>();

/**
 * The whole request body, for a Lambda event (API Gateway buffers it too, docs/reference/dataplane.md §13), up to
 * the 10 MB payload quota. A declared Content-Length over the quota is refused before reading.
 */
export function readBody(req: IncomingMessage, limit = PAYLOAD_LIMIT_BYTES): Promise<BodyRead> {
  let read = alreadyRead.get(req);
  if (read === undefined) {
    read = readOnce(req, limit);
    alreadyRead.set(req, read);
  }
  return read;
}

/** The request declares a body (Content-Length > 0 or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length !== undefined ? Number(length) > 0 : req.headers['transfer-encoding'] !== undefined;
}

function readOnce(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? -1);
  if (declared > limit) return Promise.resolve({ kind: 'too-large' });
  if (declared === 0 || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined))
    return Promise.resolve({ kind: 'read', body: EMPTY });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (outcome: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        done({ kind: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => done({ kind: 'read', body: Buffer.concat(chunks, received) });
    const onClose = () => {
      if (!req.complete) done({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
