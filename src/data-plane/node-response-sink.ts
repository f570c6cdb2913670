import type { ServerResponse } from 'node:http';
import { STREAM_HIGH_WATER_BYTES, type ResponseSink } from '../integrations/index.js';
import { lingerOnClose } from './lingering-close.js';

/** The client's response over node:http: the sink the respond step writes into on the edge, TLS and API ports. */
export class NodeResponseSink implements ResponseSink {
  constructor(private readonly res: ServerResponse) {}

  get headSent(): boolean {
    return this.res.headersSent;
  }

  get closed(): boolean {
    return this.res.destroyed;
  }

  /** Node checks every field here and throws before anything is sent; it adds `Date` and picks the framing. */
  head(status: number, headers: string[]): void {
    this.res.writeHead(status, headers);
  }

  write(chunk: Buffer): boolean {
    const res = this.res;
    // A false `write` only means Node's 16 KiB mark was passed: pause when the client really falls behind.
    return res.write(chunk) || res.writableLength <= STREAM_HIGH_WATER_BYTES;
  }

  end(last?: Buffer): void {
    this.res.end(last);
  }

  abort(): void {
    this.res.destroy();
  }

  lingerBeforeClose(): void {
    const socket = this.res.socket;
    if (socket !== null) lingerOnClose(socket, this.res.req);
  }

  onDrain(listener: () => void): void {
    this.res.once('drain', listener);
  }

  // 'close' fires once per response (finished or cut); `on` skips once()'s wrapper allocation.
  onClose(listener: () => void): void {
    this.res.on('close', listener);
  }

  offClose(listener: () => void): void {
    this.res.off('close', listener);
  }
}
