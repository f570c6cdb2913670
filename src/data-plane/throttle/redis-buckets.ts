import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { LedgerTimers } from './bucket-ledger.js';
import type { ThrottleLimits } from './token-bucket.js';

/**
 * One bucket in Redis, refilled and taken from in one atomic script on Redis's own clock, so the
 * nodes' clocks never matter. AWS's token bucket (docs/reference/dataplane.md §8): full when
 * created, `rate` tokens a second up to `burst`. A positive count takes up to that many whole
 * tokens; a negative one gives tokens back (capped at the burst). Answers {granted, wait ms until
 * a token is back}. A bucket left alone long enough to be full again expires: absent means full.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(state[1])
local last = tonumber(state[2])
if tokens == nil or last == nil then
  tokens = burst
  last = now
end
if now > last then
  tokens = math.min(burst, tokens + (now - last) * rate / 1000)
  last = now
end
local granted = 0
if n >= 0 then
  granted = math.max(0, math.min(n, math.floor(tokens)))
  tokens = tokens - granted
else
  tokens = math.min(burst, tokens - n)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(last))
local full = 60000
if rate > 0 then full = math.ceil((burst - tokens) * 1000 / rate) + 1000 end
redis.call('PEXPIRE', KEYS[1], math.max(1000, full))
local wait = 0
if granted == 0 and n > 0 then
  if rate > 0 then wait = math.ceil((1 - tokens) * 1000 / rate) else wait = 1000 end
end
return {granted, wait}
`;

/** Every node says it is alive this often; the count of live nodes sizes the local fallback buckets. */
export const HEARTBEAT_MS = 1_000;
const NODE_TTL_MS = 3 * HEARTBEAT_MS;

export interface RedisBucketsOptions {
  readonly url: string;
  /** Keys start with this (default `portico:`), so several gateways can share one Redis. */
  readonly prefix?: string;
  readonly node: string;
  readonly timers: LedgerTimers & { setInterval(run: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
  /** Redis became reachable (true) or not (false). */
  readonly onState: (up: boolean, reason?: string) => void;
}

type TakeCommand = (key: string, rate: number, burst: number, count: number) => Promise<[number, number]>;

/** The Redis side of shared throttling: the script, the node heartbeat, the connection's state. */
/** ioredis (CommonJS), loaded on first use: only `--redis` needs it, and its 50 modules were a quarter of start-up's module loading. */
const loadIoredis = (): typeof import('ioredis') => createRequire(import.meta.url)('ioredis') as typeof import('ioredis');

export class RedisBuckets {
  readonly #redis: Redis & { porticoTake: TakeCommand };
  readonly #prefix: string;
  readonly #options: RedisBucketsOptions;
  readonly #heartbeat: unknown;
  #up = false;
  /** Live nodes at the last heartbeat (this one included). */
  nodes = 1;

  constructor(options: RedisBucketsOptions) {
    this.#options = options;
    this.#prefix = options.prefix ?? 'portico:';
    const redis = new (loadIoredis().Redis)(options.url, {
      // Fail at once while disconnected: a request never waits for Redis, the local buckets answer.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(100 * times, 1_000),
      lazyConnect: false,
    });
    redis.defineCommand('porticoTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.#redis = redis as Redis & { porticoTake: TakeCommand };
    redis.on('ready', () => {
      this.#state(true);
      this.#beat();
    });
    redis.on('error', (error: Error) => this.#state(false, error.message));
    redis.on('close', () => this.#state(false, 'connection closed'));
    this.#heartbeat = options.timers.setInterval(() => this.#beat(), HEARTBEAT_MS);
  }

  get up(): boolean {
    return this.#up;
  }

  /** Up to `count` tokens of the bucket (or, negative, give them back). Rejects while Redis is away. */
  async take(bucket: string, limits: ThrottleLimits, count: number): Promise<{ granted: number; waitMs: number }> {
    const [granted, waitMs] = await this.#redis.porticoTake(`${this.#prefix}bucket:${bucket}`, limits.rateLimit, limits.burstLimit, count);
    return { granted: Number(granted), waitMs: Number(waitMs) };
  }

  close(): void {
    this.#options.timers.clearInterval(this.#heartbeat);
    this.#redis.disconnect();
  }

  #beat(): void {
    if (!this.#up) return;
    const key = `${this.#prefix}nodes`;
    void this.#redis
      .multi()
      .time()
      .exec()
      .then(async (timed) => {
        const seconds = Number((timed?.[0]?.[1] as [string, string] | undefined)?.[0] ?? 0);
        const now = seconds * 1000;
        const result = await this.#redis
          .multi()
          .zadd(key, now, this.#options.node)
          .zremrangebyscore(key, 0, now - NODE_TTL_MS)
          .zcard(key)
          .pexpire(key, NODE_TTL_MS * 10)
          .exec();
        const count = Number(result?.[2]?.[1] ?? 1);
        this.nodes = Math.max(1, count);
      })
      .catch(() => undefined);
  }

  #state(up: boolean, reason?: string): void {
    if (up === this.#up) return;
    this.#up = up;
    this.#options.onState(up, reason);
  }
}
