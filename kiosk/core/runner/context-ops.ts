import { MAX_TOGGLE_ITEMS, MAX_TOGGLE_VALUE_LENGTH } from '../capabilities/catalogue.ts';
import { readPath } from './refs.ts';

/**
 * The catalogue's context actions and guards as pure functions over a session context, so the
 * runner binds them once and tests call them directly. Every value they read came from a flow
 * or a renderer, so none of them trusts its type.
 */

/** The list under `key` with `value` added, or removed when it is there; unchanged when refused. */
export function toggled(current: unknown, value: unknown): string[] {
  const list = Array.isArray(current)
    ? current.filter((v): v is string => typeof v === 'string')
    : [];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TOGGLE_VALUE_LENGTH)
    return list;
  if (list.includes(value)) return list.filter((v) => v !== value);
  // A full list stays as it is: the flow's own screen never offers more rows than this.
  return list.length >= MAX_TOGGLE_ITEMS ? list : [...list, value];
}

function at(context: unknown, key: string): unknown {
  return readPath(context, key.split('.'));
}

/** `context.equals`: the value under the path is exactly `value`. */
export function contextEquals(context: unknown, key: string, value: unknown): boolean {
  return at(context, key) === value;
}

/** `context.includes`: the list under the path holds `value`. */
export function contextIncludes(context: unknown, key: string, value: unknown): boolean {
  const list = at(context, key);
  return Array.isArray(list) && list.includes(value);
}

/** `context.empty`: nothing, an empty list, an empty text or an object with no fields. */
export function contextEmpty(context: unknown, key: string): boolean {
  const value = at(context, key);
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
