import { JavaDouble, VtlList, VtlMap, javaInteger, type VtlValue } from './vtl-values.js';

/** What `readJson` answers for text that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 512;

/**
 * JSON text → template values (vtl-values.ts), as json-smart reads it for API Gateway's
 * `$input.path`, `$input.json`, `$util.parseJson` and a MOCK integration's `statusCode`: numbers keep
 * their Java kind (`1` an Integer, `1.0` a Double), objects keep their key order, and json-smart's
 * permissive mode is followed where real templates rely on it — unquoted keys (AWS accepts a MOCK
 * request template of `{statusCode: 200}`: localstack/localstack tests/aws/services/apigateway/
 * test_apigateway_integrations.py::test_integration_mock_with_path_param, recorded against AWS),
 * single-quoted strings and trailing commas.
 */
export function readJson(text: string): VtlValue | typeof NOT_JSON {
  const reader = new Reader(text);
  try {
    reader.space();
    const value = reader.value(0);
    reader.space();
    return reader.at === text.length ? value : NOT_JSON;
  } catch (error) {
    if (error === NOT_JSON_ERROR) return NOT_JSON;
    throw error;
  }
}

const NOT_JSON_ERROR = new Error('not JSON');
const KEY_CHAR = /[A-Za-z0-9_$-]/;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// Characters a string holds as they are: no quote, no backslash, and (in JSON's own quotes) no control character.
// eslint-disable-next-line no-control-regex -- control characters end the run: JSON refuses them in strings
const PLAIN_DOUBLE = /[^"\\\u0000-\u001f]*/y;
const PLAIN_SINGLE = /[^'\\]*/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  space(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.at++;
      else break;
    }
  }

  value(depth: number): VtlValue {
    if (depth > MAX_DEPTH) throw NOT_JSON_ERROR;
    const c = this.text[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string(c);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (this.word('true')) return true;
    if (this.word('false')) return false;
    if (this.word('null')) return null;
    throw NOT_JSON_ERROR;
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.at)) return false;
    const next = this.text[this.at + w.length];
    if (next !== undefined && KEY_CHAR.test(next)) return false;
    this.at += w.length;
    return true;
  }

  private number(): VtlValue {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (m === null) throw NOT_JSON_ERROR;
    this.at += m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) return new JavaDouble(Number(m[0]));
    const n = Number(m[0]);
    return Number.isSafeInteger(n) ? n : javaInteger(BigInt(m[0]));
  }

  private string(quote: string): string {
    const t = this.text;
    const plain = quote === '"' ? PLAIN_DOUBLE : PLAIN_SINGLE;
    let i = this.at + 1;
    let out = '';
    for (;;) {
      // Skip the run of characters that need no attention in one step.
      plain.lastIndex = i;
      plain.test(t);
      out += t.slice(i, plain.lastIndex);
      i = plain.lastIndex;
      const c = t[i];
      if (c === quote) break;
      if (c !== '\\') throw NOT_JSON_ERROR;
      const e = t[i + 1];
      if (e === 'u') {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw NOT_JSON_ERROR;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const mapped = e === undefined ? undefined : ESCAPES[e];
        if (mapped === undefined) throw NOT_JSON_ERROR;
        out += mapped;
        i += 2;
      }
    }
    this.at = i + 1;
    return out;
  }

  private key(): string {
    const c = this.text[this.at];
    if (c === '"' || c === "'") return this.string(c);
    const start = this.at;
    while (this.at < this.text.length && KEY_CHAR.test(this.text[this.at] as string)) this.at++;
    if (this.at === start) throw NOT_JSON_ERROR;
    return this.text.slice(start, this.at);
  }

  private object(depth: number): VtlMap {
    const entries = new Map<string, VtlValue>();
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') break;
      const key = this.key();
      this.space();
      if (this.text[this.at] !== ':') throw NOT_JSON_ERROR;
      this.at++;
      this.space();
      entries.set(key, this.value(depth + 1));
      this.space();
      const c = this.text[this.at];
      if (c === ',') {
        this.at++;
        continue;
      }
      if (c !== '}') throw NOT_JSON_ERROR;
      break;
    }
    this.at++;
    return new VtlMap(entries);
  }

  private array(depth: number): VtlList {
    const items: VtlValue[] = [];
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') break;
      items.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.at];
      if (c === ',') {
        this.at++;
        continue;
      }
      if (c !== ']') throw NOT_JSON_ERROR;
      break;
    }
    this.at++;
    return new VtlList(items, true);
  }
}
