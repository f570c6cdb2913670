/**
 * A request body as it arrives, read as a stream: node:http's IncomingMessage is one, and so is the
 * in-process request of `Gateway.handle`. `complete` turns true once the whole body was received.
 */
export interface BodySource {
  readonly complete: boolean;
  readonly destroyed: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'end' | 'close', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  listenerCount(event: 'error'): number;
  pause(): unknown;
  resume(): unknown;
}
