import { decodeBase64 } from './template-util.js';

export const CONTENT_HANDLING_STRATEGIES = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] as const;
export type ContentHandlingStrategy = (typeof CONTENT_HANDLING_STRATEGIES)[number];

/** A payload and whether it is binary (a WebSocket binary frame, a binary HTTP body) or text. */
export interface Payload {
  readonly data: Buffer;
  readonly binary: boolean;
}

/** A text payload CONVERT_TO_BINARY cannot decode: AWS answers 500, "an API configuration error". */
export class ContentConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentConversionError';
  }
}

/**
 * `contentHandlingStrategy` of an integration (request payload) or integration response (response
 * payload), https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
 * and, for WebSocket APIs, https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-binary-media-types.html:
 * - CONVERT_TO_BINARY: a text payload is taken as base64 and decoded to a binary blob ("If the
 *   conversion fails, it returns a 500 response"); a binary payload stays as it is;
 * - CONVERT_TO_TEXT: a binary payload becomes its base64 text; a text payload stays as it is;
 * - unset: the payload passes unchanged.
 * For a request, convert before choosing a template: a binary payload converted to text is what the
 * template then reads as `$input.body` ("can only access the base64-encoded string in the mapping
 * template through $input.body"); CONVERT_TO_BINARY applies to a passed-through payload.
 */
export function convertPayload(payload: Payload, strategy: ContentHandlingStrategy | undefined): Payload | ContentConversionError {
  if (strategy === 'CONVERT_TO_TEXT' && payload.binary)
    return { data: Buffer.from(payload.data.toString('base64'), 'latin1'), binary: false };
  if (strategy === 'CONVERT_TO_BINARY' && !payload.binary) {
    const decoded = decodeBase64(payload.data.toString('latin1'));
    if (decoded === undefined) return new ContentConversionError('CONVERT_TO_BINARY: the payload is not base64 text');
    return { data: decoded, binary: true };
  }
  return payload;
}
