import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'portico_console';
/** A console session lasts this long after sign-in. */
const SESSION_MS = 12 * 60 * 60 * 1000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The console obeys `--auth` like the control plane: with credentials configured, its JSON API and
 * event stream answer 401 until the page signs in with one of the access key / secret pairs (a
 * session cookie, HttpOnly, SameSite=Strict, path /_portico) or a script sends them as HTTP Basic
 * credentials (`curl -u KEY:SECRET`). Without credentials, everything is open, as the control plane is.
 */
export class ConsoleAuth {
  readonly #credentials: () => readonly { accessKeyId: string; secretAccessKey: string }[] | undefined;
  readonly #sessions = new Map<string, number>();
  readonly #now: () => number;

  constructor(credentials: () => readonly { accessKeyId: string; secretAccessKey: string }[] | undefined, now: () => number) {
    this.#credentials = credentials;
    this.#now = now;
  }

  get required(): boolean {
    return (this.#credentials()?.length ?? 0) > 0;
  }

  /** Whether these are configured credentials. */
  verify(accessKeyId: string, secretAccessKey: string): boolean {
    return (this.#credentials() ?? []).some((c) => same(c.accessKeyId, accessKeyId) && same(c.secretAccessKey, secretAccessKey));
  }

  /** A new session: the Set-Cookie value. */
  signIn(): string {
    const token = randomBytes(24).toString('base64url');
    this.#sessions.set(token, this.#now() + SESSION_MS);
    return `${COOKIE}=${token}; Path=/_portico; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}`;
  }

  /** End the request's session: the Set-Cookie value that clears it. */
  signOut(req: IncomingMessage): string {
    const token = this.#token(req);
    if (token !== undefined) this.#sessions.delete(token);
    return `${COOKIE}=; Path=/_portico; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  /** Whether the request may read the console's API. */
  allows(req: IncomingMessage): boolean {
    if (!this.required) return true;
    const token = this.#token(req);
    if (token !== undefined) {
      const expires = this.#sessions.get(token);
      if (expires !== undefined && expires > this.#now()) return true;
      this.#sessions.delete(token);
    }
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return this.verify(decoded.slice(0, colon), decoded.slice(colon + 1));
    }
    return false;
  }

  #token(req: IncomingMessage): string | undefined {
    const cookie = req.headers.cookie;
    if (cookie === undefined) return undefined;
    for (const part of cookie.split(';')) {
      const [name, value] = part.trim().split('=', 2);
      if (name === COOKIE && value) return value;
    }
    return undefined;
  }
}
