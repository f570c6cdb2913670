import { describe, expect, it } from 'vitest';
import { webSocketApi, wsRoute } from '../../test/data-plane/websocket-gateway.js';
import { servedApi } from '../../test/data-plane/serving-config.js';
import { describeUrls } from './endpoints.js';

describe('start-up URLs', () => {
  it('gives WebSocket APIs ws:// stage URLs and HTTP APIs http:// ones', () => {
    const config = {
      region: 'us-east-2',
      accountId: '123456789012',
      vpcLinks: {},
      domainNames: [],
      apis: [
        webSocketApi({ apiId: 'wsapi00001', routes: [wsRoute('$default')], integrations: [] }),
        servedApi({ apiId: 'httpapi001', routes: [], integrations: [] }),
      ],
    };
    const [ws, http] = describeUrls(config, { host: '127.0.0.1', port: 4566 }, new Map([['wsapi00001', 8081]]));
    expect(ws?.stages[0]?.urls).toEqual([
      'ws://127.0.0.1:8081/prod',
      'ws://127.0.0.1:4566/_aws/execute-api/wsapi00001/prod',
      'ws://wsapi00001.execute-api.localhost:4566/prod',
    ]);
    expect(http?.stages[0]?.urls[0]).toBe('http://127.0.0.1:4566/_aws/execute-api/httpapi001/');
  });
});
