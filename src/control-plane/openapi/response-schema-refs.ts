import { isObject, type OpenApiDocument } from './parse-document.js';

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

/** A JSON Pointer segment (RFC 6901 §4): `~1` is `/`, `~0` is `~`. */
function pointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A response schema `$ref` into `components.schemas` that names no schema is an import
 * *warning* on AWS, not an error: the import goes ahead, and with failOnWarnings it is refused.
 * The wording is AWS's parser's ("Parse issue: attribute paths.'{path}'({method}).… is missing",
 * the media type left out), as the terraform-provider-aws acceptance test
 * TestAccAPIGatewayV2API_OpenAPI_failOnWarnings provokes it
 * (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/apigatewayv2/api_test.go)
 * and https://github.com/aws/serverless-application-model/issues/2297 quotes its layout.
 */
export function missingResponseSchemas(
  document: OpenApiDocument,
  path: string,
  method: string,
  operation: Record<string, unknown>,
): string[] {
  const responses = operation['responses'];
  if (!isObject(responses)) return [];
  const components = document['components'];
  const schemas = isObject(components) && isObject(components['schemas']) ? components['schemas'] : {};
  const warnings = new Set<string>();
  for (const [status, response] of Object.entries(responses)) {
    const content = isObject(response) ? response['content'] : undefined;
    if (!isObject(content)) continue;
    for (const media of Object.values(content)) {
      const schema = isObject(media) ? media['schema'] : undefined;
      const ref = isObject(schema) ? schema['$ref'] : undefined;
      const name = typeof ref === 'string' ? SCHEMA_REF.exec(ref)?.[1] : undefined;
      if (name !== undefined && !Object.hasOwn(schemas, pointerSegment(name)))
        warnings.add(`Parse issue: attribute paths.'${path}'(${method}).responses.${status}.content.schema.${String(ref)} is missing`);
    }
  }
  return [...warnings];
}
