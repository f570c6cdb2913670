import { createHash } from 'node:crypto';
import type { SigV4Identity, SigV4Verifier } from '../../sigv4/index.js';
import type { IamCaller } from '../authorization.js';
import { headerMap, type ClientRequest } from '../client-request.js';
import type { AuthorizerDecision } from './decision.js';

/**
 * The caller behind verified credentials, as STS GetCallerIdentity names it here: an IAM user
 * (`arn:aws:iam::{account}:user/{name}`, id "AIDA" + 17 characters derived from the access key) or
 * the account's root (`…:root`, id = the account id).
 */
function callerOf(identity: SigV4Identity, accountId: string): IamCaller {
  const accessKey = identity.accessKeyId ?? '';
  if (identity.userName === undefined)
    return { accessKey, accountId, caller: accountId, user: accountId, userArn: `arn:aws:iam::${accountId}:root` };
  const digest = createHash('sha256')
    .update(accessKey || identity.userName)
    .digest('hex')
    .toUpperCase();
  const userId = `AIDA${digest.slice(0, 17)}`;
  return { accessKey, accountId, caller: userId, user: userId, userArn: `arn:aws:iam::${accountId}:user/${identity.userName}` };
}

/**
 * AWS_IAM routes (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html): the request must be SigV4-signed for
 * `execute-api` with credentials Portico knows (`--auth`); HTTP APIs have no resource policies, so a
 * valid signature from the account is the whole decision. Unsigned or bad signatures are 403
 * `{"message":"Forbidden"}` with the SigV4 error type in `x-amzn-ErrorType` (an unsigned request
 * was observed as IncompleteSignatureException, docs/reference/dataplane.md §6.3).
 */
export function iamAuthorize(
  req: ClientRequest,
  payload: { readonly body: Buffer | string; readonly payloadHash?: string },
  verifier: SigV4Verifier,
  accountId: string,
): AuthorizerDecision {
  // What the client signed: the request target as sent (a path-style `/_aws/execute-api/…` prefix included).
  const target = req.url ?? '/';
  const question = target.indexOf('?');
  const path = question < 0 ? target : target.slice(0, question);
  const query = question < 0 ? '' : target.slice(question + 1);
  const result = verifier.verify(
    { method: req.method ?? 'GET', path, query, headers: headerMap(req.rawHeaders), ...payload },
    { service: 'execute-api' },
  );
  if (result.ok && result.identity.signed)
    return { kind: 'allow', authorization: { kind: 'iam', caller: callerOf(result.identity, accountId) } };
  const type = result.ok
    ? 'IncompleteSignatureException'
    : result.error.type === 'MissingAuthenticationTokenException'
      ? 'IncompleteSignatureException'
      : result.error.type;
  const message = result.ok ? 'the request is not signed' : result.error.message;
  return { kind: 'deny', status: 'Forbidden', error: message, headers: ['x-amzn-errortype', type] };
}
