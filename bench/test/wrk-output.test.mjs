import { describe, expect, it } from 'vitest';
import { parseWrkOutput } from '../lib/wrk.mjs';

// Real wrk 4.1.0 output (`wrk -t1 -c5 -d1s --latency`), and the two error lines wrk prints
// when it saw failures (format from wrk.c).
const CLEAN = `Running 1s test @ http://127.0.0.1:39011/orders/42
  1 threads and 5 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   149.84us  309.11us   3.99ms   95.50%
    Req/Sec    47.27k     9.38k   52.60k    90.00%
  Latency Distribution
     50%   84.00us
     75%  122.00us
     90%  153.00us
     99%    1.82ms
  46992 requests in 1.00s, 6.68MB read
Requests/sec:  46950.03
Transfer/sec:      6.67MB
`;

describe('parseWrkOutput', () => {
  it('reads requests/s, the p50/p99 percentiles in microseconds and the request count', () => {
    expect(parseWrkOutput(CLEAN)).toEqual({ rps: 46950.03, p50us: 84, p99us: 1820, requests: 46992, non2xx: 0, socketErrors: 0 });
  });

  it('counts non-2xx responses and every kind of socket error', () => {
    const failed = CLEAN.replace(
      'Requests/sec',
      '  Socket errors: connect 1, read 3, write 0, timeout 2\n  Non-2xx or 3xx responses: 17\nRequests/sec',
    ).replace('     99%    1.82ms', '     99%    2.00s');
    const parsed = parseWrkOutput(failed);
    expect(parsed.non2xx).toBe(17);
    expect(parsed.socketErrors).toBe(6);
    expect(parsed.p99us).toBe(2_000_000);
  });

  it('refuses output without a result line instead of reporting zero', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/no Requests\/sec/);
  });
});
