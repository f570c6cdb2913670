import { describe, expect, it } from 'vitest';
import { createTargetMap } from '../integrations/index.js';
import { ManualClock, type ServingConfig } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';
import { Gateway } from './gateway.js';

/** A config whose deployment counts how often the gateway loads its snapshot. */
function countingConfig(deploymentIds: string[], loads: Map<string, number>): ServingConfig {
  const config = servingConfig(
    deploymentIds.map((id, i) => ({
      apiId: `api${i.toString().padStart(7, '0')}`,
      deploymentId: id,
      routes: [route('$default', 'i1')],
      integrations: [httpProxy('i1', 'http://127.0.0.1:9')],
    })),
  );
  for (const api of config.apis)
    for (const served of api.stages) {
      const deployment = served.deployment;
      if (deployment === undefined) continue;
      const load = deployment.snapshot;
      deployment.snapshot = () => {
        loads.set(deployment.deploymentId, (loads.get(deployment.deploymentId) ?? 0) + 1);
        return load();
      };
    }
  return config;
}

describe('Gateway.setConfig', () => {
  it('compiles each deployment once, and forgets deployments no longer served', async () => {
    const gateway = new Gateway({ clock: new ManualClock(), logger: silentLogger(), targets: createTargetMap({}) });
    const loads = new Map<string, number>();
    gateway.setConfig(countingConfig(['d1', 'd2'], loads));
    gateway.setConfig(countingConfig(['d1', 'd2'], loads));
    expect(Object.fromEntries(loads)).toEqual({ d1: 1, d2: 1 });
    gateway.setConfig(countingConfig(['d1'], loads));
    gateway.setConfig(countingConfig(['d1', 'd2'], loads));
    expect(Object.fromEntries(loads)).toEqual({ d1: 1, d2: 2 });
    await gateway.close();
  });
});
