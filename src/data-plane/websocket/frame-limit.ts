/**
 * AWS refuses WebSocket frames over 32 KB even inside a message of up to 128 KB
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html, "WebSocket frame size"),
 * and closes the connection with 1009. `ws` limits whole messages only (`maxPayload`), so this
 * watches the client's byte stream beside it and reads only frame headers (RFC 6455 §5.2: two
 * bytes, an extended length, the mask key), skipping payloads: it decodes nothing.
 */
export class FrameLimit {
  /** Header bytes of the frame being read (at most 14). */
  readonly #header = Buffer.alloc(14);
  #have = 0;
  /** Payload bytes still to skip before the next frame header. */
  #skip = 0;
  #tripped = false;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly onTooBig: () => void,
  ) {}

  /** Feed what arrived from the client, in order. */
  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.#tripped) {
      if (this.#skip > 0) {
        const skipped = Math.min(this.#skip, chunk.length - at);
        this.#skip -= skipped;
        at += skipped;
        continue;
      }
      this.#header[this.#have++] = chunk[at++] as number;
      const needed = this.#headerLength();
      if (needed === undefined || this.#have < needed) continue;
      const length = this.#payloadLength();
      this.#have = 0;
      if (length > this.maxFrameBytes) {
        this.#tripped = true;
        this.onTooBig();
        return;
      }
      this.#skip = length;
    }
  }

  /** The whole header's length once its first two bytes are known. */
  #headerLength(): number | undefined {
    if (this.#have < 2) return undefined;
    const second = this.#header[1] as number;
    const masked = (second & 0x80) !== 0 ? 4 : 0;
    const len7 = second & 0x7f;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + masked;
  }

  #payloadLength(): number {
    const len7 = (this.#header[1] as number) & 0x7f;
    if (len7 === 126) return this.#header.readUInt16BE(2);
    if (len7 === 127) return Number(this.#header.readBigUInt64BE(2));
    return len7;
  }
}
