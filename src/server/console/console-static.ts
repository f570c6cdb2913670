import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  readonly type: string;
  readonly raw: Buffer;
  readonly compressible: boolean;
  /** Made the first time a client asks for that encoding, then kept. */
  gzip?: Buffer;
  brotli?: Buffer;
  readonly etag: string;
  /** Vite's hashed file names never change content: cached for a year; index.html is revalidated. */
  readonly immutable: boolean;
}

/**
 * Where `npm ci` (the build) puts the console: dist/console, seen from the CLI's bundle (dist/cli,
 * scripts/bundle-cli.mjs), from tsc's dist/server/console, or from the sources the tests run. The
 * bundle's candidate comes first: from dist/cli, two levels up is the repository, whose console/
 * holds the page's sources (an index.html too).
 */
export function consoleDirectory(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', 'console'), join(here, '..', '..', 'console'), join(here, '..', '..', '..', 'dist', 'console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Every file under `dir` (none without one), by its path below it with `/` separators. */
function readAssets(dir: string | undefined): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (dir === undefined) return assets;
  for (const path of files(dir)) {
    const raw = readFileSync(path);
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const compressible = /text|javascript|json|svg/.test(type) && raw.length > 512;
    const name = relative(dir, path).split(sep).join('/');
    assets.set(name, {
      type,
      raw,
      compressible,
      etag: `"${raw.length.toString(16)}-${simpleHash(raw)}"`,
      immutable: name.startsWith('assets/'),
    });
  }
  return assets;
}

/**
 * The console's built files, read once (on the first request for the console: reading and hashing
 * them was ~15 ms of start-up) and served from memory with caching headers; the gzip and brotli
 * forms of each are made the first time a client asks for them (making them all at start-up, at the
 * highest levels, was 140 ms of a 800 ms cold start). No CDN: everything the page loads comes from here.
 */
export class ConsoleAssets {
  readonly #dir: string | undefined;
  #loaded: Map<string, Asset> | undefined;

  constructor(dir: string | undefined) {
    this.#dir = dir;
  }

  get #assets(): Map<string, Asset> {
    return (this.#loaded ??= readAssets(this.#dir));
  }

  get built(): boolean {
    return this.#assets.has('index.html');
  }

  /** Serve `name` (a path below /_portico/); false when there is no such file. */
  serve(name: string, req: IncomingMessage, res: ServerResponse): boolean {
    const asset = this.#assets.get(name === '' ? 'index.html' : name);
    if (asset === undefined) return false;
    const accept = String(req.headers['accept-encoding'] ?? '');
    const [encoding, body] = !asset.compressible
      ? [undefined, asset.raw]
      : /\bbr\b/.test(accept)
        ? ['br', (asset.brotli ??= brotliCompressSync(asset.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))]
        : /\bgzip\b/.test(accept)
          ? ['gzip', (asset.gzip ??= gzipSync(asset.raw, { level: 9 }))]
          : [undefined, asset.raw];
    const headers: Record<string, string> = {
      'content-type': asset.type,
      'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: asset.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    };
    if (name === '' || name === 'index.html')
      headers['content-security-policy'] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    if (encoding !== undefined) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}

function simpleHash(bytes: Buffer): string {
  let hash = 2166136261;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] ?? 0), 16777619);
  return (hash >>> 0).toString(36);
}
