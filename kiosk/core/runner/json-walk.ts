/**
 * Small helpers for reading vendor JSON of any shape. Vendor input may be nested arbitrarily
 * deep, so every walk here is iterative with an explicit stack: a hostile package must never
 * be able to overflow the call stack of the check that is meant to refuse it.
 */

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One JSON pointer segment, escaped as RFC 6901 requires. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `base` extended by one segment. */
export function childPointer(base: string, key: string | number): string {
  return `${base}/${pointerSegment(String(key))}`;
}

/** An own property of an object, never one inherited from Object.prototype. */
export function own(obj: unknown, key: string): unknown {
  return isObject(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Visitors for {@link walkJson}: objects, their keys and string values, each with its pointer. */
export interface JsonVisitor {
  object?: (value: Record<string, unknown>, pointer: string) => void;
  key?: (key: string, pointer: string) => void;
  string?: (value: string, pointer: string) => void;
}

/** Visits every object key and string value under `root`, iteratively and each object once. */
export function walkJson(root: unknown, rootPointer: string, visit: JsonVisitor): void {
  const stack: [unknown, string][] = [[root, rootPointer]];
  // JSON has no cycles, but a caller may hand in any object graph; each object is seen once.
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [value, pointer] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      visit.string?.(value, pointer);
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], childPointer(pointer, i)]);
      continue;
    }
    visit.object?.(value as Record<string, unknown>, pointer);
    const entries = Object.entries(value as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i] as [string, unknown];
      const at = childPointer(pointer, k);
      visit.key?.(k, at);
      stack.push([v, at]);
    }
  }
}

/** An action or transition list as xstate reads it: one item or an array, each with its pointer. */
export function listAt(value: unknown, pointer: string): { value: unknown; pointer: string }[] {
  if (value === undefined) return [];
  if (Array.isArray(value))
    return (value as unknown[]).map((v, i) => ({ value: v, pointer: childPointer(pointer, i) }));
  return [{ value, pointer }];
}
