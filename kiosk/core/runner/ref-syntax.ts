/**
 * Reading `$context`/`$event` reference strings for the package checks, exactly as the runner
 * resolves them (refs.ts), plus the strings that only look like references.
 */

const REF = /^\$(context|event)((?:\.[A-Za-z0-9_]+)+)$/;
/** Text the vendor surely meant as a reference: a `$` and a letter. */
const LOOKS_LIKE_REF = /^\$[A-Za-z]/;

/**
 * Names that reach Object.prototype when a path is read from a plain object: a reference
 * through them resolves to kiosk internals (a function) instead of resident data.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** A parsed reference string, or text that looks like one but the runner leaves as text. */
export type ParsedRef =
  { kind: 'ref'; root: 'context' | 'event'; segments: string[] } | { kind: 'malformed' };

/** Parses a string; undefined when it is plain text. */
export function parseRef(text: string): ParsedRef | undefined {
  const match = REF.exec(text);
  if (match)
    return {
      kind: 'ref',
      root: match[1] === 'context' ? 'context' : 'event',
      segments: (match[2] ?? '').slice(1).split('.'),
    };
  return LOOKS_LIKE_REF.test(text) ? { kind: 'malformed' } : undefined;
}

/** The first forbidden name among dotted segments, if any. */
export function forbiddenSegment(segments: readonly string[]): string | undefined {
  return segments.find((s) => FORBIDDEN_NAMES.has(s));
}
