import { useState } from 'preact/hooks';
import { logs, useFeed } from './store';

/** Access-log lines of stages with an access log, and functions' console output, as they are written. */
export function LogsPage() {
  const lines = useFeed(logs);
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const shown = lines
    .filter((l) => (kind === '' || l.kind === kind) && (text === '' || `${l.source} ${l.line}`.includes(text)))
    .slice(-500);
  return (
    <>
      <h1>Logs</h1>
      <form class="filters" role="search" aria-label="Filter log lines" onSubmit={(e) => e.preventDefault()}>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">all</option>
            <option value="access">access logs</option>
            <option value="function">function output</option>
          </select>
        </label>
        <label>
          Contains
          <input value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
      </form>
      {shown.length === 0 && <p>No lines yet: stages log when they have access-log settings; functions when they write to the console.</p>}
      <ol class="log" aria-live="polite">
        {shown.map((l) => (
          <li key={l.seq} class={l.kind}>
            <time>{new Date(l.time).toLocaleTimeString()}</time> <span class="source">{l.source}</span>
            {l.level ? <span class="level"> {l.level}</span> : null} <code>{l.line}</code>
          </li>
        ))}
      </ol>
    </>
  );
}
