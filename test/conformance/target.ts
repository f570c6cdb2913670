import { startPortico, type Portico, type PorticoOptions } from '../../src/server/index.js';
import { startBackend, type Backend } from './backend.js';
import type { ConformanceTarget } from './conformance.js';

export interface PorticoTarget extends ConformanceTarget {
  readonly portico: Portico;
  close(): Promise<void>;
}

/**
 * Portico serving one of the fixtures under test/conformance/fixtures through `startPortico`, its
 * HTTP integrations pointing at a fresh backend (Terraform variable `upstream`).
 */
export async function startFixture(fixture: string, options: Partial<PorticoOptions> = {}): Promise<PorticoTarget> {
  const backend: Backend = await startBackend();
  let portico: Portico;
  try {
    portico = await startPortico({
      dir: new URL(`./fixtures/${fixture}`, import.meta.url).pathname,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      ...options,
      vars: { upstream: backend.url, upstream_host: `127.0.0.1:${backend.port}`, ...options.vars },
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  return {
    portico,
    backend,
    port: portico.port,
    apiId(name?: string): string {
      const api = name === undefined ? portico.apis[0] : portico.apis.find((a) => a.name === name);
      if (api === undefined) throw new Error(`no API named ${name ?? '(first)'} in the fixture`);
      return api.apiId;
    },
    close: async () => {
      await portico.stop();
      await backend.close();
    },
  };
}
