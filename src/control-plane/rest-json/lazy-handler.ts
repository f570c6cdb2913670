import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSigV4Verifier } from '../../sigv4/index.js';
import type { ControlPlane } from '../control-plane.js';
import type { RestJsonHandlerOptions } from './handler.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The AWS wire protocol (router, operation table, STS, replies) is loaded with the first
 * control-plane request rather than at start-up: serving an API never needs it, and a gateway
 * started by `portico up` answers its first proxied request sooner. The SigV4 verifier is made
 * now, so bad `--auth` credentials still stop the start.
 */
export function createRestJsonHandler(controlPlane: ControlPlane, options: RestJsonHandlerOptions): Handler {
  const settled: RestJsonHandlerOptions = { ...options, auth: options.auth ?? createSigV4Verifier(options.credentials ?? []) };
  let handler: Handler | undefined;
  let loading: Promise<Handler> | undefined;
  return (req, res) => {
    if (handler) return handler(req, res);
    loading ??= import('./handler.js').then((module) => (handler = module.createRestJsonHandler(controlPlane, settled)));
    loading.then(
      (ready) => ready(req, res),
      (error: unknown) => {
        options.logger.error({ err: error }, 'the control-plane protocol could not be loaded');
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"An internal error occurred."}');
      },
    );
  };
}
