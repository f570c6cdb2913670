import { useEffect, useState } from 'preact/hooks';
import { getJson, subscribe, type LogLine, type Summary } from './api';

const KEEP = 1000;

/** What the page has seen: the history, then what the event stream adds; shared by every page. */
class Feed<T extends { seq: number }> {
  items: T[] = [];
  readonly #watchers = new Set<() => void>();
  add(item: T): void {
    if (this.items.length > 0 && (this.items[this.items.length - 1]?.seq ?? 0) >= item.seq) return;
    this.items = [...this.items.slice(-(KEEP - 1)), item];
    for (const w of this.#watchers) w();
  }
  reset(items: T[]): void {
    this.items = items.slice(-KEEP);
    for (const w of this.#watchers) w();
  }
  watch(w: () => void): () => void {
    this.#watchers.add(w);
    return () => this.#watchers.delete(w);
  }
}

export const requests = new Feed<Summary>();
export const logs = new Feed<LogLine>();
let started = false;
export const connection = { open: false };

/** Load the history and follow the event stream (once per page). */
export function startFeeds(): void {
  if (started) return;
  started = true;
  subscribe({
    request: (s) => requests.add(s),
    log: (l) => logs.add(l),
    // Connected: fill in what came before (the stream carries only what happens from now on).
    open: () => {
      connection.open = true;
      void getJson<{ requests: Summary[] }>('requests').then(({ requests: history }) => {
        const seen = new Set(requests.items.map((r) => r.seq));
        requests.reset([...history.filter((r) => !seen.has(r.seq)), ...requests.items].sort((a, b) => a.seq - b.seq));
      });
      void getJson<{ lines: LogLine[] }>('logs').then(({ lines }) => {
        const seen = new Set(logs.items.map((r) => r.seq));
        logs.reset([...lines.filter((r) => !seen.has(r.seq)), ...logs.items].sort((a, b) => a.seq - b.seq));
      });
    },
  });
}

export function useFeed<T extends { seq: number }>(feed: Feed<T>): T[] {
  const [items, setItems] = useState(feed.items);
  useEffect(() => feed.watch(() => setItems(feed.items)), [feed]);
  return items;
}
