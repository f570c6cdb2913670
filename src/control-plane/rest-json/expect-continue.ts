import type { IncomingMessage } from 'node:http';

/**
 * Requests whose `Expect: 100-continue` the server left to the control plane (node:http's
 * 'checkContinue'): the body is asked for with `100 Continue` only once the head has passed every
 * check, so a request refused on its head never has its body sent at all. The primary's control
 * socket marks the requests workers forward this way (server/workers/control-socket.ts).
 */
const awaiting = new WeakSet<IncomingMessage>();

export function awaitContinue(req: IncomingMessage): void {
  awaiting.add(req);
}

/** True once for a marked request: the caller writes `100 Continue` before reading the body. */
export function takeContinue(req: IncomingMessage): boolean {
  return awaiting.delete(req);
}
