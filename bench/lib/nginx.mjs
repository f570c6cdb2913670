// nginx as the native baseline: `proxy_pass` to an upstream with keep-alive, one worker,
// its own prefix and config under the work directory (the system nginx is never touched).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What both of the bench's nginx configurations start with: one worker in the foreground, its own
 * pid and temp paths under `prefix`, no access log, client keep-alive without practical limits,
 * AWS's 10 MB body quota. The caller continues inside the `http` block.
 */
function commonConfig(prefix) {
  return `worker_processes 1;
daemon off;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
events {
  worker_connections 4096;
  multi_accept on;
}
http {
  access_log off;
  client_body_temp_path ${join(prefix, 'client_body')};
  proxy_temp_path ${join(prefix, 'proxy')};
  fastcgi_temp_path ${join(prefix, 'fastcgi')};
  uwsgi_temp_path ${join(prefix, 'uwsgi')};
  scgi_temp_path ${join(prefix, 'scgi')};
  keepalive_requests 1000000;
  keepalive_timeout 600s;
  client_max_body_size 10m;
`;
}

/**
 * The configuration a user would write for a fast reverse proxy: upstream keep-alive
 * (`keepalive` + HTTP/1.1 + an empty Connection header, as nginx's docs require for it),
 * request bodies streamed to the upstream instead of spooled to a temp file (as the Node
 * proxies and Portico do), and no access log (nginx at its best: the baseline, not a peer).
 */
export function nginxConfig({ port, backendPort, prefix }) {
  return `${commonConfig(prefix)}  upstream backend {
    server 127.0.0.1:${backendPort};
    keepalive 128;
    keepalive_requests 1000000;
    keepalive_timeout 600s;
  }
  server {
    listen 127.0.0.1:${port} reuseport;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_request_buffering off;
    }
  }
}
`;
}

/** Writes the config into DIR and returns the argv that runs nginx on it in the foreground. */
export function nginxCommand(nginxPath, { dir, port, backendPort }) {
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ port, backendPort, prefix: dir }));
  return [nginxPath, '-p', dir, '-c', conf];
}

/** Body sizes the backend serves: the small API response, 16 KiB, and 64 KiB for the POST scenario. */
export const BACKEND_BODIES = { small: 3, '16k': 16 * 1024, '64k': 64 * 1024 };

/**
 * nginx as the backend every contender proxies to: one worker (it shares its core with the load
 * generator), keep-alive without limits, no access log, answers from memory (`return`) or from
 * the page cache (`open_file_cache`), so that it serves ≥ 3× what any proxy does.
 *   GET /16k… → 16 KiB; POST /echo… → the 64 KiB body is read and discarded, 64 KiB come back
 *   (the static module refuses POST with 405, which `error_page` turns into the file with 200);
 *   anything else → a 3-byte JSON body (`42` and a newline).
 */
export function nginxBackendConfig({ port, prefix }) {
  const www = join(prefix, 'www');
  return `${commonConfig(prefix)}  client_body_buffer_size 128k;
  open_file_cache max=16;
  server_tokens off;
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    root ${www};
    default_type application/json;
    location / {
      return 200 "42\\n";
    }
    location /16k {
      default_type application/octet-stream;
      try_files /16k =404;
    }
    location /echo {
      default_type application/octet-stream;
      error_page 405 =200 /64k;
      try_files /64k =404;
    }
    location = /64k {
      internal;
      default_type application/octet-stream;
    }
  }
}
`;
}

/** Writes the backend's config and files into DIR and returns the argv that runs it in the foreground. */
export function nginxBackendCommand(nginxPath, { dir, port }) {
  mkdirSync(join(dir, 'www'), { recursive: true });
  writeFileSync(join(dir, 'www', '16k'), 'x'.repeat(BACKEND_BODIES['16k']));
  writeFileSync(join(dir, 'www', '64k'), 'y'.repeat(BACKEND_BODIES['64k']));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxBackendConfig({ port, prefix: dir }));
  return [nginxPath, '-p', dir, '-c', conf];
}
