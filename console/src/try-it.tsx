import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

interface ApiChoice {
  apiId: string;
  name: string;
  stages: { stageName: string; urls: string[]; routes: { routeKey: string }[] }[];
}

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
  requestId: string | null;
  ms: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The stage's path-style URL, relative: the request goes to this same origin, so the browser sends it as is. */
function basePath(urls: string[]): string {
  const url = urls.find((u) => u.includes('/_aws/execute-api/')) ?? '';
  return url === '' ? '' : new URL(url).pathname.replace(/\/$/, '');
}

function parseHeaders(text: string): [string, string][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(':'))
    .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]);
}

export function TryItPage() {
  const [apis, setApis] = useState<ApiChoice[]>([]);
  const [target, setTarget] = useState('');
  const [method, setMethod] = useState('GET');
  const [path, setPath] = useState('/');
  const [headers, setHeaders] = useState('');
  const [body, setBody] = useState('');
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    void getJson<{ apis: ApiChoice[] }>('apis').then((d) => {
      const http = d.apis.filter((a) => a.stages.some((s) => s.urls.some((u) => u.startsWith('http'))));
      setApis(http);
      const first = http[0];
      const stage = first?.stages[0];
      if (first && stage) setTarget(basePath(stage.urls));
    });
  }, []);
  const routes = apis.flatMap((a) => a.stages.filter((s) => basePath(s.urls) === target).flatMap((s) => s.routes.map((r) => r.routeKey)));
  const pickRoute = (key: string) => {
    const space = key.indexOf(' ');
    if (space < 0) return;
    const m = key.slice(0, space);
    setMethod(m === 'ANY' ? 'GET' : m);
    setPath(key.slice(space + 1).replace(/\{([^}+]+)\+?\}/g, '$1'));
  };
  const send = async (e: Event) => {
    e.preventDefault();
    setError('');
    const started = performance.now();
    try {
      const res = await fetch(`${target}${path.startsWith('/') ? path : `/${path}`}`, {
        method,
        headers: parseHeaders(headers),
        ...(method === 'GET' || method === 'HEAD' || body === '' ? {} : { body }),
        credentials: 'omit',
      });
      const text = await res.text();
      setAnswer({
        status: res.status,
        headers: [...res.headers.entries()],
        body: text,
        requestId: res.headers.get('apigw-requestid'),
        ms: Math.round(performance.now() - started),
      });
    } catch (err) {
      setError(String(err));
    }
  };
  return (
    <>
      <h1>Try it</h1>
      <form class="card try" onSubmit={send} aria-label="Send a request">
        <label>
          API and stage
          <select value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {apis.flatMap((a) =>
              a.stages.map((s) => (
                <option key={`${a.apiId}/${s.stageName}`} value={basePath(s.urls)}>
                  {a.name} / {s.stageName}
                </option>
              )),
            )}
          </select>
        </label>
        <label>
          Route
          <select onChange={(e) => pickRoute(e.currentTarget.value)}>
            <option value="">(type a path)</option>
            {routes.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <div class="row">
          <label>
            Method
            <select name="method" value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
              {METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label class="grow">
            Path
            <input name="path" value={path} onInput={(e) => setPath(e.currentTarget.value)} />
          </label>
        </div>
        <label>
          Headers (one "name: value" a line)
          <textarea name="headers" rows={3} value={headers} onInput={(e) => setHeaders(e.currentTarget.value)} />
        </label>
        <label>
          Body
          <textarea name="body" rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </label>
        <button type="submit">Send</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {answer && (
        <section class="card answer" aria-label="Response">
          <h2>
            <span class="try-status">{answer.status}</span> <span class="muted">in {answer.ms} ms</span>
          </h2>
          {answer.requestId && (
            <p>
              <a href={`#/live/${encodeURIComponent(answer.requestId)}`}>See it in the live requests</a>
            </p>
          )}
          <pre>
            {answer.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}
            {'\n\n'}
            {answer.body}
          </pre>
        </section>
      )}
    </>
  );
}
