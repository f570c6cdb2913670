import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { awaitContinue } from '../../control-plane/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ControlSocket {
  /** From now on requests go to the control plane (before: 404, as a single process answers before its control plane exists). */
  serve(handler: Handler): void;
  close(): Promise<void>;
}

const notYet: Handler = (_req, res) => {
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
};

/**
 * The primary's control plane, reached by the workers only: an HTTP server on a Unix socket (a named
 * pipe on Windows) in the run's private directory. Workers forward the apigatewayv2 and STS requests
 * they receive to it unchanged.
 */
export async function listenControlSocket(path: string): Promise<ControlSocket> {
  let handler = notYet;
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => handler(req, res));
  // Workers send bodies only after `100 Continue`, which the control plane writes once the head passed its checks.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    awaitContinue(req);
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    serve: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
