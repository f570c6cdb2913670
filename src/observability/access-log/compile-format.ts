/** Reads one `$context` variable of a request; '' means "no value" and is written as `-`. */
export type ContextValue<C> = (context: C) => string;

/** A variable's getter by its name after `$context.` (e.g. `identity.sourceIp`), or undefined when unknown. */
export type ContextVariables<C> = (name: string) => ContextValue<C> | undefined;

/** One request's access-log line, without the newline. */
export type AccessLogRenderer<C> = (context: C) => string;

const PREFIX = '$context.';

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 95 || // _
    code === 46 // .
  );
}

/**
 * Compile a stage's `accessLogSettings.format` once (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html): the text between variables is kept as written, each
 * `$context.name` becomes a getter. A variable without a value, and a variable HTTP APIs do not have,
 * renders as `-`, as AWS writes them. A name runs over letters, digits, `_` and `.`; a trailing `.`
 * belongs to the text (`$context.requestId.` ends a sentence).
 */
export function compileFormat<C>(format: string, variables: ContextVariables<C>): AccessLogRenderer<C> {
  const texts: string[] = [];
  const getters: ContextValue<C>[] = [];
  let text = '';
  let at = 0;
  while (at < format.length) {
    const found = format.indexOf(PREFIX, at);
    if (found < 0) break;
    let end = found + PREFIX.length;
    while (end < format.length && isNameChar(format.charCodeAt(end))) end++;
    while (end > found + PREFIX.length && format.charCodeAt(end - 1) === 46) end--;
    const name = format.slice(found + PREFIX.length, end);
    text += format.slice(at, found);
    at = end;
    if (name === '') {
      text += PREFIX;
      continue;
    }
    const getter = variables(name);
    if (getter === undefined) {
      text += '-';
      continue;
    }
    texts.push(text);
    getters.push(getter);
    text = '';
  }
  text += format.slice(at);
  texts.push(text);
  if (getters.length === 0) return () => text;
  const count = getters.length;
  return (context) => {
    let line = texts[0] as string;
    for (let i = 0; i < count; i++) {
      const value = (getters[i] as ContextValue<C>)(context);
      line += (value === '' ? '-' : value) + (texts[i + 1] as string);
    }
    return line;
  };
}
