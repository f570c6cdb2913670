import { PAYLOAD_LIMIT_BYTES } from '../integrations/index.js';
import { readBody, type BodyRead } from '../wire/index.js';
import { declaredBodyLength } from './client-request.js';
import type { Invocation } from './invocation.js';

/**
 * The client's whole body, up to the 10 MB payload quota (AWS buffers request bodies,
 * docs/reference/dataplane.md §13): for Lambda events, mappings that read `$request.body` and the
 * body hash of AWS_IAM routes. Read once per invocation and shared by the steps that need it; a
 * declared Content-Length over the quota is refused before reading.
 */
export function readClientBody(invocation: Invocation): Promise<BodyRead> {
  const request = invocation.request;
  if (invocation.bodyRead !== undefined) return invocation.bodyRead;
  const read = readBody(request, PAYLOAD_LIMIT_BYTES, declaredBodyLength(request.rawHeaders));
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
