import { describe, expect, it } from 'vitest';
import { characterCount, printable, printableJson, printableLines } from './printable.js';

describe('printable (issue #17)', () => {
  it('escapes what a terminal would act on, and leaves other text alone', () => {
    expect(printable('\u001b[2J\u001b[Hfake\nline\r\t\u007f\u009b31m\u202eevil')).toBe(
      '\\u001b[2J\\u001b[Hfake\\nline\\r\\t\\u007f\\u009b31m\\u202eevil',
    );
    expect(printable('pets-api é 😀 ✓')).toBe('pets-api é 😀 ✓');
    expect(printableLines('one\u001b\ntwo')).toBe('one\\u001b\ntwo');
  });

  it('keeps a JSON log line valid and the same string once parsed', () => {
    const line = JSON.stringify({ name: '\u001bx\u009by\u202ez' });
    const escaped = printableJson(line);
    expect(escaped).not.toMatch(/[\u007f-\u009f\u202e]/);
    expect(JSON.parse(escaped)).toEqual({ name: '\u001bx\u009by\u202ez' });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(characterCount('😀'.repeat(128))).toBe(128);
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('\ud83d')).toBe(1);
  });
});
