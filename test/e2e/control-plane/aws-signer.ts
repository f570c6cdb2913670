import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * AWS's own SigV4 signer (the one inside every v3 SDK client), with Node's crypto as its hash.
 * Tests sign with it so the verifier is checked against the real algorithm, never against itself.
 */
export class NodeSha256 {
  readonly #secret: string | Uint8Array | undefined;
  #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : secret instanceof ArrayBuffer
          ? new Uint8Array(secret)
          : new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
}

export function awsSigner(options: { accessKeyId: string; secretAccessKey: string; region: string; service: string }): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    region: options.region,
    service: options.service,
    sha256: NodeSha256,
  });
}

/** A signed fetch of `endpoint + path` (no query), as an SDK would send it. */
export async function signedFetch(
  endpoint: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
  signer: SignatureV4,
): Promise<Response> {
  const url = new URL(endpoint);
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: request.path,
    query: {},
    headers: { host: url.host, ...request.headers },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return fetch(`${endpoint}${request.path}`, {
    method: request.method,
    headers: signed.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
}
