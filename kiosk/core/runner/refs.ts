/**
 * `$context.a.b` and `$event.output.c` references in a flow's JSON, resolved at run time.
 * They are the only way a flow moves data between capabilities; there is no expression
 * language and no code.
 */

const REF = /^\$(context|event)((?:\.[A-Za-z0-9_]+)+)$/;

/**
 * Path segments that would reach an object's prototype machinery instead of its data. The
 * package check refuses them; the resolver never follows them either.
 */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** True when `value` is a reference string. */
function isRef(value: unknown): value is string {
  return typeof value === 'string' && REF.test(value);
}

/**
 * Reads a dotted path from an object's own data; undefined when any step is missing, inherited
 * (`constructor`, `toString`) or forbidden.
 */
export function readPath(root: unknown, path: readonly string[]): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (FORBIDDEN_SEGMENTS.has(step) || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Replaces every reference inside `value` (deeply) with what it points to. */
export function resolveRefs(value: unknown, scope: { context: unknown; event: unknown }): unknown {
  if (typeof value === 'string') {
    const match = REF.exec(value);
    if (!match) return value;
    const root = match[1] === 'context' ? scope.context : scope.event;
    return readPath(root, (match[2] ?? '').slice(1).split('.'));
  }
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, scope));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!FORBIDDEN_SEGMENTS.has(k)) out[k] = resolveRefs(v, scope);
    }
    return out;
  }
  return value;
}

/** True when `value` holds a reference anywhere inside it. */
export function containsRef(value: unknown): boolean {
  if (isRef(value)) return true;
  if (Array.isArray(value)) return value.some(containsRef);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsRef);
  return false;
}

/**
 * Fills `{{path}}` placeholders in a text from `view`; a missing value becomes an empty string.
 * With `gloss`, a placeholder whose value has a sibling text field `<name>En` (the platform's
 * English gloss, e.g. `region` and `regionEn`) shows the gloss instead: the English screen then
 * reads "Nanjing" where the platform answered "南京市".
 */
export function interpolate(text: string, view: unknown, gloss = false): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_whole, path: string) => {
    const segments = path.split('.');
    const value = (gloss ? glossOf(view, segments) : undefined) ?? readPath(view, segments);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    // Objects and missing values have no text form a resident could read.
    return '';
  });
}

/** The English gloss beside the value at `segments`, when the platform gave a non-empty one. */
function glossOf(view: unknown, segments: readonly string[]): string | undefined {
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  const gloss = readPath(view, [...segments.slice(0, -1), `${last}En`]);
  return typeof gloss === 'string' && gloss.trim() !== '' ? gloss : undefined;
}
