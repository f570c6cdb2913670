/**
 * Reads the parts of a SigV4 signature from an `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/apigateway/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=…`) or from a presigned URL's `X-Amz-*` query.
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface CredentialScope {
  date: string;
  region: string;
  service: string;
  terminator: string;
}

export interface SignatureParts {
  algorithm: string;
  accessKeyId: string;
  scope: CredentialScope;
  /** `date/region/service/aws4_request` as written by the client. */
  credentialScope: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned URLs only: the X-Amz-Date and X-Amz-Expires query members. */
  presigned?: { amzDate: string; expiresSeconds: number };
}

export type ParsedSignature = { ok: true; value: SignatureParts } | { ok: false; problem: string };

function parseCredential(credential: string): { accessKeyId: string; scope: CredentialScope; credentialScope: string } | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = parts;
  if (!accessKeyId) return undefined;
  return { accessKeyId, scope: { date, region, service, terminator }, credentialScope: parts.slice(1).join('/') };
}

/** Problems are worded like AWS's IncompleteSignatureException messages. */
export function parseAuthorization(header: string): ParsedSignature {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM)
    return { ok: false, problem: `Unsupported AWS 'algorithm': '${algorithm}'; only ${SIGV4_ALGORITHM} is accepted.` };
  const fields = new Map<string, string>();
  for (const item of trimmed.slice(space + 1).split(',')) {
    const eq = item.indexOf('=');
    if (eq > 0) fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (missing.length > 0)
    return {
      ok: false,
      problem: `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${trimmed}`,
    };
  const credential = parseCredential(fields.get('Credential') ?? '');
  if (!credential)
    return {
      ok: false,
      problem: `Credential should be of the form 'AccessKeyId/yyyyMMdd/region/service/aws4_request', not '${fields.get('Credential')}'.`,
    };
  return {
    ok: true,
    value: {
      algorithm,
      ...credential,
      signedHeaders: (fields.get('SignedHeaders') ?? '').split(';').map((name) => name.trim().toLowerCase()),
      signature: fields.get('Signature') ?? '',
    },
  };
}

/** `?X-Amz-Algorithm=…&X-Amz-Credential=…&X-Amz-Date=…&X-Amz-Expires=…&X-Amz-SignedHeaders=…&X-Amz-Signature=…` */
export function parsePresignedQuery(query: URLSearchParams): ParsedSignature {
  const algorithm = query.get('X-Amz-Algorithm') ?? '';
  if (algorithm !== SIGV4_ALGORITHM)
    return { ok: false, problem: `Unsupported AWS 'algorithm': '${algorithm}'; only ${SIGV4_ALGORITHM} is accepted.` };
  const required = ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
  const missing = required.filter((name) => !query.get(name));
  if (missing.length > 0)
    return { ok: false, problem: `AWS query-string parameters must include ${missing.map((n) => `'${n}'`).join(', ')}.` };
  const credential = parseCredential(query.get('X-Amz-Credential') ?? '');
  if (!credential) return { ok: false, problem: `Invalid X-Amz-Credential '${query.get('X-Amz-Credential')}'.` };
  const expires = Number(query.get('X-Amz-Expires') ?? '900');
  if (!Number.isInteger(expires) || expires < 1 || expires > 604_800)
    return { ok: false, problem: 'X-Amz-Expires must be an integer number of seconds from 1 to 604800.' };
  return {
    ok: true,
    value: {
      algorithm,
      ...credential,
      signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';').map((name) => name.trim().toLowerCase()),
      signature: query.get('X-Amz-Signature') ?? '',
      presigned: { amzDate: query.get('X-Amz-Date') ?? '', expiresSeconds: expires },
    },
  };
}
