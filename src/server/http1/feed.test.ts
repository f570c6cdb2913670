import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { consumeSocket, unconsumeSocket } from './feed.js';
import { HTTPParser, releaseParser, requestParser, type ParseError, type RequestParser } from './llhttp.js';

interface Fed {
  server: Server;
  client: Socket;
  socket: Socket;
  urls: string[];
  executed: (number | ParseError)[];
  parser: RequestParser;
  consumed: boolean;
}

let open: Fed | undefined;

afterEach(() => {
  open?.client.destroy();
  open?.socket.destroy();
  open?.server.close();
  open = undefined;
});

/** A real loopback connection whose server side is read by llhttp natively; each head's URL is recorded. */
async function fed(): Promise<Fed> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(port, '127.0.0.1');
  const [socket] = await accepted;
  const parser = requestParser(16 * 1024);
  const urls: string[] = [];
  const executed: (number | ParseError)[] = [];
  parser[HTTPParser.kOnHeadersComplete] = (_major: number, _minor: number, _headers: string[], _method: number, url: string) => {
    urls.push(url);
    return 0;
  };
  const consumed = consumeSocket(socket, parser, (parsed) => executed.push(parsed));
  const it: Fed = { server, client, socket, urls, executed, parser, consumed };
  socket.on('close', () => releaseParser(parser, it.consumed));
  open = it;
  return it;
}

function handBack(it: Fed): void {
  unconsumeSocket(it.socket, it.parser);
  it.consumed = false;
}

/** Resolves once `check` holds, checked after each turn of the event loop (no timers). */
async function until(check: () => boolean): Promise<void> {
  for (let turns = 0; turns < 10_000 && !check(); turns++) await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
}

const request = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`;

describe('llhttp reading a socket natively', () => {
  it('parses what arrives without a data event, and reports each read', async () => {
    const { client, socket, urls, executed, consumed } = await fed();
    expect(consumed).toBe(true);
    let dataEvents = 0;
    socket.on('data', () => dataEvents++);
    client.write(request('/one') + request('/two'));
    await until(() => urls.length === 2);
    expect(urls).toEqual(['/one', '/two']);
    expect(executed.length).toBeGreaterThan(0);
    expect(executed.every((parsed) => typeof parsed === 'number')).toBe(true);
    expect(dataEvents).toBe(0);
  });

  it('stops reading while the socket is paused and goes on once resumed', async () => {
    const { client, socket, urls } = await fed();
    client.write(request('/before'));
    await until(() => urls.length === 1);
    socket.pause();
    client.write(request('/while-paused'));
    // Loopback delivers within a turn or two: a paused socket must not hand the bytes to the parser meanwhile.
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(urls).toEqual(['/before']);
    socket.resume();
    await until(() => urls.length === 2);
    expect(urls).toEqual(['/before', '/while-paused']);
  });

  it('hands the socket back: after unconsume, what follows comes as data, even if it was paused', async () => {
    const it = await fed();
    const { client, socket, urls } = it;
    client.write(request('/head'));
    await until(() => urls.length === 1);
    socket.pause();
    handBack(it);
    const chunks: Buffer[] = [];
    (socket as { readableFlowing: boolean | null }).readableFlowing = null;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.write('frames after the head');
    await until(() => Buffer.concat(chunks).toString() === 'frames after the head');
    expect(urls).toEqual(['/head']);
  });

  it('declines a socket that already holds buffered bytes', async () => {
    const it = await fed();
    const { client, socket } = it;
    handBack(it);
    socket.pause();
    client.write('buffered');
    await until(() => socket.readableLength > 0);
    const other = requestParser(1024);
    expect(consumeSocket(socket, other, () => undefined)).toBe(false);
    releaseParser(other);
  });
});
