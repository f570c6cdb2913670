import { createHash } from 'node:crypto';
import { stableId } from '../../model/index.js';
import { text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

/**
 * `triggers` forces a new deployment in the provider, so the id follows the triggers: a
 * changed trigger makes a new deployment (a new snapshot of the API as it is now), and the old
 * one is deleted once no stage points at it any more.
 */
function deploymentId(address: string, triggers: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(triggers ?? null))
    .digest('hex')
    .slice(0, 16);
  return stableId('deployment', `${address}#${digest}`);
}

export const deploymentKind: ResourceKind = {
  type: 'aws_apigatewayv2_deployment',
  deleteRank: 2,
  ids: (instance) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    deploymentId: deploymentId(instance.address, instance.attributes['triggers']),
  }),
  computed: (_instance, ids) => ({ id: ids['deploymentId'] ?? '', auto_deployed: false }),
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const apiId = ids['apiId'] ?? '';
    const id = ids['deploymentId'] ?? '';
    const description = text(instance.attributes, 'description');
    const current = found(() => cp.run('GetDeployment', { apiId, deploymentId: id }));
    if (current) cp.run('UpdateDeployment', { apiId, deploymentId: id, description: description ?? '' });
    else cp.run('CreateDeployment', { apiId, description }, { id });
    const old = previous?.ids['deploymentId'];
    if (old && old !== id) {
      const oldApi = previous.ids['apiId'];
      return () => {
        const inUse = found(() => cp.run('GetStages', { apiId: oldApi }))?.items.some((s) => s.deploymentId === old);
        if (!inUse) removeQuietly(() => cp.run('DeleteDeployment', { apiId: oldApi, deploymentId: old }));
      };
    }
    return undefined;
  },
  remove: (record, ctx) =>
    removeQuietly(() => ctx.cp.run('DeleteDeployment', { apiId: record.ids['apiId'], deploymentId: record.ids['deploymentId'] })),
};
