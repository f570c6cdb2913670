import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, send, startGateway, type GatewayUnderTest, type Listening } from '../../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../../test/data-plane/serving-config.js';
import { ManualClock, type Stage } from '../../model/index.js';
import { AccessLogOutputs, silentLogger } from '../../observability/index.js';

const API = 'alog000001';
const START = Date.UTC(2026, 2, 12, 19, 3, 58, 250);
const GROUP_ARN = 'arn:aws:logs:us-east-2:123456789012:log-group:/aws/http-api/alog';

/** A CLF-like line with (nearly) every HTTP API variable, plus ones HTTP APIs do not have. */
const FORMAT =
  '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" ' +
  '$context.status $context.responseLength $context.requestId ext=$context.extendedRequestId api=$context.apiId ' +
  'acct=$context.accountId stage=$context.stage path=$context.path domain=$context.domainName prefix=$context.domainPrefix ' +
  'ua="$context.identity.userAgent" epoch=$context.requestTimeEpoch is=$context.integrationStatus i.s=$context.integration.status ' +
  'i.is=$context.integration.integrationStatus il=$context.integrationLatency i.l=$context.integration.latency ' +
  'rl=$context.responseLatency dp=$context.dataProcessed err=$context.error.message errs=$context.error.messageString ' +
  'type=$context.error.responseType ierr="$context.integrationErrorMessage" i.e="$context.integration.error" ' +
  'aws=$context.awsEndpointRequestId,$context.integration.requestId sub=$context.authorizer.claims.sub ' +
  'rest=$context.resourcePath bogus=$context.nothingLikeThis end=$context.requestId.';

let dir: string;
let clock: ManualClock;
let outputs: AccessLogOutputs;
let stdout: string;
let gateway: GatewayUnderTest;
let upstream: Listening;
let closedPort: number;
let nextId = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-access-log-'));
  clock = new ManualClock(START);
  const stream = new PassThrough();
  stdout = '';
  stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  outputs = new AccessLogOutputs({ dir, stdout: stream, logger: silentLogger() });
  gateway = await startGateway({ clock, accessLogs: outputs, requestId: () => `REQ${String(++nextId).padStart(12, '0')}=` });
  // The backend takes 7 ms of the gateway's clock, and answers 5 bytes.
  upstream = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      clock.advance(7);
      res.writeHead(201, { 'content-type': 'text/plain' }).end('hello');
    });
  });
  const closed = await listen(() => undefined);
  closedPort = closed.port;
  await closed.close();
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
  await outputs.close();
  rmSync(dir, { recursive: true, force: true });
});

function configure(settings: Partial<Stage>, stages = ['prod']): void {
  const config = servingConfig([
    {
      apiId: API,
      routes: [route('POST /pets', 'up'), route('GET /limited', 'up'), route('GET /down', 'down')],
      integrations: [httpProxy('up', upstream.url), httpProxy('down', `http://127.0.0.1:${closedPort}`)],
      stages: Object.fromEntries(stages.map((name) => [name, true])),
    },
  ]);
  for (const served of config.apis[0]?.stages ?? []) Object.assign(served.stage, settings);
  gateway.gateway.setConfig(config);
}

async function call(method: string, path: string, body?: string): Promise<{ status: number; requestId: string }> {
  const reply = await send(gateway.port, {
    method,
    path,
    headers: { host: gateway.host(API), 'user-agent': 'curl/8.0' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: reply.status, requestId: String(reply.headers['apigw-requestid']) };
}

function fileLines(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
    : [];
}

const LOG_FILE = (): string => join(dir, 'aws', 'http-api', 'alog.log');

describe('access logs (docs/reference/dataplane.md §9)', () => {
  it('writes one line per request in the stage format, for a success, 404, 429 and 503, to the file and stdout', async () => {
    configure({
      accessLogSettings: { destinationArn: GROUP_ARN, format: FORMAT },
      routeSettings: { 'GET /limited': { throttlingRateLimit: 0, throttlingBurstLimit: 0 } },
    });
    const ok = await call('POST', '/prod/pets', 'abc');
    const missing = await call('GET', '/prod/nothing/here');
    const limited = await call('GET', '/prod/limited');
    const down = await call('GET', '/prod/down');
    expect([ok.status, missing.status, limited.status, down.status]).toEqual([201, 404, 429, 503]);
    await outputs.idle();

    const at = '12/Mar/2026:19:03:58 +0000';
    const domain = `domain=${API}.execute-api.localhost prefix=${API}`;
    // The backend took 7 ms of the clock during the first request: the later ones arrive 7 ms later and take 0 ms.
    const common = (id: string, path: string, epoch = START + 7): string =>
      `ext=${id} api=${API} acct=123456789012 stage=prod path=${path} ${domain} ua="curl/8.0" epoch=${epoch}`;
    const tail = (id: string): string => `aws=-,- sub=- rest=- bogus=- end=${id}.`;
    const refused = `The integration could not be reached: connect ECONNREFUSED 127.0.0.1:${closedPort}`;
    const expected = [
      `127.0.0.1 - - [${at}] "POST POST /pets HTTP/1.1" 201 5 ${ok.requestId} ${common(ok.requestId, '/prod/pets', START)} ` +
        `is=201 i.s=201 i.is=201 il=7 i.l=7 rl=7 dp=8 err=- errs="-" type=- ierr="-" i.e="-" ${tail(ok.requestId)}`,
      `127.0.0.1 - - [${at}] "GET - HTTP/1.1" 404 23 ${missing.requestId} ${common(missing.requestId, '/prod/nothing/here')} ` +
        `is=- i.s=- i.is=- il=- i.l=- rl=0 dp=23 err=Not Found errs="Not Found" type=RESOURCE_NOT_FOUND ierr="-" i.e="-" ${tail(missing.requestId)}`,
      `127.0.0.1 - - [${at}] "GET GET /limited HTTP/1.1" 429 31 ${limited.requestId} ${common(limited.requestId, '/prod/limited')} ` +
        `is=- i.s=- i.is=- il=- i.l=- rl=0 dp=31 err=Too Many Requests errs="Too Many Requests" type=THROTTLED ierr="-" i.e="-" ${tail(limited.requestId)}`,
      `127.0.0.1 - - [${at}] "GET GET /down HTTP/1.1" 503 33 ${down.requestId} ${common(down.requestId, '/prod/down')} ` +
        `is=- i.s=- i.is=- il=0 i.l=0 rl=0 dp=33 err=Service Unavailable errs="Service Unavailable" type=INTEGRATION_FAILURE ` +
        `ierr="${refused}" i.e="${refused}" ${tail(down.requestId)}`,
    ];
    expect(fileLines(LOG_FILE())).toEqual(expected);
    expect(stdout.split('\n').filter(Boolean)).toEqual(expected);
  });

  it('renders a JSON format whose lines parse, with error.messageString usable unquoted', async () => {
    const jsonGroup = 'arn:aws:logs:us-east-2:123456789012:log-group:json-logs';
    configure({
      accessLogSettings: {
        destinationArn: jsonGroup,
        format:
          '{"requestId":"$context.requestId","route":"$context.routeKey","status":"$context.status","error":$context.error.messageString}',
      },
    });
    const ok = await call('POST', '/prod/pets', 'x');
    const missing = await call('DELETE', '/prod/pets');
    await outputs.idle();
    expect(fileLines(join(dir, 'json-logs.log')).map((line) => JSON.parse(line) as unknown)).toEqual([
      { requestId: ok.requestId, route: 'POST /pets', status: '201', error: '-' },
      { requestId: missing.requestId, route: '-', status: '404', error: 'Not Found' },
    ]);
  });

  it('writes nothing for a stage without access log settings, and nothing when no stage matched', async () => {
    configure({});
    const before = fileLines(LOG_FILE()).length;
    const stdoutBefore = stdout;
    await call('POST', '/prod/pets', 'x');
    const noStage = await send(gateway.port, { path: '/nosuchstage', headers: { host: gateway.host('otherapi00') } });
    expect(noStage.status).toBe(404);
    await outputs.idle();
    expect(fileLines(LOG_FILE())).toHaveLength(before);
    expect(stdout).toBe(stdoutBefore);
  });

  it('reports the API mapping key of a custom domain, and the lengths of a route whose mapping reads the body', async () => {
    const config = servingConfig([
      {
        apiId: API,
        deploymentId: 'dep-mapped', // compiled deployments are cached by id
        routes: [route('POST /pets', 'mapped')],
        integrations: [httpProxy('mapped', upstream.url, { requestParameters: { 'append:header.x-pet': '$request.body.name' } })],
        stages: { prod: true },
      },
    ]);
    const served = config.apis[0]?.stages[0]?.stage;
    if (served === undefined) throw new Error('no stage');
    served.accessLogSettings = {
      destinationArn: 'arn:aws:logs:us-east-2:123456789012:log-group:domains',
      format: '$context.customDomain.basePathMatched $context.routeKey $context.status $context.responseLength $context.dataProcessed',
    };
    config.domainNames = [
      { domainName: 'api.example.com', mappings: [{ apiMappingId: 'map1', apiId: API, stage: 'prod', apiMappingKey: 'v1/orders' }] },
    ];
    gateway.gateway.setConfig(config);
    const body = '{"name":"rex"}';
    const viaDomain = await send(gateway.port, { method: 'POST', path: '/v1/orders/pets', headers: { host: 'api.example.com' }, body });
    const viaExecuteApi = await call('POST', '/prod/pets', body);
    expect([viaDomain.status, viaExecuteApi.status]).toEqual([201, 201]);
    await outputs.idle();
    expect(fileLines(join(dir, 'domains.log'))).toEqual(['v1/orders POST /pets 201 5 19', '- POST /pets 201 5 19']);
  });

  it('sends the lines of stages sharing a log group to one file, and follows a live format change', async () => {
    configure({ accessLogSettings: { destinationArn: `${GROUP_ARN}:*`, format: '$context.stage $context.status' } }, ['prod', 'beta']);
    await call('POST', '/prod/pets', 'x');
    await call('POST', '/beta/pets', 'x');
    configure({ accessLogSettings: { destinationArn: GROUP_ARN, format: 'v2 $context.stage $context.routeKey' } }, ['prod', 'beta']);
    await call('POST', '/beta/pets', 'x');
    await outputs.idle();
    expect(fileLines(LOG_FILE()).slice(-3)).toEqual(['prod 201', 'beta 201', 'v2 beta POST /pets']);
  });
});
