import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { makeSet } from '../expr/values.js';
import type { Args, FunctionContext, FunctionSpec } from './args.js';

/**
 * Filesystem functions: https://developer.hashicorp.com/terraform/language/functions (Filesystem
 * Functions). Relative paths resolve against the root module directory, which is Terraform's
 * working directory when you run it there; modules use "${path.module}/..." as in Terraform.
 */
export const filesystemFunctions: Record<string, FunctionSpec> = {
  abspath: { params: ['path'], impl: (a, ctx) => resolve(ctx.baseDir, a.str(0)).split(sep).join('/') },
  basename: { params: ['path'], impl: (a) => basename(a.str(0)) },
  dirname: { params: ['path'], impl: (a) => dirname(a.str(0)) },
  pathexpand: {
    params: ['path'],
    impl: (a) => {
      const p = a.str(0);
      return p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p;
    },
  },
  file: { params: ['path'], impl: (a, ctx) => readText(a, ctx) },
  fileexists: {
    params: ['path'],
    impl: (a, ctx) => {
      const path = resolve(ctx.baseDir, a.str(0));
      if (!existsSync(path)) return false;
      if (!statSync(path).isFile()) a.fail(`${JSON.stringify(a.str(0))} is not a regular file`);
      return true;
    },
  },
  fileset: {
    params: ['path', 'pattern'],
    impl: (a, ctx) => {
      const root = resolve(ctx.baseDir, a.str(0));
      const pattern = globRegex(a.str(1));
      if (!existsSync(root)) return makeSet([]);
      return makeSet(
        walk(root)
          .map((f) => relative(root, f).split(sep).join('/'))
          .filter((f) => pattern.test(f)),
      );
    },
  },
  filebase64: { params: ['path'], impl: (a, ctx) => readBytes(a, ctx).toString('base64') },
  filemd5: { params: ['path'], impl: (a, ctx) => createHash('md5').update(readBytes(a, ctx)).digest('hex') },
  filesha1: { params: ['path'], impl: (a, ctx) => createHash('sha1').update(readBytes(a, ctx)).digest('hex') },
  filesha256: { params: ['path'], impl: (a, ctx) => createHash('sha256').update(readBytes(a, ctx)).digest('hex') },
  filesha512: { params: ['path'], impl: (a, ctx) => createHash('sha512').update(readBytes(a, ctx)).digest('hex') },
  filebase64sha256: { params: ['path'], impl: (a, ctx) => createHash('sha256').update(readBytes(a, ctx)).digest('base64') },
  filebase64sha512: { params: ['path'], impl: (a, ctx) => createHash('sha512').update(readBytes(a, ctx)).digest('base64') },
  templatefile: {
    params: ['path', 'vars'],
    impl: (a, ctx) => ctx.renderTemplate(readText(a, ctx), a.str(0), a.obj(1)),
  },
};

function readBytes(a: Args, ctx: FunctionContext): Buffer {
  const given = a.str(0);
  const path = isAbsolute(given) ? given : join(ctx.baseDir, given);
  try {
    return readFileSync(path);
  } catch {
    return a.fail(
      `no file exists at ${JSON.stringify(given)}; this function works only with files that are distributed as part of the configuration (relative paths start at the root module; use "\${path.module}/..." inside modules)`,
    );
  }
}

function readText(a: Args, ctx: FunctionContext): string {
  const bytes = readBytes(a, ctx);
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes))
    a.fail(`the file ${JSON.stringify(a.str(0))} is not valid UTF-8; use filebase64() for binary files`);
  return text;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() ? [full] : [];
  });
}

/** fileset() patterns: *, **, ?, [class] and {alt,ernatives}. */
function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      re += end < 0 ? '\\[' : pattern.slice(i, end + 1);
      if (end >= 0) i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${pattern
          .slice(i + 1, end)
          .split(',')
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
