import type { IncomingMessage } from 'node:http';
import { PAYLOAD_LIMIT_BYTES } from '../integrations/index.js';

export type ClientBody = Buffer | 'too-large' | 'aborted';

/**
 * Read the client's whole body, for a mapping that reads `$request.body` (AWS buffers request
 * bodies anyway, docs/reference/dataplane.md §13). Past the 10 MB quota reading stops: the caller answers 413 and
 * closes the connection instead of reading the rest.
 */
export function readClientBody(req: IncomingMessage, limit = PAYLOAD_LIMIT_BYTES): Promise<ClientBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: ClientBody): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish('too-large');
      } else chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, size));
    const onClose = (): void => {
      if (!req.complete) finish('aborted');
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
    // An error after we stop listening must not become an uncaught exception.
    if (req.listenerCount('error') === 1) req.on('error', () => undefined);
  });
}
