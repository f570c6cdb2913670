import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOptions } from '../../src/cli/commands.js';
import { checkRow, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const S1 = 'docs/reference/dataplane.md §1';

/** A throwaway self-signed certificate for the test's custom domains (EC P-256: generated in milliseconds). */
function selfSigned(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=api.example.com',
      '-addext',
      'subjectAltName=DNS:api.example.com,DNS:keyed.example.com,DNS:*.execute-api.localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

const rows: Row[] = [
  {
    ref: S1,
    name: 'a custom domain over HTTPS with the certificate given: routed by its API mappings; the backend is told the client used https',
    request: { tls: true, host: 'api.example.com', path: '/orders/x' },
    expect: { status: 200, upstream: { url: '/prod/x', headers: { 'x-forwarded-proto': 'https', forwarded: /;proto=https$/ } } },
  },
  {
    ref: S1,
    name: '$context.customDomain.basePathMatched over HTTPS',
    request: { tls: true, host: 'keyed.example.com', path: '/v1/mapped' },
    expect: { status: 200, upstream: { url: '/mapped', headers: { 'x-base-path': 'v1', 'x-domain': 'keyed.example.com' } } },
  },
];

describe('conformance: custom domains over TLS (--tls-cert/--tls-key)', () => {
  let target: PorticoTarget;
  let files: { cert: string; key: string };
  beforeAll(async () => {
    files = selfSigned(mkdtempSync(join(tmpdir(), 'portico-tls-')));
    const started = await startFixture('stages', { tls: { certFile: files.cert, keyFile: files.key, port: 0 } });
    target = { ...started, tlsPort: started.portico.tlsPort, ca: readFileSync(files.cert) } as PorticoTarget;
  });
  afterAll(async () => {
    await target?.close();
  });
  for (const row of rows) it(`${row.ref}: ${row.name}`, async () => void (await checkRow(target, row)));

  it('the HTTPS port serves execute-api hosts too, and the edge port stays plain HTTP', async () => {
    expect(target.tlsPort).toBeGreaterThan(0);
    await checkRow(target, {
      ref: S1,
      name: 'execute-api over TLS',
      request: { tls: true, api: 'shop', path: '/prod/a' },
      expect: { status: 200, upstream: { url: '/prod/a' } },
    });
    await checkRow(target, {
      ref: S1,
      name: 'plain edge',
      request: { host: 'api.example.com', path: '/orders/x' },
      expect: { status: 200, upstream: { headers: { 'x-forwarded-proto': 'http' } } },
    });
  });

  it('a certificate file that is not PEM is refused at start-up, by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-tls-bad-'));
    writeFileSync(join(dir, 'cert.pem'), 'not a certificate');
    await expect(startFixture('stages', { tls: { certFile: join(dir, 'cert.pem'), keyFile: files.key, port: 0 } })).rejects.toThrow(
      /--tls-cert .*cert\.pem .*not a usable PEM certificate/,
    );
    await expect(startFixture('stages', { tls: { certFile: join(dir, 'missing.pem'), keyFile: files.key, port: 0 } })).rejects.toThrow(
      /--tls-cert .*missing\.pem: no such file/,
    );
  });

  it('the CLI flags: --tls-cert and --tls-key go together, --tls-port picks the port; slow-client timeouts', () => {
    const flags = { port: '0', host: '127.0.0.1' };
    expect(toOptions(undefined, { ...flags, tlsCert: 'c.pem', tlsKey: 'k.pem', tlsPort: '8443' }).tls).toEqual({
      certFile: 'c.pem',
      keyFile: 'k.pem',
      port: 8443,
    });
    expect(toOptions(undefined, { ...flags, tlsCert: 'c.pem', tlsKey: 'k.pem' }).tls?.port).toBe(4443);
    expect(toOptions(undefined, flags).tls).toBeUndefined();
    expect(() => toOptions(undefined, { ...flags, tlsCert: 'c.pem' })).toThrow('--tls-cert and --tls-key go together');
    expect(toOptions(undefined, { ...flags, headersTimeout: '5000', requestTimeout: '20000' }).clientLimits).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 20000,
    });
    expect(() => toOptions(undefined, { ...flags, headersTimeout: 'soon' })).toThrow(
      '--headers-timeout soon: expected a number of milliseconds',
    );
  });
});
