import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getJson } from './api';
import { requests } from './store';

interface Point {
  t: number;
  count: number;
  c4xx: number;
  c5xx: number;
  c429: number;
  p50: number | null;
  p99: number | null;
  integrationP50: number | null;
  integrationP99: number | null;
}
interface Series {
  apiId: string;
  stage: string;
  routeKey?: string;
  points: Point[];
}

const SECONDS = 120;

interface Bucket {
  apiId?: string;
  stageName?: string;
  routeKey?: string;
  limits: { rateLimit: number; burstLimit: number };
  tokens: number | null;
}

/** Each throttling bucket's fill level: tokens left of its burst (an empty bucket answers 429). */
function Buckets({ buckets }: { buckets: Bucket[] | null }) {
  if (buckets === null) return <p class="muted">Bucket levels are not available here (--workers leases tokens from the primary).</p>;
  return (
    <table class="buckets">
      <caption>Throttling buckets: tokens left now</caption>
      <thead>
        <tr>
          <th scope="col">Bucket</th>
          <th scope="col">Rate (rps)</th>
          <th scope="col">Burst</th>
          <th scope="col">Fill</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((b) => {
          const name = b.apiId === undefined ? 'account' : `${b.apiId}/${b.stageName ?? ''} ${b.routeKey ?? ''}`;
          const tokens = Math.floor(b.tokens ?? 0);
          return (
            <tr key={name}>
              <td>{name}</td>
              <td>{b.limits.rateLimit}</td>
              <td>{b.limits.burstLimit}</td>
              <td>
                <meter
                  min={0}
                  max={Math.max(1, b.limits.burstLimit)}
                  value={tokens}
                  aria-label={`${name}: ${tokens} of ${b.limits.burstLimit} tokens`}
                />{' '}
                {tokens} / {b.limits.burstLimit}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function keyOf(s: Series): string {
  return `${s.apiId}/${s.stage}${s.routeKey === undefined ? '' : ` ${s.routeKey}`}`;
}

function Chart({ title, data, labels, colors }: { title: string; data: uPlot.AlignedData; labels: string[]; colors: string[] }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const width = Math.max(300, el.clientWidth - 8);
    plot.current = new uPlot(
      {
        width,
        height: 220,
        series: [{}, ...labels.map((label, i) => ({ label, stroke: colors[i] ?? '#888', width: 2, spanGaps: true }))],
        axes: [
          { stroke: 'currentColor', grid: { stroke: '#8884' } },
          { stroke: 'currentColor', grid: { stroke: '#8884' } },
        ],
        legend: { live: false },
      },
      data,
      el,
    );
    return () => plot.current?.destroy();
  }, [labels.join()]);
  useEffect(() => plot.current?.setData(data), [data]);
  return (
    <figure class="card chart">
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={title} />
    </figure>
  );
}

/** Per stage and route: request rate, 4xx/5xx/429, p50/p99 latency and integration latency over the last minutes. */
export function MetricsPage() {
  const [series, setSeries] = useState<Series[]>([]);
  const [chosen, setChosen] = useState('');
  const [total, setTotal] = useState(0);
  const [buckets, setBuckets] = useState<Bucket[] | null>([]);
  useEffect(() => {
    let alive = true;
    let pending = false;
    const load = () => {
      pending = false;
      void getJson<{ series: Series[] }>(`metrics?seconds=${SECONDS}`).then((m) => {
        if (!alive) return;
        setSeries(m.series);
        setTotal(m.series.filter((s) => s.routeKey === undefined).reduce((n, s) => n + s.points.reduce((a, p) => a + p.count, 0), 0));
      });
      void getJson<{ buckets: Bucket[] | null }>('throttling').then((t) => alive && setBuckets(t.buckets));
    };
    load();
    // Refreshed when requests arrive on the event stream, at most once a second (no polling while idle).
    const stop = requests.watch(() => {
      if (pending) return;
      pending = true;
      setTimeout(load, 1000);
    });
    return () => {
      alive = false;
      stop();
    };
  }, []);
  const keys = series.map(keyOf);
  const current = series.find((s) => keyOf(s) === chosen) ?? series.find((s) => s.routeKey === undefined) ?? series[0];
  const data = useMemo(() => {
    const p = current?.points ?? [];
    const t = p.map((x) => x.t);
    return {
      rate: [t, p.map((x) => x.count), p.map((x) => x.c4xx), p.map((x) => x.c5xx), p.map((x) => x.c429)] as uPlot.AlignedData,
      latency: [
        t,
        p.map((x) => x.p50),
        p.map((x) => x.p99),
        p.map((x) => x.integrationP50),
        p.map((x) => x.integrationP99),
      ] as uPlot.AlignedData,
    };
  }, [current]);
  return (
    <>
      <h1>Metrics</h1>
      <p class="muted">
        Requests seen while a console was open, last {SECONDS / 60} minutes: <span data-testid="metrics-total">{total}</span>. Totals since
        start: <a href="/_portico/metrics">/_portico/metrics</a>.
      </p>
      {series.length === 0 ? (
        <p>No requests yet.</p>
      ) : (
        <>
          <label>
            Series{' '}
            <select value={current ? keyOf(current) : ''} onChange={(e) => setChosen(e.currentTarget.value)}>
              {keys.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <div class="charts">
            <Chart
              title="Requests per second"
              data={data.rate}
              labels={['requests', '4xx', '5xx', '429 (throttled)']}
              colors={['#2563eb', '#d97706', '#dc2626', '#7c3aed']}
            />
            <Chart
              title="Latency (ms)"
              data={data.latency}
              labels={['p50', 'p99', 'integration p50', 'integration p99']}
              colors={['#059669', '#dc2626', '#2563eb', '#7c3aed']}
            />
          </div>
        </>
      )}
      <Buckets buckets={buckets} />
    </>
  );
}
