import { createHash } from 'node:crypto';
import type { SigV4Identity } from '../../sigv4/index.js';

/**
 * A minimal STS: GetCallerIdentity, which the Terraform provider calls at configure time to
 * validate credentials and learn the account id (docs/reference/controlplane.md §4.3). Every other action is
 * answered with the query protocol's InvalidAction error. Responses are the query protocol's
 * XML (botocore data/sts/2011-06-15/service-2.json; AWS STS API Reference, GetCallerIdentity).
 */

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';

export interface StsReply {
  status: number;
  body: string;
}

export interface StsCaller {
  accountId: string;
  requestId: string;
  identity: SigV4Identity;
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/** The query protocol's error document; `Type` is Sender for the caller's mistakes. */
export function stsError(status: number, code: string, message: string, requestId: string, type = 'Sender'): StsReply {
  return {
    status,
    body:
      `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xml(code)}</Code>\n` +
      `    <Message>${xml(message)}</Message>\n  </Error>\n  <RequestId>${xml(requestId)}</RequestId>\n</ErrorResponse>\n`,
  };
}

/**
 * Real IAM user ids are "AIDA" + 17 characters; one derived from the access key keeps the
 * answer stable across restarts. Root callers get the account id, as on AWS.
 */
function principal(accountId: string, identity: SigV4Identity): { arn: string; userId: string } {
  if (identity.userName === undefined) return { arn: `arn:aws:iam::${accountId}:root`, userId: accountId };
  const digest = createHash('sha256')
    .update(identity.accessKeyId ?? identity.userName)
    .digest('hex')
    .toUpperCase();
  return { arn: `arn:aws:iam::${accountId}:user/${identity.userName}`, userId: `AIDA${digest.slice(0, 17)}` };
}

export function answerSts(params: URLSearchParams, caller: StsCaller): StsReply {
  const action = params.get('Action');
  if (!action) return stsError(400, 'MissingAction', 'Missing Action', caller.requestId);
  const version = params.get('Version') ?? VERSION;
  if (action !== 'GetCallerIdentity' || version !== VERSION)
    return stsError(
      400,
      'InvalidAction',
      `Could not find operation ${action} for version ${version}; Portico's STS answers only GetCallerIdentity (${VERSION}).`,
      caller.requestId,
    );
  const { arn, userId } = principal(caller.accountId, caller.identity);
  return {
    status: 200,
    body:
      `<GetCallerIdentityResponse xmlns="${NAMESPACE}">\n  <GetCallerIdentityResult>\n` +
      `    <Arn>${xml(arn)}</Arn>\n    <UserId>${xml(userId)}</UserId>\n    <Account>${xml(caller.accountId)}</Account>\n` +
      `  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>${xml(caller.requestId)}</RequestId>\n` +
      `  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`,
  };
}

/**
 * SigV4 failures in STS's own words: the query protocol names them SignatureDoesNotMatch and
 * InvalidClientTokenId where JSON services say InvalidSignatureException and
 * UnrecognizedClientException (AWS STS API Reference, "Common Errors").
 */
export const STS_AUTH_CODES: Readonly<Record<string, string>> = {
  InvalidSignatureException: 'SignatureDoesNotMatch',
  UnrecognizedClientException: 'InvalidClientTokenId',
  IncompleteSignatureException: 'IncompleteSignature',
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
};
