import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlane } from '../control-plane.js';
import { ServiceError } from '../service-errors.js';
import {
  createSigV4Verifier,
  type SigV4Credentials,
  type SigV4Error,
  type SigV4Expectations,
  type SigV4Identity,
  type SigV4Verifier,
} from '../../sigv4/index.js';
import { answerSts, isStsRequest, STS_AUTH_CODES, stsError, type StsReply } from '../sts/index.js';
import { BodyBudget } from './body-budget.js';
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
const TOO_LARGE = errorReply({
  type: 'RequestEntityTooLargeException',
  status: 413,
  message: `Request body too large: control-plane requests are limited to ${MAX_CONTROL_PLANE_BODY} bytes.`,
});
/** Refusals that leave a body unread end the connection rather than drain it. */
const CLOSE = { Connection: 'close' };

function overBudget(capacity: number): Reply {
  const message =
    `Too Many Requests: the control-plane request bodies being received at once would pass this endpoint's budget of ${capacity} bytes. ` +
    'Retry the request later.';
  return errorReply({ type: 'TooManyRequestsException', status: 429, message });
}

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
  /** Bytes of request bodies held at once across connections (body-budget.ts); default 64 MiB. */
  bodyBudgetBytes?: number;
}

export function createRestJsonHandler(
  controlPlane: ControlPlane,
  options: RestJsonHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { logger } = options;
  const verifier = options.auth ?? createSigV4Verifier(options.credentials ?? []);
  const newRequestId = options.requestId ?? randomUUID;
  const route = createRouter([...OPERATION_BINDINGS, ...UNSUPPORTED_BINDINGS]);
  const budget = new BodyBudget(options.bodyBudgetBytes);

  function restReply(target: Target, query: URLSearchParams, body: Buffer, log: Record<string, unknown>): Reply {
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
      return runOperation(controlPlane, routed.binding, requestMembers(routed.binding, routed.labels, query, body));
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

  /**
   * What a signature must also satisfy here: the service's signing name, the region this Portico
   * serves (STS also takes us-east-1, its global endpoint's), and a signed body — apigatewayv2 and
   * STS accept no `UNSIGNED-PAYLOAD`, so a captured request cannot be replayed with another body.
   */
  function expectations(sts: boolean): SigV4Expectations {
    const region = controlPlane.region;
    return { service: sts ? 'sts' : 'apigateway', regions: sts ? [region, 'us-east-1'] : [region], payload: 'signed' };
  }

  /** A SigV4 refusal in the service's own frame: rest-json for apigatewayv2, XML for STS. */
  function refuse(res: ServerResponse, sts: boolean, error: SigV4Error, requestId: string, log: Record<string, unknown>, extra = {}): void {
    log['authError'] = error.type;
    if (!sts) return send(res, errorReply(error), requestId, extra);
    const reply = stsError(error.status, STS_AUTH_CODES[error.type] ?? error.type, error.message, requestId);
    send(res, { status: reply.status, contentType: 'text/xml', body: reply.body }, requestId, extra);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, log: Record<string, unknown>): Promise<void> {
    const target = targetOf(req);
    const sts = isStsRequest(target.method, target.rawPath, target.rawQuery, req.headers);
    const wanted = expectations(sts);
    const head = { method: target.method, path: target.rawPath, query: target.rawQuery, headers: req.headers };
    // Everything the head can prove (signature present and well formed, known key, date, scope) is
    // checked before a byte of the body is read; a refused request's body is never read: the
    // connection closes after the answer instead of draining it.
    const early = verifier.checkHead(head, wanted);
    if (!early.ok) return refuse(res, sts, early.error, requestId, log, CLOSE);
    const length = declaredLength(req.headers['content-length'], req.headers['transfer-encoding']);
    if (length > MAX_CONTROL_PLANE_BODY) return send(res, TOO_LARGE, requestId, CLOSE);
    const release = budget.take(length < 0 ? MAX_CONTROL_PLANE_BODY : length);
    if (release === undefined) {
      log['refused'] = 'body budget';
      return send(res, overBudget(budget.capacity), requestId, CLOSE);
    }
    try {
      await answer(req, res, requestId, log, { target, sts, wanted, length });
    } finally {
      release();
    }
  }

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    log: Record<string, unknown>,
    request: { target: Target; sts: boolean; wanted: SigV4Expectations; length: number },
  ): Promise<void> {
    const { target, sts } = request;
    const read = await readBody(req, MAX_CONTROL_PLANE_BODY, request.length);
    // The client went away before its body was complete: there is nobody to answer.
    if (read.kind === 'aborted' || read.kind === 'stalled') return;
    if (read.kind === 'too-large') {
      req.resume();
      return send(res, TOO_LARGE, requestId, CLOSE);
    }
    const verdict = verifier.verify(
      { method: target.method, path: target.rawPath, query: target.rawQuery, headers: req.headers, body: read.body },
      request.wanted,
    );
    if (!verdict.ok) return refuse(res, sts, verdict.error, requestId, log);
    Object.assign(log, { accessKeyId: verdict.identity.accessKeyId, region: verdict.identity.region });
    if (sts) {
      log['operation'] = 'sts';
      const reply = stsReply(target, read.body, verdict.identity, requestId);
      send(res, { status: reply.status, contentType: 'text/xml', body: reply.body }, requestId);
      return;
    }
    const reply = restReply(target, new URLSearchParams(target.rawQuery), read.body, log);
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
