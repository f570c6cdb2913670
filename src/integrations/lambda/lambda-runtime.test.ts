import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition, NodeFunctionDefinition } from './function-definition.js';
import { LambdaRuntime, type FunctionLogLine } from './lambda-runtime.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'lambda');
const cacheDir = mkdtempSync(join(tmpdir(), 'portico-lambda-'));

function node(functionName: string, handler: string, extra: Partial<NodeFunctionDefinition> = {}): NodeFunctionDefinition {
  return {
    kind: 'node',
    functionName,
    source: 'test',
    code: { kind: 'directory', path: join(FIXTURES, 'handlers') },
    handler,
    runtime: 'nodejs20.x',
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    ...extra,
  };
}

const lines: FunctionLogLine[] = [];
let ids = 0;
const runtime = new LambdaRuntime(
  {
    region: 'eu-west-1',
    accountId: '123456789012',
    cacheDir,
    onConsole: (line) => lines.push(line),
    requestId: () => `req-${++ids}`,
    env: {},
  },
  [
    node('echo', 'app.echo', { environment: { GREETING: 'hi', AWS_REGION: 'not-allowed' } }),
    node('callback', 'app.callbackStyle'),
    node('callback-error', 'app.callbackError'),
    node('throws', 'app.throws'),
    node('exits', 'app.exits'),
    node('logs', 'app.logs'),
    node('nothing', 'app.returnsNothing'),
    node('nested', 'app.nested.deeper'),
    node('hangs', 'app.hangs', { timeoutSeconds: 0.2 }),
    node('spins', 'app.spins', { timeoutSeconds: 0.2 }),
    node('missing', 'app.notThere'),
    node('cjs', 'index.handler', { code: { kind: 'directory', path: join(FIXTURES, 'cjs') } }),
    node('file', 'echo', { code: { kind: 'file', path: join(FIXTURES, 'handlers', 'app.mjs') } }),
    { kind: 'unrunnable', functionName: 'python', source: 'aws_lambda_function.py', reason: 'python3.12 is not run locally' },
  ] satisfies FunctionDefinition[],
);

afterAll(async () => {
  await runtime.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

const payload = (result: Awaited<ReturnType<LambdaRuntime['invoke']>>): unknown =>
  result.kind === 'result' ? JSON.parse(result.payload) : result;

describe('the local Lambda runtime', () => {
  it('invokes by name, ARN or invoke ARN with a Lambda context and the function environment, warm between calls', async () => {
    const first = payload(await runtime.invoke('echo', { a: 1 })) as Record<string, Record<string, unknown>>;
    expect(first['event']).toEqual({ a: 1 });
    expect(first['context']).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:echo',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/echo',
    });
    expect(first['context']?.['remaining']).toBeGreaterThan(2000);
    // Function variables apply; the ones Lambda reserves cannot be overridden.
    expect(first['env']).toEqual({ GREETING: 'hi', AWS_LAMBDA_FUNCTION_NAME: 'echo', AWS_REGION: 'eu-west-1' });
    const invoke =
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:echo:live/invocations';
    const second = payload(await runtime.invoke(invoke, {})) as Record<string, Record<string, unknown>>;
    expect(second['invocations']).toBe(2); // same warm environment: module state survived
    expect(second['context']?.['invokedFunctionArn']).toBe('arn:aws:lambda:eu-west-1:123456789012:function:echo:live');
  });

  it('runs callback handlers, CommonJS modules, nested exports and module files', async () => {
    expect(payload(await runtime.invoke('callback', { value: 7 }))).toEqual({ style: 'callback', value: 7 });
    expect(payload(await runtime.invoke('cjs', { x: true }))).toEqual({ module: 'commonjs', got: { x: true } });
    expect(payload(await runtime.invoke('nested', {}))).toBe('nested export');
    expect(payload(await runtime.invoke('nothing', {}))).toBeNull();
    expect((payload(await runtime.invoke('file', { f: 1 })) as Record<string, unknown>)['event']).toEqual({ f: 1 });
  });

  it("returns Lambda's error shape for thrown errors and callback errors", async () => {
    const thrown = await runtime.invoke('throws', {});
    expect(thrown).toMatchObject({ kind: 'error', error: { errorType: 'TypeError', errorMessage: 'boom' } });
    const called = await runtime.invoke('callback-error', {});
    expect(called).toMatchObject({ kind: 'error', error: { errorType: 'string', errorMessage: 'Unauthorized' } });
  });

  it('stops a handler at its timeout, even one that never yields, and starts a fresh environment next time', async () => {
    const hung = await runtime.invoke('hangs', {});
    expect(hung).toMatchObject({ kind: 'error', error: { errorType: 'Sandbox.Timedout' } });
    expect(hung.kind === 'error' && hung.error.errorMessage).toMatch(/Task timed out after 0\.20 seconds$/);
    const spun = await runtime.invoke('spins', {});
    expect(spun).toMatchObject({ kind: 'error', error: { errorType: 'Sandbox.Timedout' } });
  });

  it('survives a handler that exits its process; the next invocation gets a fresh environment', async () => {
    expect(await runtime.invoke('exits', {})).toMatchObject({
      kind: 'error',
      error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' },
    });
    expect(payload(await runtime.invoke('echo', { after: 'crash' }))).toMatchObject({ event: { after: 'crash' } });
  });

  it('captures console output with the request id', async () => {
    const result = await runtime.invoke('logs', { name: 'ada' });
    expect(payload(result)).toBe('logged');
    const id = result.kind === 'result' ? result.awsRequestId : '';
    expect(lines.filter((line) => line.functionName === 'logs')).toEqual([
      { functionName: 'logs', awsRequestId: id, level: 'INFO', message: 'hello ada' },
      { functionName: 'logs', awsRequestId: id, level: 'ERROR', message: 'careful' },
    ]);
  });

  it('says what is missing for unknown functions, missing exports and other runtimes', async () => {
    expect(await runtime.invoke('nope', {})).toMatchObject({ kind: 'unavailable', problem: expect.stringContaining('--function nope=') });
    expect(await runtime.invoke('missing', {})).toMatchObject({ kind: 'error', error: { errorType: 'Runtime.HandlerNotFound' } });
    expect(await runtime.invoke('python', {})).toEqual({ kind: 'unavailable', problem: 'python3.12 is not run locally' });
  });

  it('runs concurrent invocations in separate environments', async () => {
    const results = await Promise.all([1, 2, 3].map((value) => runtime.invoke('callback', { value })));
    expect(results.map(payload)).toEqual([1, 2, 3].map((value) => ({ style: 'callback', value })));
  });
});
