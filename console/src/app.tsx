import { useEffect, useState } from 'preact/hooks';
import { getJson, signIn } from './api';
import { ApisPage } from './apis';
import { LivePage } from './live';
import { LogsPage } from './logs';
import { MetricsPage } from './metrics';
import { startFeeds } from './store';
import { TryItPage } from './try-it';

const PAGES = [
  ['apis', 'APIs'],
  ['live', 'Live requests'],
  ['metrics', 'Metrics'],
  ['logs', 'Logs'],
  ['try', 'Try it'],
] as const;
type Page = (typeof PAGES)[number][0];

function currentPage(): { page: Page; arg: string } {
  const [page = 'apis', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.some(([p]) => p === page);
  return { page: known ? (page as Page) : 'apis', arg: decodeURIComponent(rest.join('/')) };
}

type Theme = 'light' | 'dark';

function initialTheme(): Theme {
  const saved = localStorage.getItem('portico-theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function App() {
  const [route, setRoute] = useState(currentPage());
  const [theme, setTheme] = useState<Theme>(initialTheme());
  const [session, setSession] = useState<'loading' | 'in' | 'out'>('loading');
  useEffect(() => {
    const onHash = () => setRoute(currentPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    void getJson<{ required: boolean; signedIn: boolean }>('session').then((s) => setSession(s.signedIn ? 'in' : 'out'));
  }, []);
  useEffect(() => {
    if (session === 'in') startFeeds();
  }, [session]);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem('portico-theme', next);
    setTheme(next);
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span class="brand">Portico</span>
        <nav aria-label="Pages">
          {PAGES.map(([page, label]) => (
            <a key={page} href={`#/${page}`} aria-current={route.page === page ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <button type="button" class="theme" onClick={toggle} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {session === 'loading' ? (
          <p>Loading…</p>
        ) : session === 'out' ? (
          <SignIn onDone={() => setSession('in')} />
        ) : route.page === 'apis' ? (
          <ApisPage />
        ) : route.page === 'live' ? (
          <LivePage selected={route.arg} />
        ) : route.page === 'metrics' ? (
          <MetricsPage />
        ) : route.page === 'logs' ? (
          <LogsPage />
        ) : (
          <TryItPage />
        )}
      </main>
    </>
  );
}

function SignIn({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const problem = await signIn(String(form.get('accessKeyId') ?? ''), String(form.get('secretAccessKey') ?? ''));
    if (problem === undefined) onDone();
    else setError(problem);
  };
  return (
    <form class="card signin" onSubmit={submit} aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p>
        This Portico was started with <code>--auth</code>: sign in with one of its access keys.
      </p>
      <label>
        Access key ID
        <input name="accessKeyId" autocomplete="username" required />
      </label>
      <label>
        Secret access key
        <input name="secretAccessKey" type="password" autocomplete="current-password" required />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit">Sign in</button>
    </form>
  );
}
