import { describe, expect, it } from 'vitest';
import { listen, send } from '../../test/data-plane/servers.js';
import { clfTime } from './clf-time.js';
import { RequestContext } from './request-context.js';

describe('$context (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html)', () => {
  it('derives the lazy fields from the real request', async () => {
    const server = await listen((req, res) => {
      const context = new RequestContext(
        {
          requestId: 'Mc7UVioPPHcEKPA=',
          requestTimeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58, 123),
          accountId: '123456789012',
          apiId: 'abc1234567',
          stage: 'prod',
          httpMethod: 'GET',
          path: '/prod/pets',
          host: req.headers.host ?? '',
        },
        req,
      );
      res.end(
        JSON.stringify({
          requestTime: context.requestTime,
          requestTimeEpoch: context.requestTimeEpoch,
          extendedRequestId: context.extendedRequestId,
          domainName: context.domainName,
          domainPrefix: context.domainPrefix,
          sourceIp: context.sourceIp,
          userAgent: context.userAgent,
          protocol: context.protocol,
          path: context.path,
        }),
      );
    });
    try {
      const reply = await send(server.port, { headers: { host: 'abc1234567.execute-api.localhost:4566', 'user-agent': 'curl/8.0' } });
      expect(JSON.parse(reply.body)).toEqual({
        requestTime: '12/Mar/2020:19:03:58 +0000',
        requestTimeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58, 123),
        extendedRequestId: 'Mc7UVioPPHcEKPA=',
        domainName: 'abc1234567.execute-api.localhost',
        domainPrefix: 'abc1234567',
        sourceIp: '127.0.0.1',
        userAgent: 'curl/8.0',
        protocol: 'HTTP/1.1',
        path: '/prod/pets',
      });
    } finally {
      await server.close();
    }
  });

  it('formats requestTime in CLF with zero-padded UTC fields', () => {
    expect(clfTime(Date.UTC(2026, 0, 5, 3, 4, 5))).toBe('05/Jan/2026:03:04:05 +0000');
    expect(clfTime(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe('31/Dec/2026:23:59:59 +0000');
  });
});
