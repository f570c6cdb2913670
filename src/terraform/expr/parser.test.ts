import { describe, expect, it } from 'vitest';
import { ExprSyntaxError } from './cursor.js';
import { parseExpressionSource, parseTemplateSource } from './parser.js';

/** The parser on its own, for syntax hcl2json never shows us (template files, --var values). */
describe('expression parser', () => {
  it('builds traversals, splats and calls', () => {
    expect(parseExpressionSource('aws_x.y[0].id')).toEqual({
      kind: 'scope',
      root: 'aws_x',
      steps: [
        { kind: 'attr', name: 'y' },
        { kind: 'index', key: { kind: 'literal', value: 0 } },
        { kind: 'attr', name: 'id' },
      ],
    });
    expect(parseExpressionSource('a[*].b[0]')).toMatchObject({ kind: 'splat', steps: [{ kind: 'attr', name: 'b' }, { kind: 'index' }] });
    // After a legacy .* splat an index applies to the result, not to each element.
    expect(parseExpressionSource('a.*.b[0]')).toMatchObject({
      kind: 'traverse',
      target: { kind: 'splat', steps: [{ kind: 'attr', name: 'b' }] },
    });
    expect(parseExpressionSource('f(a, b...)')).toMatchObject({ kind: 'call', name: 'f', expandLast: true });
    expect(parseExpressionSource('my-name.attr')).toMatchObject({ kind: 'scope', root: 'my-name' });
  });

  it('ends object items at newlines but not inside brackets', () => {
    const parsed = parseExpressionSource('{\n  a = 1\n  b = [\n    2,\n    3\n  ]\n  c = (x\n    ? 1 : 2)\n  d = -1\n}');
    expect(parsed.kind === 'object' ? parsed.items.map((i) => i.key) : []).toEqual(
      ['a', 'b', 'c', 'd'].map((value) => ({ kind: 'literal', value })),
    );
    expect(() => parseExpressionSource('{ a = 1 b = 2 }')).not.toThrow();
  });

  it('applies strip markers in template files', () => {
    expect(parseTemplateSource('a\n  %{~ if true ~}\n  b\n  %{~ endif ~}\nc')).toMatchObject({
      kind: 'template',
      parts: [
        { kind: 'literal', value: 'a' },
        { kind: 'if', then: [{ kind: 'literal', value: 'b' }] },
        { kind: 'literal', value: 'c' },
      ],
    });
  });

  it.each([
    ['[1, 2', 'Expected a comma or "]" between tuple elements, found the end of the expression'],
    ['"abc', 'Unterminated template string: no closing quote was found'],
    ['"\\q"', 'Invalid escape sequence: "\\q" is not a valid escape; use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN'],
    ['1 +', 'Invalid expression: expected the start of an expression, found the end of the expression'],
    ['a b', 'Extra characters after the expression: "b"'],
    ['{ for k, v in m : k }', 'Expected a "=>" between key and value in a for expression that builds an object, found "}"'],
  ])('reports %s', (source, message) => {
    const error = catchError(() => parseExpressionSource(source));
    expect(error).toBeInstanceOf(ExprSyntaxError);
    expect((error as Error).message).toBe(message);
  });

  it.each([
    ['%{ if x }a', 'Unterminated template directive: expected %{endif}'],
    ['%{ endfor }', 'Unexpected %{endfor}: it has no matching %{for}'],
    ['%{ while x }', 'Invalid template directive: expected if, else, endif, for or endfor after "%{", found while'],
  ])('reports template %s', (source, message) => {
    expect((catchError(() => parseTemplateSource(source)) as Error).message).toBe(message);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
