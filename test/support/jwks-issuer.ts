import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * A real OIDC issuer on 127.0.0.1 port 0 with keys the test generates: discovery at
 * `/.well-known/openid-configuration`, its JWKS at `/jwks.json`. `publish` and `retire` rotate keys;
 * `fetches` counts JWKS downloads.
 */
export interface JwksIssuer {
  readonly url: string;
  readonly fetches: { discovery: number; jwks: number };
  /** Make a new signing key; published unless `publish` is false. */
  addKey(kid: string, publish?: boolean): Promise<void>;
  publish(kid: string): void;
  sign(
    kid: string,
    claims: JWTPayload,
    options?: { issuer?: string; audience?: string | string[] | null; expiresIn?: number; notBefore?: number; issuedAt?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startJwksIssuer(now: () => number): Promise<JwksIssuer> {
  const keys = new Map<string, { privateKey: SigningKey; jwk: JWK; published: boolean }>();
  const fetches = { discovery: 0, jwks: 0 };
  let url = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      fetches.discovery += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks.json` }));
    } else if (req.url === '/jwks.json') {
      fetches.jwks += 1;
      const published = [...keys.values()].filter((key) => key.published).map((key) => key.jwk);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fetches,
    async addKey(kid, publish = true) {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      keys.set(kid, { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, published: publish });
    },
    publish(kid) {
      const key = keys.get(kid);
      if (key) key.published = true;
    },
    async sign(kid, claims, options = {}) {
      const key = keys.get(kid);
      if (!key) throw new Error(`no key ${kid}`);
      const seconds = Math.floor(now() / 1000);
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(options.issuer ?? url);
      // audience null: no `aud` claim at all.
      if (options.audience !== null) jwt.setAudience(options.audience ?? 'portico-example');
      return jwt
        .setIssuedAt(options.issuedAt ?? seconds)
        .setNotBefore(options.notBefore ?? seconds)
        .setExpirationTime(seconds + (options.expiresIn ?? 3600))
        .sign(key.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
