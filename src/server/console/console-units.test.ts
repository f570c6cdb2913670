import { describe, expect, it } from 'vitest';
import { routeOrder } from './api-tree.js';
import { maskAuthorization, maskLambdaEvent, maskUrl } from './mask.js';
import { MetricsWindow } from './metrics-window.js';
import type { ConsoleSummary } from './console-record.js';

describe('routeOrder', () => {
  it('lists routes in the order AWS tries them: whole paths (literal before variable, method before ANY), greedy by prefix, $default', () => {
    const keys = [
      '$default',
      'ANY /{proxy+}',
      'ANY /pets/{id}',
      'GET /pets/{id}',
      'GET /pets/mine',
      'ANY /pets/{proxy+}',
      'GET /',
      'POST /pets',
    ];
    expect([...keys].sort(routeOrder)).toEqual([
      'GET /',
      'POST /pets',
      'GET /pets/mine',
      'GET /pets/{id}',
      'ANY /pets/{id}',
      'ANY /pets/{proxy+}',
      'ANY /{proxy+}',
      '$default',
    ]);
  });
});

describe('masking', () => {
  it('keeps the scheme, the SigV4 credential scope and signed headers, never the secret part', () => {
    expect(maskAuthorization('Bearer eyJhbGciOi.x.y')).toBe('Bearer ****');
    expect(maskAuthorization('opaque')).toBe('****');
    expect(maskAuthorization('AWS4-HMAC-SHA256 Credential=AK/x, SignedHeaders=host, Signature=abc123')).toBe(
      'AWS4-HMAC-SHA256 Credential=AK/x, SignedHeaders=host, Signature=****',
    );
    expect(maskUrl('/p?a=1&X-Amz-Signature=abc&X-Amz-Security-Token=t#f')).toBe('/p?a=1&X-Amz-Signature=****&X-Amz-Security-Token=****#f');
  });

  it('masks the header maps, cookies and presigned query of 1.0 and 2.0 Lambda events', () => {
    const masked = maskLambdaEvent({
      version: '2.0',
      headers: { authorization: 'Bearer t', 'x-ok': 'v' },
      cookies: ['a=1'],
      rawQueryString: 'X-Amz-Signature=abc&b=2',
      queryStringParameters: { 'X-Amz-Signature': 'abc', b: '2' },
    });
    expect(masked).toMatchObject({
      headers: { authorization: 'Bearer ****', 'x-ok': 'v' },
      cookies: ['****'],
      rawQueryString: 'X-Amz-Signature=****&b=2',
      queryStringParameters: { 'X-Amz-Signature': '****', b: '2' },
    });
    expect(maskLambdaEvent({ multiValueHeaders: { Cookie: ['a', 'b'] } })).toEqual({ multiValueHeaders: { Cookie: ['****', '****'] } });
  });
});

describe('MetricsWindow', () => {
  const record = (time: number, status: number, latencyMs: number) =>
    ({ apiId: 'a', stage: 's', routeKey: 'GET /x', time, status, latencyMs, integrationLatencyMs: latencyMs - 1 }) as ConsoleSummary;

  it('counts per second and gives latency percentiles, per stage and per route; old seconds fall out', () => {
    const window = new MetricsWindow(10);
    for (let i = 1; i <= 100; i++) window.record(record(5_000, i % 10 === 0 ? 503 : i % 5 === 0 ? 404 : 200, i));
    window.record(record(6_200, 429, 3));
    const [stage, route] = window.query(6_999, 3);
    expect(stage?.routeKey).toBeUndefined();
    expect(route?.routeKey).toBe('GET /x');
    expect(stage?.points.map((p) => p.count)).toEqual([0, 100, 1]);
    expect(stage?.points[1]).toMatchObject({ t: 5, c4xx: 10, c5xx: 10, p50: 51, p99: 100, integrationP50: 50 });
    expect(stage?.points[2]).toMatchObject({ c429: 1, c4xx: 1 });
    // Ten seconds on, second 5 was overwritten or is out of the window.
    expect(window.query(16_999, 10)[0]?.points.every((p) => p.count === 0)).toBe(true);
  });
});
