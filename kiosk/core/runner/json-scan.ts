/**
 * A checking pass over JSON text before `JSON.parse` sees it. It runs in a loop with its own
 * stack, so no input can overflow the call stack, and it reports where the text breaks as a
 * line and column only: `JSON.parse`'s own message quotes the start of the text, which must
 * never reach a vendor's screen or a log.
 */

/** Where and why JSON text was refused; `problem` never quotes the text. */
export interface JsonScanProblem {
  line: number;
  column: number;
  problem: string;
  /** True when the text is nested too deep rather than broken. */
  tooDeep?: boolean;
}

/** What the scanner accepts next. */
const Want = {
  /** A value: at the start, after `:`, or after `,` in an array. */
  Value: 0,
  /** A value or `]`, right after `[`. */
  ValueOrClose: 1,
  /** A key or `}`, right after `{`. */
  KeyOrClose: 2,
  /** A key, after `,` in an object. */
  Key: 3,
  /** The `:` after a key. */
  Colon: 4,
  /** `,` or the closing bracket, or the end of the text at the top level. */
  AfterValue: 5,
} as const;
type Want = (typeof Want)[keyof typeof Want];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPES = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The 1-based line and column of `offset` in `text`, counted in UTF-16 units as editors do. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset just past the string token starting at `start` (a quote), or a problem offset. */
function scanString(text: string, start: number): { end: number } | { at: number; why: string } {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return { end: i + 1 };
    if (c < 0x20)
      return { at: i, why: 'a control character (such as a line break) inside a string' };
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (!ESCAPES.has(next)) return { at: i, why: 'an unknown escape sequence' };
      if (next === 0x75) {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { at: i, why: 'a \\u escape without four hex digits' };
        i += 6;
        continue;
      }
      i += 2;
      continue;
    }
    i++;
  }
  return { at: start, why: 'a string that is never closed' };
}

/**
 * Checks that `text` is one JSON value nested at most `maxDepth` arrays/objects deep.
 * Returns the first problem, or undefined when `JSON.parse` will accept the text.
 */
export function scanJson(text: string, maxDepth: number): JsonScanProblem | undefined {
  const open: number[] = [];
  let want: Want = Want.Value;
  let i = 0;
  const fail = (at: number, problem: string, tooDeep = false): JsonScanProblem => ({
    ...lineColumn(text, at),
    problem,
    ...(tooDeep ? { tooDeep } : {}),
  });
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    const top = open[open.length - 1];
    const ch = text[i];
    if (want === Want.AfterValue) {
      if (top === undefined) return fail(i, 'more text after the end of the JSON value');
      const close = top === 0x5b ? ']' : '}';
      if (ch === ',') want = top === 0x5b ? Want.Value : Want.Key;
      else if (ch === close) open.pop();
      else return fail(i, `expected "," or "${close}"`);
      i++;
      continue;
    }
    if (want === Want.Colon) {
      if (ch !== ':') return fail(i, 'expected ":" after the key');
      want = Want.Value;
      i++;
      continue;
    }
    if ((want === Want.ValueOrClose && ch === ']') || (want === Want.KeyOrClose && ch === '}')) {
      open.pop();
      want = Want.AfterValue;
      i++;
      continue;
    }
    if (want === Want.Key || want === Want.KeyOrClose) {
      if (c !== QUOTE) return fail(i, 'expected a key in double quotes');
      const s = scanString(text, i);
      if ('at' in s) return fail(s.at, s.why);
      i = s.end;
      want = Want.Colon;
      continue;
    }
    // A value is wanted.
    if (ch === '[' || ch === '{') {
      if (open.length >= maxDepth) {
        return fail(i, `arrays and objects nested deeper than ${maxDepth} levels`, true);
      }
      open.push(c);
      want = ch === '[' ? Want.ValueOrClose : Want.KeyOrClose;
      i++;
      continue;
    }
    if (c === QUOTE) {
      const s = scanString(text, i);
      if ('at' in s) return fail(s.at, s.why);
      i = s.end;
      want = Want.AfterValue;
      continue;
    }
    const token = c === 0x2d || (c >= 0x30 && c <= 0x39) ? NUMBER : LITERAL;
    token.lastIndex = i;
    if (!token.test(text))
      return fail(i, 'expected a value (string, number, object, array, true, false or null)');
    i = token.lastIndex;
    want = Want.AfterValue;
  }
  if (want !== Want.AfterValue || open.length > 0) {
    return fail(text.length, 'the JSON ends too early (a bracket or value is missing)');
  }
  return undefined;
}
