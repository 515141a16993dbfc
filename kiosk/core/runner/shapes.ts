import { z } from 'zod';
import { isObject } from './json-walk.ts';

/**
 * What the reference check knows about a value in the session context: either nothing (any
 * field may be read) or the exact fields it is sure of. Text, numbers and flags are shapes
 * with no fields, since a reference cannot step into them.
 */
export type Shape = { kind: 'unknown' } | { kind: 'fields'; fields: Map<string, Shape> };

/** A value whose fields cannot be known before run time. */
export const UNKNOWN: Shape = { kind: 'unknown' };

/**
 * How deep a static value's shape is followed. Anything deeper is "unknown", which only makes
 * the check more lenient there; flow context values are one or two levels deep.
 */
const MAX_SHAPE_DEPTH = 8;

/** A shape with no fields: text, a number or a flag. */
export function leafShape(): Shape {
  return { kind: 'fields', fields: new Map() };
}

/**
 * The field under which the shape of a list keeps the shape of its items. No reference can
 * name it (it is no valid segment), so a path cannot step into a list; a list block reads the
 * items' fields from it.
 */
export const ITEM_FIELD = '[]';

/** The shape of the items when `shape` is a list of known items. */
export function itemShape(shape: Shape): Shape | undefined {
  return shape.kind === 'fields' ? shape.fields.get(ITEM_FIELD) : undefined;
}

/** The shape of a capability output schema (ours, not vendor input, so recursion is bounded). */
export function shapeOfSchema(schema: z.ZodType | undefined): Shape {
  if (schema instanceof z.ZodArray)
    return {
      kind: 'fields',
      fields: new Map([[ITEM_FIELD, shapeOfSchema(schema.element as z.ZodType)]]),
    };
  if (schema instanceof z.ZodObject) {
    const fields = new Map<string, Shape>();
    const shape: Record<string, z.ZodType> = schema.shape;
    for (const [k, v] of Object.entries(shape)) fields.set(k, shapeOfSchema(v));
    return { kind: 'fields', fields };
  }
  if (
    schema instanceof z.ZodString ||
    schema instanceof z.ZodNumber ||
    schema instanceof z.ZodBoolean ||
    schema instanceof z.ZodEnum
  )
    return leafShape();
  return UNKNOWN;
}

/**
 * The shape of a static JSON value whose strings may be references; `refShape` gives the
 * shape a reference string stands for (undefined for plain text). Built top-down without
 * recursion, since the value is vendor input.
 */
export function shapeOfValue(value: unknown, refShape: (text: string) => Shape | undefined): Shape {
  const rootHolder = new Map<string, Shape>();
  const stack: { value: unknown; into: Map<string, Shape>; key: string; depth: number }[] = [
    { value, into: rootHolder, key: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    if (typeof item.value === 'string') {
      item.into.set(item.key, refShape(item.value) ?? leafShape());
    } else if (isObject(item.value) && item.depth < MAX_SHAPE_DEPTH) {
      const fields = new Map<string, Shape>();
      item.into.set(item.key, { kind: 'fields', fields });
      for (const [k, v] of Object.entries(item.value))
        stack.push({ value: v, into: fields, key: k, depth: item.depth + 1 });
    } else if (
      Array.isArray(item.value) &&
      item.depth < MAX_SHAPE_DEPTH &&
      item.value.length > 0 &&
      item.value.every(isObject)
    ) {
      // A list of objects written out (a bundle's items): a row may show any field some item
      // has. Nesting is bounded by the package check, so this recursion is too.
      const shapes = item.value.map((v) => shapeOfValue(v, refShape));
      item.into.set(item.key, { kind: 'fields', fields: new Map([[ITEM_FIELD, anyOf(shapes)]]) });
    } else if (Array.isArray(item.value) || isObject(item.value)) {
      item.into.set(item.key, UNKNOWN);
    } else {
      item.into.set(item.key, leafShape());
    }
  }
  return rootHolder.get('') ?? UNKNOWN;
}

/** The fields any of `shapes` has, one level deep (deeper, the first one's). */
function anyOf(shapes: readonly Shape[]): Shape {
  const fields = new Map<string, Shape>();
  for (const shape of shapes) {
    if (shape.kind === 'unknown') return UNKNOWN;
    for (const [k, v] of shape.fields) if (!fields.has(k)) fields.set(k, v);
  }
  return { kind: 'fields', fields };
}

/**
 * What is sure on both of two paths: the fields both have, each met in turn. Unknown meets
 * anything as that thing, since only a known absence can be reported.
 */
export function meetShapes(a: Shape, b: Shape): Shape {
  const out = new Map<string, Shape>();
  const stack: { a: Shape; b: Shape; into: Map<string, Shape>; key: string }[] = [
    { a, b, into: out, key: '' },
  ];
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    if (item.a.kind === 'unknown') item.into.set(item.key, item.b);
    else if (item.b.kind === 'unknown') item.into.set(item.key, item.a);
    else if (item.a === item.b) item.into.set(item.key, item.a);
    else {
      const fields = new Map<string, Shape>();
      item.into.set(item.key, { kind: 'fields', fields });
      const other = item.b.fields;
      for (const [k, v] of item.a.fields) {
        const w = other.get(k);
        if (w) stack.push({ a: v, b: w, into: fields, key: k });
      }
    }
  }
  return out.get('') ?? UNKNOWN;
}

/** True when two shapes know exactly the same fields. */
export function sameShape(a: Shape, b: Shape): boolean {
  const stack: [Shape, Shape][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [Shape, Shape];
    if (x === y) continue;
    if (x.kind !== y.kind) return false;
    if (x.kind === 'unknown' || y.kind === 'unknown') continue;
    if (x.fields.size !== y.fields.size) return false;
    for (const [k, v] of x.fields) {
      const w = y.fields.get(k);
      if (!w) return false;
      stack.push([v, w]);
    }
  }
  return true;
}

/**
 * Follows `segments` into a shape. Returns the shape reached, or where the path leaves what
 * the shape holds and which fields it offered there.
 */
export function followShape(
  shape: Shape,
  segments: readonly string[],
): { ok: true; shape: Shape } | { ok: false; at: number; fields: string[]; list?: true } {
  let current = shape;
  for (let i = 0; i < segments.length; i++) {
    if (current.kind === 'unknown') return { ok: true, shape: UNKNOWN };
    if (itemShape(current)) return { ok: false, at: i, fields: [], list: true };
    const next = current.fields.get(segments[i] as string);
    if (!next) return { ok: false, at: i, fields: [...current.fields.keys()] };
    current = next;
  }
  return { ok: true, shape: current };
}
