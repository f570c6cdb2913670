import { NOT_JSON, readJson } from './json-read.js';
import { RenderFailure } from './render-state.js';
import type { VtlValue } from './vtl-values.js';

/**
 * `$util` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference,
 * and the WebSocket list https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html):
 * exactly the six functions AWS documents. Text is UTF-8 ("unless otherwise specified, the default
 * character set is UTF-8"). Arguments are taken as their text.
 */
export const UTIL_FUNCTIONS = ['escapeJavaScript', 'parseJson', 'urlEncode', 'urlDecode', 'base64Encode', 'base64Decode'] as const;
export type UtilFunction = (typeof UTIL_FUNCTIONS)[number];

const CONTROL_ESCAPES: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
const JS_PLAIN = /^[\u0020-\u007f]*$/;
const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/**
 * "Escapes the characters in a string using JavaScript string rules", as Apache Commons Lang's
 * StringEscapeUtils.escapeJavaScript: `'` → `\'` (AWS: "turn any regular single quotes into escaped
 * ones"), `"`, `\`, `/`, the control escapes `\b \t \n \f \r`, and `\uXXXX` (upper-case hex) for
 * any other control character and everything beyond ASCII.
 */
export function escapeJavaScript(s: string): string {
  if (JS_PLAIN.test(s) && !/['"\\/]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch > 0x7f || (ch < 0x20 && CONTROL_ESCAPES[ch] === undefined)) out += `\\u${hex4(ch)}`;
    else if (ch < 0x20) out += CONTROL_ESCAPES[ch];
    else if (ch === 0x27 || ch === 0x22 || ch === 0x5c || ch === 0x2f) out += `\\${s[i]}`;
    else out += s[i];
  }
  return out;
}

/** "Converts a string into application/x-www-form-urlencoded format" — java.net.URLEncoder with UTF-8. */
export function urlEncode(s: string): string {
  if (/^[A-Za-z0-9.\-*_]*$/.test(s)) return s;
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** "Decodes an application/x-www-form-urlencoded string" — java.net.URLDecoder: `+` is a space; a bad `%` escape fails. */
export function urlDecode(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '+') {
      out += ' ';
      i++;
    } else if (c === '%') {
      const bytes: number[] = [];
      while (s[i] === '%') {
        const hex = s.slice(i + 1, i + 3);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RenderFailure(`$util.urlDecode: "${s.slice(i, i + 3)}" is not a valid escape`);
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += Buffer.from(bytes).toString('utf8');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*$/;

/** Strict base64 (java.util.Base64's basic decoder: padding optional, nothing outside the alphabet). */
export function decodeBase64(s: string): Buffer | undefined {
  const unpadded = s.replace(/={1,2}$/, '');
  if (!BASE64.test(unpadded) || unpadded.length % 4 === 1) return undefined;
  if (s.length !== unpadded.length && s.length % 4 !== 0) return undefined;
  return Buffer.from(unpadded, 'base64');
}

/** Run one of the documented functions on an argument's text. */
export function callUtil(fn: UtilFunction, arg: string): VtlValue {
  switch (fn) {
    case 'escapeJavaScript':
      return escapeJavaScript(arg);
    case 'urlEncode':
      return urlEncode(arg);
    case 'urlDecode':
      return urlDecode(arg);
    case 'base64Encode':
      return Buffer.from(arg, 'utf8').toString('base64');
    case 'base64Decode': {
      const bytes = decodeBase64(arg);
      if (bytes === undefined) throw new RenderFailure('$util.base64Decode: the argument is not base64');
      return bytes.toString('utf8');
    }
    case 'parseJson': {
      const value = readJson(arg);
      if (value === NOT_JSON) throw new RenderFailure('$util.parseJson: the argument is not JSON');
      return value;
    }
  }
}
