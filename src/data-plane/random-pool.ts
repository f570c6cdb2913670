import { randomFillSync } from 'node:crypto';

/**
 * Random bytes handed out in small slices from one refilled buffer: one `randomFillSync` per
 * few hundred requests instead of one crypto call per id.
 */
export class RandomPool {
  readonly #buffer: Buffer;
  #offset: number;

  constructor(size = 8192) {
    this.#buffer = Buffer.allocUnsafe(size);
    this.#offset = size;
  }

  /** Offset of `length` fresh bytes in `buffer`, valid until the next call. */
  take(length: number): number {
    if (this.#offset + length > this.#buffer.length) {
      randomFillSync(this.#buffer);
      this.#offset = 0;
    }
    const at = this.#offset;
    this.#offset += length;
    return at;
  }

  get buffer(): Buffer {
    return this.#buffer;
  }
}
