import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

/** A certificate chain and its private key, PEM, for the HTTPS port. */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
}

export interface TlsOptions {
  /** PEM certificate (chain) file the HTTPS port presents (`--tls-cert`). */
  certFile: string;
  /** Its PEM private key (`--tls-key`). */
  keyFile: string;
  /** HTTPS port: the same endpoints as the edge port (execute-api hosts, custom domains). Default 4443; 0 picks a free port. */
  port?: number;
}

function read(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${flag} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/**
 * Read and check the certificate and key once at start-up, so a wrong file is reported by name
 * instead of failing every TLS handshake. HTTPS clients of a custom domain expect TLS
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html); the certificate is the user's (self-signed is fine).
 */
export function readTlsMaterial(options: TlsOptions): TlsMaterial {
  const cert = read(options.certFile, '--tls-cert');
  const key = read(options.keyFile, '--tls-key');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new Error(
      `--tls-cert ${options.certFile} / --tls-key ${options.keyFile}: not a usable PEM certificate and matching private key (${(error as Error).message})`,
    );
  }
  return { cert, key };
}
