import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, type Summary, type RequestDetail } from './api';
import { Detail } from './detail';
import { requests, useFeed } from './store';

function statusClass(status: number): string {
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';
}

function authText(s: Summary): string {
  const a = s.authorizer;
  if (a.kind === 'none') return '–';
  return `${a.kind}: ${a.result}${a.error ? ` (${a.error})` : ''}`;
}

function Filters(props: {
  apis: string[];
  api: string;
  setApi: (v: string) => void;
  status: string;
  setStatus: (v: string) => void;
  route: string;
  setRoute: (v: string) => void;
}) {
  return (
    <form class="filters" role="search" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
      <label>
        API
        <select value={props.api} onChange={(e) => props.setApi(e.currentTarget.value)}>
          <option value="">all</option>
          {props.apis.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={props.status} onChange={(e) => props.setStatus(e.currentTarget.value)}>
          <option value="">all</option>
          <option value="2xx">2xx</option>
          <option value="3xx">3xx</option>
          <option value="4xx">4xx</option>
          <option value="5xx">5xx</option>
        </select>
      </label>
      <label>
        Route contains
        <input value={props.route} onInput={(e) => props.setRoute(e.currentTarget.value)} placeholder="GET /orders" />
      </label>
    </form>
  );
}

export function LivePage({ selected }: { selected: string }) {
  const all = useFeed(requests);
  const [api, setApi] = useState('');
  const [status, setStatus] = useState('');
  const [route, setRoute] = useState('');
  const [detail, setDetail] = useState<RequestDetail | undefined>();
  const [detailError, setDetailError] = useState('');
  const apis = useMemo(() => [...new Set(all.map((r) => r.apiId))].sort(), [all]);
  const shown = useMemo(
    () =>
      all
        .filter(
          (r) =>
            (api === '' || r.apiId === api) &&
            (status === '' || statusClass(r.status) === status) &&
            (route === '' || (r.routeKey ?? 'no route').toLowerCase().includes(route.toLowerCase())),
        )
        .slice(-300)
        .reverse(),
    [all, api, status, route],
  );
  useEffect(() => {
    setDetail(undefined);
    setDetailError('');
    if (selected === '') return;
    getJson<RequestDetail>(`requests/${encodeURIComponent(selected)}`).then(setDetail, (e: Error) => setDetailError(e.message));
  }, [selected]);
  return (
    <div class="live">
      <h1>Live requests</h1>
      <Filters apis={apis} api={api} setApi={setApi} status={status} setStatus={setStatus} route={route} setRoute={setRoute} />
      <p class="muted" aria-live="polite">
        {shown.length} of {all.length} requests
      </p>
      <div class="table-wrap">
        <table class="requests">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">API / stage</th>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Route</th>
              <th scope="col">Authorizer</th>
              <th scope="col">Target</th>
              <th scope="col">Status</th>
              <th scope="col">Latency</th>
              <th scope="col">Integration</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.seq} class={selected === r.requestId ? 'selected' : undefined} data-request-id={r.requestId}>
                <td>
                  <a
                    href={`#/live/${encodeURIComponent(r.requestId)}`}
                    aria-label={`Details of ${r.method} ${r.path} at ${new Date(r.time).toLocaleTimeString()}`}
                  >
                    {new Date(r.time).toLocaleTimeString()}
                  </a>
                </td>
                <td>
                  {r.apiId}/{r.stage ?? '–'}
                </td>
                <td>{r.method}</td>
                <td class="path">{r.path}</td>
                <td class="route">{r.routeKey ?? 'no route'}</td>
                <td class="auth">{authText(r)}</td>
                <td class="target">{r.target ?? '–'}</td>
                <td class={`status s${statusClass(r.status)}`}>{r.status}</td>
                <td>{r.latencyMs >= 0 ? `${r.latencyMs} ms` : '–'}</td>
                <td>{r.integrationLatencyMs >= 0 ? `${r.integrationLatencyMs} ms` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detailError && <p role="alert">{detailError}</p>}
      {detail && <Detail record={detail} />}
    </div>
  );
}
