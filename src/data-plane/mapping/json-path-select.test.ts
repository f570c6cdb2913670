import { describe, expect, it } from 'vitest';
import { parseJsonPath, parseMappingValue } from '../../model/index.js';
import { BODY_EVALUATION_LIMIT, parseBodyJson, selectJson } from './json-path-select.js';

const doc = { a: { b: 'text', n: 1.5, t: true, z: null }, list: [{ id: 'x' }, { id: 'y' }], 'odd key': 'quoted' };
const select = (path: string): string | undefined => {
  const parsed = parseJsonPath(path);
  if (typeof parsed === 'string') throw new Error(parsed);
  return selectJson(doc, parsed);
};

describe('JSONPath in $request.body / $response.body (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html)', () => {
  it('selects strings as text and other values as JSON', () => {
    expect(select('a.b')).toBe('text');
    expect(select('a.n')).toBe('1.5');
    expect(select('a.t')).toBe('true');
    expect(select('a.z')).toBe('null');
    expect(select('a')).toBe('{"b":"text","n":1.5,"t":true,"z":null}');
  });

  it('indexes, quoted names and wildcards (several matches come out as a JSON array)', () => {
    expect(select('list[1].id')).toBe('y');
    expect(select("['odd key']")).toBe('quoted');
    expect(select('list[*].id')).toBe('["x","y"]');
    expect(select('list.*.id')).toBe('["x","y"]');
  });

  it('a path that selects nothing has no value', () => {
    expect(select('list[5].id')).toBeUndefined();
    expect(select('a.b.c')).toBeUndefined();
    expect(select('missing')).toBeUndefined();
  });

  it('refuses recursive descent and filters, which AWS does not support', () => {
    expect(parseJsonPath('a..b')).toMatch(/recursive descent/);
    expect(parseJsonPath('list[?(@.id)]')).toMatch(/filter expressions/);
  });

  it('evaluates only the first 100 KB of a body', () => {
    const small = Buffer.from('{"user":"ann"}');
    expect(parseBodyJson(small)).toEqual({ user: 'ann' });
    const big = Buffer.from(JSON.stringify({ user: 'ann', pad: 'x'.repeat(BODY_EVALUATION_LIMIT) }));
    expect(parseBodyJson(big)).toBeUndefined();
  });
});

describe('mapping values', () => {
  it('mix static text, $name and ${name} variables', () => {
    const parsed = parseMappingValue('/public/$request.path.proxy', 'request');
    expect(parsed).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: '/public/' },
        { kind: 'variable', source: { kind: 'request.path.parameter', name: 'proxy' } },
      ],
    });
    const braced = parseMappingValue('${request.header.x-a} and ${context.requestId}.', 'request');
    expect(braced.ok && braced.parts.map((p) => p.kind)).toEqual(['variable', 'text', 'variable', 'text']);
  });

  it('a "$" not starting a variable is text', () => {
    expect(parseMappingValue('costs $5', 'request')).toEqual({ ok: true, parts: [{ kind: 'text', text: 'costs $5' }] });
  });

  it('request sources are not readable from responses and the other way round', () => {
    expect(parseMappingValue('$request.header.x', 'response').ok).toBe(false);
    expect(parseMappingValue('$response.header.x', 'request').ok).toBe(false);
    expect(parseMappingValue('$stageVariables.v', 'response').ok).toBe(true);
  });
});
