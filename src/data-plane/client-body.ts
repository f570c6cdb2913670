import { PAYLOAD_LIMIT_BYTES } from '../integrations/index.js';
import { readBody, type BodyRead } from '../wire/index.js';
import { declaredBodyLength } from './client-request.js';
import { GatewayError } from './gateway-error.js';
import type { Invocation } from './invocation.js';

/**
 * The client's whole body, up to the 10 MB payload quota: API Gateway receives the whole request
 * before it calls the integration (docs/reference/dataplane.md §13), so the integration timeout never
 * pays for a slow upload and no backend connection is held by one. Read once per invocation and
 * shared by the steps that need it (AWS_IAM body hashes, Lambda events, body mappings, the request
 * sent upstream); a declared Content-Length over the quota is refused before reading, and a body that
 * sends no byte for `stallMs` is given up on (408).
 */
export function readClientBody(invocation: Invocation, stallMs: number): Promise<BodyRead> {
  const request = invocation.request;
  if (invocation.bodyRead !== undefined) return invocation.bodyRead;
  const read = readBody(request, PAYLOAD_LIMIT_BYTES, declaredBodyLength(request.rawHeaders), stallMs);
  const recording = invocation.recording;
  invocation.bodyRead =
    recording === undefined
      ? read
      : read.then((result) => {
          if (result.kind === 'read') recording.requestBody.add(result.body);
          return result;
        });
  return invocation.bodyRead;
}

const REQUEST_ENTITY_TOO_LARGE = GatewayError.of('RequestEntityTooLarge');
const REQUEST_TIMEOUT = GatewayError.of('RequestTimeout');

/** The whole body, or the error to answer (413 over the quota, 408 stalled); undefined when the client left. */
export async function wholeClientBody(invocation: Invocation, stallMs: number): Promise<Buffer | GatewayError | undefined> {
  const read = await readClientBody(invocation, stallMs);
  switch (read.kind) {
    case 'read':
      return read.body;
    case 'too-large':
      return REQUEST_ENTITY_TOO_LARGE;
    case 'stalled':
      return REQUEST_TIMEOUT;
    case 'aborted':
      return undefined;
  }
}
