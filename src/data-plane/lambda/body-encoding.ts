/**
 * HTTP APIs have no binary media types: a request body reaches Lambda as UTF-8 text only for
 * `text/*`, `application/json`, `application/xml` and `application/javascript`; every other body,
 * no Content-Type and form posts included, is base64 with `isBase64Encoded: true` (docs/reference/dataplane.md §5.1,
 * verified against AWS in https://github.com/ministackorg/ministack/issues/766; example https://github.com/floci-io/floci/issues/2172).
 */
const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.has(type);
}

export interface EventBody {
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

/** The `body` and `isBase64Encoded` of an event; undefined for an empty body (events then omit `body`). */
export function eventBody(bytes: Buffer, contentType: string | undefined): EventBody | undefined {
  if (bytes.length === 0) return undefined;
  return isTextContentType(contentType)
    ? { body: bytes.toString('utf8'), isBase64Encoded: false }
    : { body: bytes.toString('base64'), isBase64Encoded: true };
}
