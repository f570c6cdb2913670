import { parseArn } from '../../model/index.js';

/** A function named by an integration or authorizer URI, an ARN, or a plain name. */
export interface FunctionReference {
  readonly functionName: string;
  /** Version or alias (`:live`, `:3`, `:$LATEST`); Portico runs the same local code for all of them. */
  readonly qualifier: string | undefined;
}

/** `…/functions/{functionArn}/invocations` of an invoke ARN (Lambda integration URIs, authorizer URIs). */
const INVOKE_PATH = /^path\/2015-03-31\/functions\/(.+)\/invocations$/;

/**
 * What Lambda accepts as a FunctionName (Invoke API reference): a name (`my-function`, with an
 * optional `:qualifier`), a partial ARN (`123456789012:function:my-function`) or a full ARN
 * (`arn:aws:lambda:us-west-2:123456789012:function:my-function[:qualifier]`); and API Gateway's
 * invoke ARN around any of those (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`).
 */
export function parseFunctionReference(value: string): FunctionReference | undefined {
  const arn = parseArn(value);
  if (arn !== undefined && arn.service === 'apigateway') {
    const inner = INVOKE_PATH.exec(arn.resource);
    return inner?.[1] === undefined ? undefined : parseFunctionReference(inner[1]);
  }
  if (arn !== undefined) {
    if (arn.service !== 'lambda') return undefined;
    const [kind, name, qualifier] = arn.resource.split(':');
    if (kind !== 'function' || !name) return undefined;
    return { functionName: name, qualifier: qualifier || undefined };
  }
  const parts = value.split(':');
  if (parts.length === 3 && parts[1] === 'function' && parts[2]) return { functionName: parts[2], qualifier: undefined };
  if (parts.length === 4 && parts[1] === 'function' && parts[2]) return { functionName: parts[2], qualifier: parts[3] || undefined };
  if (parts.length <= 2 && /^[A-Za-z0-9_-]+$/.test(parts[0] ?? ''))
    return { functionName: parts[0] as string, qualifier: parts[1] || undefined };
  return undefined;
}
