/**
 * Where an HTTP response goes, in order: the head once, then body pieces with backpressure, then the
 * end, or a cut. The gateway's respond step hands one to every integration (which writes the
 * endpoint's response into it) and writes the client's response into another: node:http's
 * ServerResponse behind one, memory behind another (`Gateway.handle`, tests, the console's replay).
 */
export interface ResponseSink {
  /** Send the head. Throws when a field cannot go on the wire (invalid characters): nothing was sent then. */
  head(status: number, headers: string[]): void;
  /** The head went out (or could have): a second head cannot be written. */
  readonly headSent: boolean;
  /** A body piece; false when the receiver is behind: send nothing more until `onDrain` fires. */
  write(chunk: Buffer): boolean;
  /** The last body piece, if any, and the end of the response. */
  end(last?: Buffer): void;
  /** Cut the response off: once its head is out, the only honest signal left that it is incomplete. */
  abort(): void;
  /** Once, when the receiver has caught up after `write` returned false. */
  onDrain(listener: () => void): void;
  /** When the response is over, ended or cut, or the receiver went away first (node:http's 'close'). */
  onClose(listener: () => void): void;
  offClose(listener: () => void): void;
  /** The receiver is gone (or the response was cut): nothing written reaches anyone. */
  readonly closed: boolean;
  /**
   * The response closes its connection while the client may still be sending a body nobody reads:
   * after the end, read and discard that body for a bounded while before closing (lingering close),
   * so that the client reads the answer instead of a reset. Called before `end`; sinks without a
   * connection have nothing to do.
   */
  lingerBeforeClose?(): void;
}
