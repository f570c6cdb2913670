import { describe, expect, it } from 'vitest';
import { removeDotSegments } from './normalize-path.js';

describe('dot segments in the request path (RFC 3986 §5.2.4)', () => {
  it.each([
    ['/a/b/c', '/a/b/c'],
    ['/a/./b', '/a/b'],
    ['/a/b/..', '/a/'],
    ['/a/b/../c', '/a/c'],
    ['/public/../admin/secret', '/admin/secret'],
    ['/public/%2e%2e/admin/secret', '/admin/secret'],
    ['/public/%2E%2e/admin/secret', '/admin/secret'],
    ['/public/.%2E/admin', '/admin'],
    ['/public/%2e/x', '/public/x'],
    ['/a/..', '/'],
    ['/.', '/'],
    ['/a//../b', '/a/b'],
    ['/file.json', '/file.json'],
    ['/a/...', '/a/...'],
    ['/a/.hidden/b', '/a/.hidden/b'],
    ['/a/%2e%2e%2e', '/a/%2e%2e%2e'],
  ])('%s → %s', (path, resolved) => {
    expect(removeDotSegments(path)).toBe(resolved);
  });

  it('keeps an encoded slash inside its segment: ..%2F is not a dot segment', () => {
    expect(removeDotSegments('/public/..%2Fadmin/secret')).toBe('/public/..%2Fadmin/secret');
    expect(removeDotSegments('/public%2F..%2Fadmin')).toBe('/public%2F..%2Fadmin');
  });

  it.each(['/..', '/../etc/passwd', '/a/../..', '/%2e%2e/x', '/a/b/../../../c'])('%s climbs above the root: refused', (path) => {
    expect(removeDotSegments(path)).toBeUndefined();
  });
});
