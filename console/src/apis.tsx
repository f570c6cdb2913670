import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

interface StandInNote {
  address: string;
  attribute: string;
  file: string;
  line: number;
}
interface Integration {
  integrationId: string;
  type: string;
  uri: string;
  method?: string;
  connectionType: string;
  connectionId?: string;
  timeoutInMillis: number;
  resolvedTargets?: string[];
  standIn?: StandInNote;
}
interface Route {
  routeId: string;
  routeKey: string;
  integrationId?: string;
  authorizationType: string;
  authorizer?: { name: string; type: string; scopes?: string[] };
  throttling?: { burstLimit?: number; rateLimit?: number };
}
interface Stage {
  stageName: string;
  urls: string[];
  deploymentId?: string;
  autoDeploy: boolean;
  stageVariables: Record<string, string>;
  throttling: { burstLimit?: number; rateLimit?: number };
  cors?: Record<string, unknown>;
  routes: Route[];
  integrations: Integration[];
  authorizers: {
    authorizerId: string;
    name: string;
    type: string;
    identitySource?: string[];
    jwt?: unknown;
    uri?: string;
    standIn?: StandInNote;
  }[];
  undeployedChanges: string[];
}
interface Api {
  apiId: string;
  name: string;
  protocolType: string;
  stages: Stage[];
  deployments: { deploymentId: string; createdDate: string; autoDeployed: boolean; description?: string }[];
}
interface Apis {
  apis: Api[];
  standIns: { address: string; attribute: string; value: unknown; reason: string; file: string; line: number }[];
}

function StandIn({ note }: { note: StandInNote | undefined }) {
  if (note === undefined) return null;
  return (
    <span class="badge warn" title={`${note.address}.${note.attribute}`}>
      Terraform stand-in ({note.file}:{note.line})
    </span>
  );
}

function Copy({ text }: { text: string }) {
  const [done, setDone] = useState(false);
  const copy = () => void navigator.clipboard?.writeText(text).then(() => setDone(true));
  return (
    <button type="button" class="small" onClick={copy} aria-label={`Copy ${text}`}>
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

function target(integration: Integration | undefined): string {
  if (integration === undefined) return 'no integration (404)';
  const via = integration.connectionType === 'VPC_LINK' ? ` via VPC link ${integration.connectionId ?? ''}` : '';
  const local =
    integration.connectionType !== 'VPC_LINK'
      ? ''
      : integration.resolvedTargets
        ? ` → ${integration.resolvedTargets.join(', ')}`
        : ' (no local target: add --target)';
  const fn = integration.type === 'AWS_PROXY' ? /:function:([^:/]+)/.exec(integration.uri)?.[1] : undefined;
  return `${integration.type} ${integration.uri}${via}${local}${fn ? ` → function ${fn}` : ''}`;
}

function StageView({ stage }: { stage: Stage }) {
  const integrations = new Map(stage.integrations.map((i) => [i.integrationId, i]));
  const base = stage.urls.find((u) => u.includes('/_aws/execute-api/')) ?? stage.urls[0] ?? '';
  return (
    <section class="card" aria-label={`Stage ${stage.stageName}`}>
      <h3>
        Stage <code>{stage.stageName}</code>{' '}
        <span class="muted">
          {stage.deploymentId ? `deployment ${stage.deploymentId}` : 'not deployed yet'}
          {stage.autoDeploy ? ' · auto-deploy' : ''}
        </span>
      </h3>
      <ul class="urls">
        {stage.urls.map((url) => (
          <li key={url}>
            <code>{url}</code> <Copy text={url} />
          </li>
        ))}
      </ul>
      {stage.undeployedChanges.length > 0 && <p class="badge warn">Not deployed yet: {stage.undeployedChanges.join(', ')}</p>}
      <table class="routes">
        <caption>Routes, in the order they are matched</caption>
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Integration</th>
            <th scope="col">Authorization</th>
            <th scope="col">Throttling</th>
            <th scope="col">Timeout</th>
          </tr>
        </thead>
        <tbody>
          {stage.routes.map((route) => {
            const integration = integrations.get(route.integrationId ?? '');
            const get = route.routeKey.startsWith('GET ') && !route.routeKey.includes('{');
            return (
              <tr key={route.routeId}>
                <td>
                  <code>{route.routeKey}</code>
                  {get && base && (
                    <>
                      {' '}
                      <a href={`${base.replace(/\/$/, '')}${route.routeKey.slice(4)}`} target="_blank" rel="noreferrer">
                        open
                      </a>
                    </>
                  )}
                </td>
                <td>
                  {target(integration)} <StandIn note={integration?.standIn} />
                </td>
                <td>
                  {route.authorizationType}
                  {route.authorizer ? ` (${route.authorizer.name})` : ''}
                  {route.authorizer?.scopes?.length ? ` scopes: ${route.authorizer.scopes.join(' ')}` : ''}
                </td>
                <td>{route.throttling ? `${route.throttling.rateLimit ?? '–'} rps / ${route.throttling.burstLimit ?? '–'} burst` : '–'}</td>
                <td>{integration ? `${integration.timeoutInMillis} ms` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl class="facts">
        <dt>Stage throttling</dt>
        <dd>
          {stage.throttling.rateLimit ?? 'account'} rps / {stage.throttling.burstLimit ?? 'account'} burst
        </dd>
        <dt>CORS</dt>
        <dd>{stage.cors ? <code>{JSON.stringify(stage.cors)}</code> : 'none'}</dd>
        <dt>Stage variables</dt>
        <dd>{Object.keys(stage.stageVariables).length ? <code>{JSON.stringify(stage.stageVariables)}</code> : 'none'}</dd>
        <dt>Authorizers</dt>
        <dd>
          {stage.authorizers.length === 0
            ? 'none'
            : stage.authorizers.map((a) => (
                <div key={a.authorizerId}>
                  {a.name} ({a.type}) {a.jwt ? <code>{JSON.stringify(a.jwt)}</code> : a.uri ? <code>{a.uri}</code> : null}{' '}
                  <StandIn note={a.standIn} />
                </div>
              ))}
        </dd>
      </dl>
    </section>
  );
}

export function ApisPage() {
  const [data, setData] = useState<Apis | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<Apis>('apis').then(setData, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p role="alert">{error}</p>;
  if (data === undefined) return <p>Loading…</p>;
  return (
    <>
      <h1>APIs</h1>
      {data.apis.length === 0 && <p>No APIs yet.</p>}
      {data.apis.map((api) => (
        <details key={api.apiId} open class="api">
          <summary>
            <h2>
              {api.name}{' '}
              <span class="muted">
                {api.protocolType} · id {api.apiId}
              </span>
            </h2>
          </summary>
          {api.stages.map((stage) => (
            <StageView key={stage.stageName} stage={stage} />
          ))}
          <p class="muted">
            Deployments:{' '}
            {api.deployments.map((d) => `${d.deploymentId} (${d.createdDate}${d.autoDeployed ? ', auto' : ''})`).join(', ') || 'none'}
          </p>
        </details>
      ))}
      {data.standIns.length > 0 && (
        <section class="card">
          <h2>Terraform stand-ins</h2>
          <ul>
            {data.standIns.map((s) => (
              <li key={`${s.address}.${s.attribute}`}>
                <code>
                  {s.address}.{s.attribute}
                </code>{' '}
                = <code>{JSON.stringify(s.value)}</code>{' '}
                <span class="muted">
                  ({s.reason}; {s.file}:{s.line})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
