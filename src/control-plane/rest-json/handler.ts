import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlane } from '../control-plane.js';
import { ServiceError } from '../service-errors.js';
import { createSigV4Verifier, type SigV4Credentials, type SigV4Identity, type SigV4Verifier } from '../../sigv4/index.js';
import { answerSts, isStsRequest, STS_AUTH_CODES, stsError, type StsReply } from '../sts/index.js';
import { OPERATION_BINDINGS } from './operation-table.js';
import { declaredLength, readBody } from '../../wire/index.js';
import { errorReply, type Reply, send } from './reply.js';
import { requestMembers } from './request-members.js';
import { createRouter } from './router.js';
import { runOperation } from './run-operation.js';
import { isControlPlaneRequest, type Target, targetOf } from './request-target.js';
import { UNSUPPORTED_BINDINGS } from './unsupported-operations.js';

/** Control-plane bodies are small JSON documents; anything past 10 MB is refused with 413. */
const MAX_CONTROL_PLANE_BODY = 10 * 1024 * 1024;

export { isControlPlaneRequest };

/** The two logger methods used here; pino's Logger satisfies it (control-plane imports no observability). */
export interface ControlPlaneLogger {
  error(details: object, message: string): void;
  debug(details: object, message: string): void;
}

export interface RestJsonHandlerOptions {
  logger: ControlPlaneLogger;
  /** Verifies SigV4; without it every request is accepted (the scope is still read for logs). */
  auth?: SigV4Verifier;
  /** Shorthand for `auth: createSigV4Verifier(credentials)`. */
  credentials?: readonly SigV4Credentials[];
  /** `x-amzn-RequestId` values; AWS uses UUIDs. */
  requestId?: () => string;
}

export function createRestJsonHandler(
  controlPlane: ControlPlane,
  options: RestJsonHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { logger } = options;
  const verifier = options.auth ?? createSigV4Verifier(options.credentials ?? []);
  const newRequestId = options.requestId ?? randomUUID;
  const route = createRouter([...OPERATION_BINDINGS, ...UNSUPPORTED_BINDINGS]);

  async function restReply(target: Target, query: URLSearchParams, body: Buffer, log: Record<string, unknown>): Promise<Reply> {
    const routed = route(target.method, target.rawPath);
    if (routed.kind === 'bad-encoding')
      return errorReply({
        type: 'BadRequestException',
        status: 400,
        message: `Invalid percent-encoding in path segment "${routed.segment}".`,
      });
    if (routed.kind === 'none') {
      const hint = routed.allowed.length ? ` This path accepts ${routed.allowed.join(', ')}.` : '';
      return errorReply({
        type: 'NotFoundException',
        status: 404,
        message: `No apigatewayv2 operation matches ${target.method} ${target.rawPath}.${hint}`,
      });
    }
    log['operation'] = routed.binding.name;
    try {
      return await runOperation(controlPlane, routed.binding, requestMembers(routed.binding, routed.labels, query, body));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return errorReply({
        type: error.type,
        status: error.status,
        message: error.message,
        ...(error.resourceType !== undefined ? { resourceType: error.resourceType } : {}),
      });
    }
  }

  function stsReply(target: Target, body: Buffer, identity: SigV4Identity, requestId: string): StsReply {
    const params = new URLSearchParams(target.rawQuery);
    if (target.method === 'POST') for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
    return answerSts(params, { accountId: controlPlane.accountId, requestId, identity });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, log: Record<string, unknown>): Promise<void> {
    const target = targetOf(req);
    const read = await readBody(
      req,
      MAX_CONTROL_PLANE_BODY,
      declaredLength(req.headers['content-length'], req.headers['transfer-encoding']),
    );
    // The client went away before its body was complete: there is nobody to answer.
    if (read.kind === 'aborted' || read.kind === 'stalled') return;
    if (read.kind === 'too-large') {
      req.resume();
      const message = 'Request body too large: control-plane requests are limited to 10485760 bytes.';
      send(res, errorReply({ type: 'RequestEntityTooLargeException', status: 413, message }), requestId, { Connection: 'close' });
      return;
    }
    const sts = isStsRequest(target.method, target.rawPath, target.rawQuery, req.headers);
    const verdict = verifier.verify(
      { method: target.method, path: target.rawPath, query: target.rawQuery, headers: req.headers, body: read.body },
      { service: sts ? 'sts' : 'apigateway' },
    );
    if (!verdict.ok) {
      log['authError'] = verdict.error.type;
      if (sts) {
        const code = STS_AUTH_CODES[verdict.error.type] ?? verdict.error.type;
        const reply = stsError(verdict.error.status, code, verdict.error.message, requestId);
        send(res, { status: reply.status, contentType: 'text/xml', body: reply.body }, requestId);
      } else send(res, errorReply(verdict.error), requestId);
      return;
    }
    Object.assign(log, { accessKeyId: verdict.identity.accessKeyId, region: verdict.identity.region });
    if (sts) {
      log['operation'] = 'sts';
      const reply = stsReply(target, read.body, verdict.identity, requestId);
      send(res, { status: reply.status, contentType: 'text/xml', body: reply.body }, requestId);
      return;
    }
    const reply = await restReply(target, new URLSearchParams(target.rawQuery), read.body, log);
    log['status'] = reply.status;
    send(res, reply, requestId);
  }

  return (req, res) => {
    const requestId = newRequestId();
    const log: Record<string, unknown> = { requestId, method: req.method, path: req.url };
    handle(req, res, requestId, log).then(
      () => logger.debug(log, 'control-plane request'),
      (error: unknown) => {
        // Unexpected failures are logged with the request id; the client sees no internals.
        logger.error({ ...log, err: error }, 'control-plane request failed');
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const message = `An internal error occurred. Request id ${requestId} identifies it in the Portico log.`;
        send(res, errorReply({ type: 'InternalServerException', status: 500, message }), requestId);
      },
    );
  };
}
