import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, type PorticoOptions, startPortico } from '../../src/server/index.js';
import { writeConfig } from '../fixtures/terraform/temp-config.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

/**
 * docs/reference/dataplane.md §3.1: `tls_config.server_name_to_verify` on a private integration means HTTPS to
 * the target, with that name sent as SNI and checked against the target's certificate. The test
 * certificate (test/fixtures/tls) is for backend.internal and 127.0.0.1, signed by a test CA that
 * Portico trusts only when told to (portico.json "ca" or --target-ca).
 */
const TLS = join(import.meta.dirname, '..', 'fixtures', 'tls');
const LISTENER = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/${name}/50dc6c495c0c9188/0467ef3c8400ae65`;

function integration(name: string, listener: string, tlsConfig: string): string {
  return `
resource "aws_apigatewayv2_integration" "${name}" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.link.id
  integration_method = "ANY"
  integration_uri    = "${LISTENER(listener)}"
  ${tlsConfig}
}

resource "aws_apigatewayv2_route" "${name}" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "ANY /${name}/{proxy+}"
  target    = "integrations/\${aws_apigatewayv2_integration.${name}.id}"
}
`;
}

const TERRAFORM = `
resource "aws_apigatewayv2_api" "api" {
  name          = "tls"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_vpc_link" "link" {
  name               = "link"
  security_group_ids = []
  subnet_ids         = ["subnet-1"]
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
}
${integration('named', 'secure', 'tls_config {\n    server_name_to_verify = "backend.internal"\n  }')}
${integration('wrong', 'secure', 'tls_config {\n    server_name_to_verify = "other.internal"\n  }')}
${integration('bare', 'secure', '')}
${integration('plain', 'plain', 'tls_config {\n    server_name_to_verify = "backend.internal"\n  }')}
`;

interface SecureBackend {
  url: string;
  /** The SNI each request's connection carried (false: none). */
  serverNames: (string | false)[];
  close(): Promise<void>;
}

async function startSecureBackend(): Promise<SecureBackend> {
  const serverNames: (string | false)[] = [];
  const server: Server = createHttpsServer(
    { key: readFileSync(join(TLS, 'backend-key.pem')), cert: readFileSync(join(TLS, 'backend.pem')) },
    (req, res) => {
      serverNames.push((req.socket as TLSSocket).servername ?? false);
      res.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': 'secure' }).end(`tls ${req.url ?? ''}`);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serverNames,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('VPC-link targets over TLS', () => {
  let secure: SecureBackend;
  let plain: Upstream;
  const running: Portico[] = [];

  beforeAll(async () => {
    secure = await startSecureBackend();
    plain = await startUpstream('plain');
  });

  afterAll(async () => {
    for (const portico of running) await portico.stop();
    await secure?.close();
    await plain?.close();
  });

  async function start(options: Partial<PorticoOptions>, projectCa?: string): Promise<(path: string) => ReturnType<typeof send>> {
    const dir = writeConfig({ 'main.tf': TERRAFORM });
    const targets = { secure: [secure.url], plain: [plain.url] };
    if (projectCa !== undefined) {
      copyFileSync(join(TLS, 'ca.pem'), join(dir, projectCa));
      writeFileSync(join(dir, 'portico.json'), JSON.stringify({ targets, ca: projectCa }));
    }
    const portico = await startPortico({
      dir,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      ...(projectCa ? {} : { targets }),
      ...options,
    });
    running.push(portico);
    const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
    return (path) => send(`${base}${path}`);
  }

  describe('with the test CA from portico.json "ca"', () => {
    let get: (path: string) => ReturnType<typeof send>;
    beforeAll(async () => {
      get = await start({}, 'ca.pem');
    });

    it('server_name_to_verify is sent as SNI and the certificate is checked against it', async () => {
      const before = secure.serverNames.length;
      const reply = await get('/named/orders?x=1');
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('tls /named/orders?x=1');
      expect(secure.serverNames.slice(before)).toEqual(['backend.internal']);
    });

    it('a certificate that does not name server_name_to_verify → 503 Service Unavailable', async () => {
      const reply = await get('/wrong/x');
      expect(reply.status).toBe(503);
      expect(reply.json()).toEqual({ message: 'Service Unavailable' });
    });

    it('an https:// target without tls_config still gets TLS, checked against the URL host (no SNI for an IP)', async () => {
      const before = secure.serverNames.length;
      expect((await get('/bare/x')).status).toBe(200);
      expect(secure.serverNames.slice(before)).toEqual([false]);
    });

    it('an http:// target keeps plain HTTP even when the integration has a tls_config', async () => {
      const reply = await get('/plain/x');
      expect(reply.status).toBe(200);
      expect(reply.headers['x-upstream']).toBe('plain');
    });
  });

  it('without the CA the self-signed chain is not trusted → 503; --target-ca trusts it', async () => {
    const untrusted = await start({});
    expect((await untrusted('/named/x')).status).toBe(503);
    const trusted = await start({ targetCa: [join(TLS, 'ca.pem')] });
    expect((await trusted('/named/x')).status).toBe(200);
  });

  it('a CA file that cannot be read stops start-up with the file named', async () => {
    await expect(start({ targetCa: [join(TLS, 'missing.pem')] })).rejects.toThrow(
      /--target-ca .*missing\.pem: cannot read the CA certificate/,
    );
    await expect(start({ targetCa: [join(TLS, 'README.md')] })).rejects.toThrow(/is not a PEM certificate/);
  });
});
