import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../../observability/index.js';

/**
 * Headers of one hop (RFC 9110 §7.6.1) and the ones this server sets itself: the rest of a
 * control-plane request goes to the primary byte for byte, SigV4 signature and Host included.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'date']);

function endToEnd(rawHeaders: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, rawHeaders[i + 1] as string);
  }
  return out;
}

export interface ControlPlaneForwarder {
  (req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

/**
 * A worker's control plane: every apigatewayv2/STS request goes to the primary, the one process that
 * writes the state, so writes never race between processes. The answer is held until every worker
 * serves what the write changed (`settled`), as a single process has swapped its configuration
 * before it answers: a client that reads its own write through any worker sees it.
 */
export function forwardControlPlane(socketPath: string, settled: () => Promise<void>, logger: Logger): ControlPlaneForwarder {
  const agent = new Agent({ keepAlive: true });
  const forward = ((req: IncomingMessage, res: ServerResponse): void => {
    let answered = false;
    const unavailable = (error: Error): void => {
      // The primary answered before it read the whole body (a refused signature, a body over the
      // budget) and closed its side: the answer stands, the rest of the body is not sent on.
      if (answered) return;
      logger.error({ err: error }, 'the control plane (primary process) did not answer');
      if (res.headersSent) return void res.destroy(error);
      // The AWS error frame (x-amzn-ErrorType + {"message"}), as the service answers when it cannot serve.
      res
        .writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailableException' })
        .end('{"message":"Service Unavailable"}');
    };
    const upstream = request({ socketPath, agent, method: req.method, path: req.url, headers: endToEnd(req.rawHeaders) }, (answer) => {
      answered = true;
      if (!req.complete) {
        // Answered on the head alone: stop forwarding the body, and close the client's connection after the answer.
        req.unpipe(upstream);
        res.shouldKeepAlive = false;
      }
      settled().then(
        () => {
          res.writeHead(answer.statusCode ?? 500, endToEnd(answer.rawHeaders));
          answer.pipe(res);
        },
        (error: Error) => {
          answer.resume();
          unavailable(error);
        },
      );
    });
    upstream.on('error', unavailable);
    req.pipe(upstream);
  }) as ControlPlaneForwarder;
  forward.close = () => agent.destroy();
  return forward;
}
