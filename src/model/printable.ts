/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts the sequences that
 * clear a screen or set a window title), DEL, C1 controls (U+009B is a one-character CSI), and the
 * bidirectional overrides and isolates that make text read differently than it is stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text from the control plane (API, stage, route and domain names, descriptions, Terraform
 * values) as it may be printed on an operator's terminal: every such character written as its
 * escape (`\u001b`, `\n`), so a name can neither clear the screen nor fake a line (issue #17).
 */
export function printable(text: string): string {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE, escape) : text;
}

/** `printable` for text that is several lines on purpose: each line escaped, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/**
 * The same for a JSON log line: JSON already escapes C0 controls, so DEL, the C1 controls and the
 * bidirectional controls get their `\uXXXX` form (still valid JSON, the same string once parsed).
 */
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export function printableJson(line: string): string {
  UNPRINTABLE_IN_JSON.lastIndex = 0;
  return UNPRINTABLE_IN_JSON.test(line) ? line.replace(UNPRINTABLE_IN_JSON, escape) : line;
}

/** A string's length in characters (Unicode code points), as AWS counts it: 128 emoji are a 128-character name. */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
