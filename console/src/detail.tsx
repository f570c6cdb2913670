import { decodeBody, type Body, type Pairs, type RequestDetail } from './api';

function Head({ title, line, headers, body }: { title: string; line: string; headers: Pairs; body?: Body | undefined }) {
  return (
    <section class="card">
      <h3>{title}</h3>
      <pre>
        {line}
        {'\n'}
        {headers.map(([n, v]) => `${n}: ${v}`).join('\n')}
        {body ? `\n\n${decodeBody(body)}${body.truncated ? `\n… (truncated: ${body.size} bytes in all)` : ''}` : ''}
      </pre>
    </section>
  );
}

/** One request in full: what came in, what went to the integration, what came back, what the client got. */
export function Detail({ record }: { record: RequestDetail }) {
  const { request, integration, endpointResponse, response, authorizer, error } = record;
  return (
    <section class="detail" aria-label="Request detail">
      <h2>
        {record.method} {record.path} <span class="muted">request id {record.requestId}</span>
      </h2>
      <dl class="facts">
        <dt>Route</dt>
        <dd>{record.routeKey ?? 'no route'}</dd>
        <dt>Status</dt>
        <dd>{record.status}</dd>
        {error && (
          <>
            <dt>Gateway error</dt>
            <dd class="error-kind">
              {error.kind} {error.responseType && `(${error.responseType})`} {error.message}
            </dd>
          </>
        )}
        <dt>Authorizer</dt>
        <dd class="authorizer-detail">
          {authorizer.kind === 'none' ? 'none' : `${authorizer.kind}: ${authorizer.result}`}
          {authorizer.error && <strong class="reason"> — {authorizer.error}</strong>}
          {Object.keys(authorizer.values).length > 0 && <pre>{JSON.stringify(authorizer.values, null, 2)}</pre>}
        </dd>
      </dl>
      <Head
        title="Client request"
        line={`${request.method} ${request.url}  (from ${request.remoteAddress ?? '?'})`}
        headers={request.headers}
        body={request.body}
      />
      {integration?.kind === 'http' && (
        <Head title="Integration request (after mapping)" line={`${integration.method} ${integration.url}`} headers={integration.headers} />
      )}
      {integration?.kind === 'lambda' && (
        <section class="card">
          <h3>Lambda event ({integration.functionUri})</h3>
          <pre>{JSON.stringify(integration.event, null, 2)}</pre>
        </section>
      )}
      {endpointResponse && (
        <Head title="Endpoint response (before mapping)" line={`${endpointResponse.status}`} headers={endpointResponse.headers} />
      )}
      {response && <Head title="Client response" line={`${response.status}`} headers={response.headers} body={response.body} />}
      {record.context && (
        <section class="card">
          <h3>$context</h3>
          <pre>{JSON.stringify(record.context, null, 2)}</pre>
        </section>
      )}
    </section>
  );
}
