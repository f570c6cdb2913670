/**
 * An `excludes` pattern of archive_file as the provider matches it (doublestar's PathMatch against
 * the path inside the archive, https://github.com/bmatcuk/doublestar): `*` and `?` stay within one
 * path segment, `**` spans segments, `[abc]` / `[!a-z]` are classes, `{a,b}` alternatives; the
 * whole path must match.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let alternatives = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*' && pattern[i + 1] === '*') {
      const wholeSegment = (i === 0 || pattern[i - 1] === '/') && (pattern[i + 2] === '/' || i + 2 === pattern.length);
      if (wholeSegment && pattern[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^[!^]/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      alternatives++;
      out += '(?:';
    } else if (c === '}' && alternatives > 0) {
      alternatives--;
      out += ')';
    } else if (c === ',' && alternatives > 0) out += '|';
    else if (c === '\\' && i + 1 < pattern.length) out += `\\${pattern[++i] ?? ''}`;
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
