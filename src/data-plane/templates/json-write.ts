import { JavaDouble, LoopStatus, MapEntry, VtlList, VtlMap, javaDoubleText, javaText, type VtlValue } from './vtl-values.js';

/**
 * A value as json-smart writes it (`JSONValue.toJSONString`, the default style): compact, keys
 * quoted, doubles as Java prints them (`1.0`, `1.0E7`), and json-smart's string escaping — `"`, `\`,
 * the JSON control escapes, and `\uXXXX` (upper-case hex) for other controls, U+007F–U+009F and
 * U+2000–U+20FF. This is what `$input.json(...)` returns and how a JSON array prints inside a
 * template (AWS: `$input.path('$')` of `[{"foo":"bar"}]` prints `[{"foo":"bar"}]`, recorded in
 * localstack/localstack test_apigateway_common.py::test_input_path_template_formatting).
 */
export function toJsonText(value: VtlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteJson(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof JavaDouble) return Number.isFinite(value.value) ? javaDoubleText(value.value) : 'null';
  if (value instanceof VtlList) return `[${value.items.map(toJsonText).join(',')}]`;
  if (value instanceof VtlMap) {
    const parts: string[] = [];
    for (const [key, item] of value.entries) parts.push(`${quoteJson(key)}:${toJsonText(item)}`);
    return `{${parts.join(',')}}`;
  }
  if (value instanceof MapEntry) return `{${quoteJson(value.key)}:${toJsonText(value.value)}}`;
  return quoteJson(javaText(value satisfies LoopStatus, toJsonText));
}

// Characters json-smart leaves as they are (the common case, checked first).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const PLAIN = /^[^"\\\u0000-\u001f\u007f-\u009f\u2000-\u20ff]*$/;

function quoteJson(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    switch (ch) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      default:
        if (ch <= 0x1f || (ch >= 0x7f && ch <= 0x9f) || (ch >= 0x2000 && ch <= 0x20ff))
          out += `\\u${ch.toString(16).toUpperCase().padStart(4, '0')}`;
        else out += s[i];
    }
  }
  return `${out}"`;
}
