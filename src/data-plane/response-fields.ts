// What node:http accepts on the wire (RFC 9110 §5.1, §5.5): a token for the name, no control
// character but tab in the value. The in-process sink and the own HTTP/1.1 server refuse what
// node:http would, with node:http's words and codes.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** Throws (as node:http's `writeHead` does, before anything is sent) when the field cannot go on the wire. */
export function assertResponseField(name: string, value: string): void {
  if (!TOKEN.test(name))
    throw Object.assign(new TypeError(`Header name must be a valid HTTP token ["${name}"]`), { code: 'ERR_INVALID_HTTP_TOKEN' });
  if (INVALID_VALUE.test(value))
    throw Object.assign(new TypeError(`Invalid character in header content ["${name}"]`), { code: 'ERR_INVALID_CHAR' });
}
