import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../model/index.js';
import { parseQuotaOption } from './config.js';
import { DEFAULT_CLIENT_LIMITS } from './listen.js';
import { portableSettings, resolveEntrySettings, resolveSettings, workerProcessSettings } from './settings.js';

describe('resolveSettings', () => {
  it('settles every default without options or environment', () => {
    const settings = resolveSettings({}, {});
    expect(settings).toEqual({
      dir: undefined,
      host: '127.0.0.1',
      port: 4566,
      tls: undefined,
      clientLimits: DEFAULT_CLIENT_LIMITS,
      state: ':memory:',
      region: 'us-east-1',
      regionGiven: false,
      accountId: '000000000000',
      logLevel: 'info',
      logDir: undefined,
      logToStdout: false,
      accountLimits: { rateLimit: 10_000, burstLimit: 5_000 },
      quotas: { routesPerApi: 300, stagesPerApi: 10, authorizersPerApi: 10, vpcLinks: 10, domainNames: 120 },
      credentials: undefined,
      targetQuarantineMs: undefined,
      lambdaCacheDir: join(tmpdir(), 'portico-lambda'),
      env: {},
      clock: systemClock,
      console: { history: 1000, showSecrets: false },
    });
  });

  it('console: on unless --no-console, --console-history checked', () => {
    expect(resolveSettings({ console: false }, {}).console).toBeUndefined();
    expect(resolveSettings({ consoleHistory: 5, consoleShowSecrets: true }, {}).console).toEqual({ history: 5, showSecrets: true });
    expect(() => resolveSettings({ consoleHistory: -1 }, {})).toThrow('--console-history -1: expected a whole number of at least 0');
  });

  it("quotas: AWS's defaults, each raised or lowered by --quota NAME=N", () => {
    const quotas = Object.fromEntries(['routesPerApi=1000', 'domainNames=5'].map(parseQuotaOption));
    expect(resolveSettings({ quotas }, {}).quotas).toEqual({
      routesPerApi: 1000,
      stagesPerApi: 10,
      authorizersPerApi: 10,
      vpcLinks: 10,
      domainNames: 5,
    });
    expect(() => parseQuotaOption('routes=5')).toThrow(
      '--quota routes=5: expected NAME=N with N a whole number of at least 1 and NAME one of routesPerApi, stagesPerApi, authorizersPerApi, vpcLinks, domainNames',
    );
    expect(() => parseQuotaOption('stagesPerApi=0')).toThrow(/^--quota stagesPerApi=0: expected NAME=N/);
  });

  it('region: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1', () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' };
    expect(resolveSettings({ region: 'us-west-2' }, env)).toMatchObject({ region: 'us-west-2', regionGiven: true });
    expect(resolveSettings({}, env)).toMatchObject({ region: 'eu-west-1', regionGiven: false });
    expect(resolveSettings({}, { AWS_DEFAULT_REGION: 'ap-south-1' })).toMatchObject({ region: 'ap-south-1', regionGiven: false });
    expect(resolveSettings({}, { AWS_REGION: undefined })).toMatchObject({ region: 'us-east-1', regionGiven: false });
  });

  it('log level: --log-level, else PORTICO_LOG_LEVEL, else info', () => {
    expect(resolveSettings({ logLevel: 'warn' }, { PORTICO_LOG_LEVEL: 'debug' }).logLevel).toBe('warn');
    expect(resolveSettings({}, { PORTICO_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(resolveSettings({}, {}).logLevel).toBe('info');
  });

  it('derives the state, access-log and Lambda cache locations from the directory, unless told', () => {
    const dir = resolve('some', 'infra');
    expect(resolveSettings({ dir: join('some', 'infra') }, {})).toMatchObject({
      dir,
      state: join(dir, '.portico', 'state.db'),
      logDir: join(dir, '.portico', 'logs'),
      lambdaCacheDir: join(dir, '.portico', 'lambda'),
    });
    expect(resolveSettings({ dir, state: ':memory:', logDir: 'logs' }, {})).toMatchObject({ state: ':memory:', logDir: resolve('logs') });
  });

  it('fills in the TLS port and the client limits not given', () => {
    const settings = resolveSettings({ tls: { certFile: 'c.pem', keyFile: 'k.pem' }, clientLimits: { headersTimeoutMs: 5 } }, {});
    expect(settings.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem', port: 4443 });
    expect(settings.clientLimits).toEqual({ ...DEFAULT_CLIENT_LIMITS, headersTimeoutMs: 5 });
    expect(resolveSettings({ tls: { certFile: 'c.pem', keyFile: 'k.pem', port: 0 } }, {}).tls?.port).toBe(0);
  });

  it('refuses a bad account limit by its flag', () => {
    expect(resolveSettings({ accountRateLimit: 2.5, accountBurstLimit: 0 }, {}).accountLimits).toEqual({ rateLimit: 2.5, burstLimit: 0 });
    expect(() => resolveSettings({ accountBurstLimit: 1.5 }, {})).toThrow('--account-burst 1.5: expected a whole number of at least 0');
    expect(() => resolveSettings({ accountRateLimit: -1 }, {})).toThrow('--account-rate -1: expected a number of at least 0');
  });

  it('reads only the environment it is given; at an entry point, the caller’s before the process’s', () => {
    const env = { AWS_REGION: 'sa-east-1', TF_VAR_x: '1' };
    expect(resolveSettings({}, env).env).toBe(env);
    expect(resolveEntrySettings({ env }).region).toBe('sa-east-1');
    expect(resolveEntrySettings({}).env).toBe(process.env);
  });

  it('sends workers everything but the clock, which is theirs', () => {
    const clock = { now: () => 0 };
    const settings = resolveSettings({ clock, port: 0 }, { A: 'b' });
    const sent = portableSettings(settings);
    expect(sent).not.toHaveProperty('clock');
    expect(JSON.parse(JSON.stringify(sent))).toMatchObject({ port: 0, env: { A: 'b' } });
    expect(workerProcessSettings(sent)).toEqual({ ...settings, clock: systemClock });
  });
});
