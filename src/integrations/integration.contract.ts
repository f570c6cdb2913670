import { describe, expect, it } from 'vitest';
import type { Integration, IntegrationFailure } from './integration.js';
import type { ResponseSink } from './response-sink.js';

/**
 * What an endpoint behind a fixture does with one request. Every fixture builds a request for its
 * integration type that makes its endpoint behave so: a scripted HTTP server, a scripted Lambda
 * function, a rendered MOCK request template.
 */
export type EndpointScript =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  /** Never answers. */
  | { readonly kind: 'hang' }
  /** Answers with something that is not a response this integration type can pass on. */
  | { readonly kind: 'malformed' };

/**
 * What an integration type's endpoint cannot do, each with why: the rows that need it say so in
 * their title and are skipped, or (`statusOnly`) check the status and the framing only. An HTTP
 * server or a Lambda function can do everything; a MOCK integration's "endpoint" is its request
 * template, which answers a status and nothing else, at once, and cannot be absent.
 */
export interface EndpointLimits {
  /** Why no endpoint of this type can leave a request unanswered. */
  readonly cannotHang?: string;
  /** Why its answer carries a status only: no fields, an empty body. */
  readonly statusOnly?: string;
  /** Why this type has no endpoint that can be missing. */
  readonly cannotBeMissing?: string;
}

export interface IntegrationFixture<Request> {
  readonly integration: Integration<Request>;
  /** A request whose endpoint follows `script`, with this integration timeout. */
  request(script: EndpointScript, timeoutMs?: number): Request;
  /** A request for an endpoint that is not there, and the failure the integration reports for it (absent where `cannotBeMissing` says why). */
  readonly missing?: { readonly request: () => Request; readonly failure: IntegrationFailure };
  close(): Promise<void>;
}

type Call = ['head', number, string[]] | ['write', string] | ['end', string] | ['abort'];

/** A sink that records what it is handed; `refuseHead` makes `head` throw as node:http does for an invalid field. */
export class RecordingSink implements ResponseSink {
  readonly calls: Call[] = [];
  headSent = false;
  closed = false;
  readonly #close = new Set<() => void>();

  constructor(private readonly refuseHead = false) {}

  head(status: number, headers: string[]): void {
    if (this.refuseHead) throw new TypeError('Invalid character in header content ["x-bad"]');
    this.headSent = true;
    this.calls.push(['head', status, headers.slice()]);
  }

  write(chunk: Buffer): boolean {
    this.calls.push(['write', chunk.toString()]);
    return true;
  }

  end(last?: Buffer): void {
    this.calls.push(['end', last?.toString() ?? '']);
    this.#closed();
  }

  abort(): void {
    this.calls.push(['abort']);
    this.#closed();
  }

  onDrain(): void {}
  onClose(listener: () => void): void {
    this.#close.add(listener);
  }
  offClose(listener: () => void): void {
    this.#close.delete(listener);
  }

  /** The response as the client would read it. */
  get received(): { status: number; headers: Record<string, string>; body: string } | undefined {
    const head = this.calls.find((call) => call[0] === 'head');
    if (head === undefined) return undefined;
    const headers: Record<string, string> = {};
    for (let i = 0; i < head[2].length; i += 2) headers[(head[2][i] as string).toLowerCase()] = head[2][i + 1] as string;
    const body = this.calls.map((call) => (call[0] === 'write' || call[0] === 'end' ? call[1] : '')).join('');
    return { status: head[1], headers, body };
  }

  #closed(): void {
    this.closed = true;
    for (const listener of this.#close) listener();
  }
}

/**
 * The behaviour every integration type owes the gateway (integration.ts): it hands the endpoint's
 * response over as one head, then the body, then one end; it keeps to its timeout; it reports each
 * failure as a kind, having handed nothing over; it never rejects. `limits` says, in the suite's
 * terms, what this type's endpoint cannot do and why: those rows are reported as skipped with the
 * reason, or check what the endpoint can answer.
 */
export function runIntegrationContract<Request>(
  name: string,
  open: () => Promise<IntegrationFixture<Request>>,
  limits: EndpointLimits = {},
): void {
  describe(`Integration contract: ${name}`, () => {
    const answer: EndpointScript = {
      kind: 'answer',
      status: 201,
      headers: { 'content-type': 'text/plain', 'x-from': 'endpoint' },
      body: 'made it',
    };
    const statusOnly = limits.statusOnly;
    /** A row that does not apply to this type: reported as skipped, with the fixture's reason. */
    const rowFor = (title: string, why: string | undefined, body: () => Promise<void>): void => {
      if (why === undefined) it(title, body);
      else it.skip(`${title} — does not apply to ${name}: ${why}`, body);
    };

    it(
      statusOnly === undefined
        ? "hands over the endpoint's status, fields and body: one head, the body, one end"
        : `hands over the endpoint's status — its only answer (${statusOnly}): one head, an empty body, one end`,
      async () => {
        const fixture = await open();
        try {
          const sink = new RecordingSink();
          const outcome = await fixture.integration.invoke(fixture.request(answer), sink);
          expect(outcome).toEqual({ kind: 'responded', status: 201 });
          if (statusOnly === undefined)
            expect(sink.received).toMatchObject({
              status: 201,
              headers: { 'content-type': 'text/plain', 'x-from': 'endpoint' },
              body: 'made it',
            });
          else {
            expect(sink.received).toMatchObject({ status: 201, body: '' });
            expect(sink.received?.headers).not.toHaveProperty('x-from');
          }
          expect(sink.calls[0]?.[0]).toBe('head');
          expect(sink.calls.filter((call) => call[0] === 'head')).toHaveLength(1);
          expect(sink.calls.at(-1)?.[0]).toBe('end');
        } finally {
          await fixture.close();
        }
      },
    );

    rowFor(
      'keeps to its timeout: an endpoint that never answers is a timeout, and nothing was handed over',
      limits.cannotHang,
      async () => {
        const fixture = await open();
        try {
          const sink = new RecordingSink();
          const outcome = await fixture.integration.invoke(fixture.request({ kind: 'hang' }, 100), sink);
          expect(outcome).toMatchObject({ kind: 'failed', failure: 'timeout' });
          expect(sink.calls).toEqual([]);
        } finally {
          await fixture.close();
        }
      },
    );

    it('reports a response it cannot pass on as malformed, having handed nothing over', async () => {
      const fixture = await open();
      try {
        const sink = new RecordingSink();
        const outcome = await fixture.integration.invoke(fixture.request({ kind: 'malformed' }), sink);
        expect(outcome).toMatchObject({ kind: 'failed', failure: 'malformed-response' });
        expect(sink.calls).toEqual([]);
      } finally {
        await fixture.close();
      }
    });

    rowFor(
      'reports an endpoint that is not there as its own failure kind, having handed nothing over',
      limits.cannotBeMissing,
      async () => {
        const fixture = await open();
        try {
          if (fixture.missing === undefined) throw new Error(`${name}: the fixture has no missing endpoint and does not say why`);
          const sink = new RecordingSink();
          const outcome = await fixture.integration.invoke(fixture.missing.request(), sink);
          expect(outcome).toMatchObject({ kind: 'failed', failure: fixture.missing.failure });
          expect(sink.calls).toEqual([]);
        } finally {
          await fixture.close();
        }
      },
    );

    it('fails as malformed when the gateway refuses the head (a field that cannot go on the wire)', async () => {
      const fixture = await open();
      try {
        const sink = new RecordingSink(true);
        const outcome = await fixture.integration.invoke(fixture.request(answer), sink);
        expect(outcome).toMatchObject({ kind: 'failed', failure: 'malformed-response' });
        expect(sink.calls).toEqual([]);
      } finally {
        await fixture.close();
      }
    });

    it('serves requests one after another and side by side, each its own answer', async () => {
      const fixture = await open();
      try {
        const sinks = [1, 2, 3].map(() => new RecordingSink());
        const outcomes = await Promise.all(
          sinks.map((sink, n) =>
            fixture.integration.invoke(fixture.request({ ...answer, status: 201 + n, body: `n=${n}` } as EndpointScript), sink),
          ),
        );
        expect(outcomes).toEqual([201, 202, 203].map((status) => ({ kind: 'responded', status })));
        expect(sinks.map((sink) => sink.received?.status)).toEqual([201, 202, 203]);
        if (statusOnly === undefined) expect(sinks.map((sink) => sink.received?.body)).toEqual(['n=0', 'n=1', 'n=2']);
      } finally {
        await fixture.close();
      }
    });
  });
}
