// The cheap backend every contender proxies to (and `direct` hits with no proxy in between).
// It shares its core with wrk, so it must cost far less per request than any proxy, or it, not
// the proxy, sets the pace (nginx reached ~95% of a node:http backend's direct rate). So it
// speaks just enough HTTP/1.1 over node:net, with prebuilt responses:
//   POST /echo… → the request body streamed back (Content-Length framing);
//   GET /16k…   → 16 KiB body;     anything else → a 41-byte JSON body.
// Requests must carry Content-Length if they have a body; chunked ones get 501 and a close,
// which wrk reports as an error rather than a silently wrong measurement.
//
// Usage: node bench/servers/backend.mjs PORT   (prints "listening PORT" when ready)
import { createServer } from 'node:net';

const SMALL_BODY = '{"id":"42","status":"shipped","items":3}\n';
const LARGE_BODY = 'x'.repeat(16 * 1024);
const CRLFCRLF = Buffer.from('\r\n\r\n');

let date = new Date().toUTCString();
setInterval(() => (date = new Date().toUTCString()), 1000).unref();

// One response buffer per body, rebuilt when the Date changes (once a second).
const cache = new Map();
function response(type, body) {
  const key = `${type}:${body.length}`;
  const hit = cache.get(key);
  if (hit && hit.date === date) return hit.buffer;
  const buffer = Buffer.from(
    `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nDate: ${date}\r\n\r\n${body}`,
    'latin1',
  );
  cache.set(key, { date, buffer });
  return buffer;
}

const NOT_IMPLEMENTED = Buffer.from('HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');

function contentLength(head) {
  const lower = head.toLowerCase();
  if (lower.includes('\r\ntransfer-encoding:')) return -1;
  const at = lower.indexOf('\r\ncontent-length:');
  if (at < 0) return 0;
  return Number.parseInt(lower.slice(at + 17, lower.indexOf('\r\n', at + 17)).trim(), 10) || 0;
}

function serve(socket) {
  socket.setNoDelay(true);
  let pending = null;
  let echoLeft = 0; // body bytes to echo back
  let skipLeft = 0; // body bytes to read and drop
  socket.on('data', (chunk) => {
    let data = pending === null ? chunk : Buffer.concat([pending, chunk]);
    pending = null;
    let offset = 0;
    while (offset < data.length) {
      if (echoLeft > 0 || skipLeft > 0) {
        const take = Math.min(echoLeft + skipLeft, data.length - offset);
        if (echoLeft > 0 && !socket.write(data.subarray(offset, offset + take))) {
          socket.pause();
          socket.once('drain', () => socket.resume());
        }
        if (echoLeft > 0) echoLeft -= take;
        else skipLeft -= take;
        offset += take;
        continue;
      }
      const end = data.indexOf(CRLFCRLF, offset);
      if (end < 0) {
        pending = Buffer.from(data.subarray(offset));
        return;
      }
      const head = data.latin1Slice(offset, end + 2);
      offset = end + 4;
      const length = contentLength(head);
      if (length < 0) {
        socket.end(NOT_IMPLEMENTED);
        return;
      }
      const firstSpace = head.indexOf(' ');
      const target = head.slice(firstSpace + 1, head.indexOf(' ', firstSpace + 1));
      if (head.startsWith('POST ') && target.startsWith('/echo')) {
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\nDate: ${date}\r\n\r\n`);
        echoLeft = length;
      } else {
        skipLeft = length;
        socket.write(
          target.startsWith('/16k') ? response('application/octet-stream', LARGE_BODY) : response('application/json', SMALL_BODY),
        );
      }
    }
    data = null;
  });
  socket.on('error', () => socket.destroy());
}

const server = createServer(serve);
const port = Number(process.argv[2] ?? 0);
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
