import { describe, expect, it } from 'vitest';
import { findBlocks, locateBlocks } from './source-locator.js';

describe('locateBlocks', () => {
  it('finds block and argument lines past strings, heredocs, comments and nested values', () => {
    const text = [
      '# a comment with { braces and "quotes',
      'resource "aws_x" "a" {',
      '  name = "has } and ${jsonencode({ a = "}" })} inside"',
      '  /* block comment',
      '     fake = 1 */',
      '  policy = <<EOT',
      '{ "fake": "x = 1" }',
      'EOT',
      '  tags = {',
      '    inner = 1',
      '  }',
      '  setting {',
      '    value = 2',
      '  }',
      '  setting { value = 3 }',
      '  dynamic "rule" {',
      '    for_each = local.rules',
      '    content {',
      '      port = rule.value',
      '    }',
      '  }',
      '  after = true',
      '}',
      'locals { single = "line" }',
    ].join('\n');
    const root = locateBlocks(text);
    const [resource] = findBlocks(root, 'resource', 'aws_x', 'a');
    expect(resource?.line).toBe(2);
    expect(Object.fromEntries(resource?.attributes ?? [])).toEqual({ name: 3, policy: 6, tags: 9, after: 22 });
    expect(findBlocks(resource, 'setting').map((b) => [b.line, Object.fromEntries(b.attributes)])).toEqual([
      [12, { value: 13 }],
      [15, { value: 15 }],
    ]);
    const [dynamic] = findBlocks(resource, 'dynamic', 'rule');
    expect(dynamic?.attributes.get('for_each')).toBe(17);
    expect(findBlocks(dynamic, 'content')[0]?.attributes.get('port')).toBe(19);
    expect(findBlocks(root, 'locals')[0]?.attributes.get('single')).toBe(24);
  });
});
