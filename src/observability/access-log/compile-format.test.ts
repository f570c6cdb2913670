import { describe, expect, it } from 'vitest';
import { compileFormat } from './compile-format.js';
import { logFilePath, logGroupName } from './log-group.js';

type Ctx = Record<string, string>;
const variables = (name: string) =>
  ['requestId', 'status', 'error.message', 'empty'].includes(name) ? (c: Ctx) => c[name] ?? '' : undefined;
const render = (format: string, context: Ctx = {}): string => compileFormat<Ctx>(format, variables)(context);

describe('compileFormat', () => {
  const ctx = { requestId: 'abc=', status: '200', 'error.message': 'Not Found', empty: '' };

  it('replaces $context variables and keeps the text around them as written', () => {
    expect(render('[$context.requestId] "$context.status"', ctx)).toBe('[abc=] "200"');
    expect(render('{"m":"$context.error.message"}', ctx)).toBe('{"m":"Not Found"}');
  });

  it('writes - for an unknown variable and for one without a value', () => {
    expect(render('$context.nope $context.empty $context.authorizer.claims.sub|', ctx)).toBe('- - -|');
  });

  it('leaves a trailing dot to the text, and $context without a name as text', () => {
    expect(render('id $context.requestId.', ctx)).toBe('id abc=.');
    expect(render('$context. $context $contextual', ctx)).toBe('$context. $context $contextual');
  });

  it('reads adjacent variables and names that stop at other characters', () => {
    expect(render('$context.status$context.requestId,$context.status-x', ctx)).toBe('200abc=,200-x');
  });

  it('returns the format itself when it has no variables', () => {
    expect(render('static line', ctx)).toBe('static line');
    expect(render('', ctx)).toBe('');
  });
});

describe('log groups', () => {
  it('reads the group name from a CloudWatch Logs ARN, with or without :*', () => {
    expect(logGroupName('arn:aws:logs:us-east-2:123456789012:log-group:/aws/http-api/orders')).toBe('/aws/http-api/orders');
    expect(logGroupName('arn:aws:logs:us-east-2:123456789012:log-group:orders:*')).toBe('orders');
    expect(logGroupName('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('maps a group to a file under the log directory, never outside it', () => {
    expect(logFilePath('/logs', '/aws/http-api/orders')).toBe('/logs/aws/http-api/orders.log');
    expect(logFilePath('/logs', 'api-gw.access#1')).toBe('/logs/api-gw.access#1.log');
    expect(logFilePath('/logs', '../../etc/passwd')).toBe('/logs/%2E%2E/%2E%2E/etc/passwd.log');
    expect(logFilePath('/logs', '/')).toBe('/logs/_.log');
  });
});
