export {
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  type HeaderMap,
  sha256Hex,
  stringToSign,
  uriEncode,
} from './canonical-request.js';
export {
  parseAuthorization,
  parsePresignedQuery,
  type CredentialScope,
  type ParsedSignature,
  type SignatureParts,
} from './parse-authorization.js';
export { signature, signingKey } from './signing-key.js';
export {
  createSigV4Verifier,
  type SignedRequest,
  type SigV4Credentials,
  type SigV4Error,
  type SigV4ErrorType,
  type SigV4Identity,
  type SigV4Result,
  type SigV4Expectations,
  type SignedRequestHead,
  type SigV4Verifier,
  type SigV4VerifierOptions,
} from './verifier.js';
