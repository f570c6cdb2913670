import { createHmac } from 'node:crypto';

/**
 * The SigV4 key chain: HMAC("AWS4" + secret, date) → region → service → "aws4_request",
 * then the signature is the hex HMAC of the string to sign under that key
 * (AWS General Reference, "Calculate the signature for AWS Signature Version 4").
 */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

export function signature(key: Buffer, stringToSign: string): string {
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}
