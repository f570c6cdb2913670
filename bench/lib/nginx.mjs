// nginx as the native baseline: `proxy_pass` to an upstream with keep-alive, one worker,
// its own prefix and config under the work directory (the system nginx is never touched).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The configuration a user would write for a fast reverse proxy: upstream keep-alive
 * (`keepalive` + HTTP/1.1 + an empty Connection header, as nginx's docs require for it),
 * request bodies streamed to the upstream instead of spooled to a temp file (as the Node
 * proxies and Portico do), and no access log (nginx at its best: the baseline, not a peer).
 */
export function nginxConfig({ port, backendPort, prefix }) {
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
  upstream backend {
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
