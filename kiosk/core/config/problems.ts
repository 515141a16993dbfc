import { z } from 'zod';
import type { ConfigProblem } from './errors.ts';

/**
 * Turns zod's issues into problems a technician can act on: the dotted key path, the value
 * that was there, and the allowed values taken from the schema's own `describe()` texts.
 */

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const README_HINT = 'see kiosk/core/config/README.md';
/** Keys that look like credentials: their value is never echoed, and they never belong inline. */
const SECRET_KEY = /secret|password|passwd|token|private.?key/i;

/** Renders a key path as written in the file, e.g. `flows.directories[0]`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Shows a value briefly and unambiguously: strings quoted, structures named rather than dumped. */
export function showValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return typeof value === 'object' ? 'a mapping' : typeof value;
}

/** Edit distance, for "did you mean" on misspelt keys. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key closest to a misspelt one, if any is close enough to be a plausible typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; score: number } | undefined;
  for (const candidate of known) {
    const score = distance(key.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || score < best.score) best = { key: candidate, score };
  }
  const tolerance = Math.max(2, Math.floor(key.length / 3));
  return best !== undefined && best.score <= tolerance ? best.key : undefined;
}

/** Peels off default/optional wrappers, collecting the first description on the way. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; description: string | undefined } {
  let inner = schema;
  let description = schema.description;
  while (
    inner instanceof z.ZodDefault ||
    inner instanceof z.ZodPrefault ||
    inner instanceof z.ZodOptional ||
    inner instanceof z.ZodNullable
  ) {
    inner = inner.unwrap() as z.ZodType;
    description ??= inner.description;
  }
  return { inner, description };
}

/** The schema that governs the value at `path`, if the path leads anywhere in the schema. */
function schemaAt(root: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const { inner } = unwrap(current);
    if (inner instanceof z.ZodObject && typeof segment === 'string') {
      current = (inner.shape as Record<string, z.ZodType>)[segment];
    } else if (inner instanceof z.ZodArray && typeof segment === 'number') {
      current = inner.element as z.ZodType;
    } else {
      return undefined;
    }
  }
  return current;
}

function valueAt(input: unknown, path: Path): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function typeWord(expected: string): string {
  const words: Record<string, string> = {
    number: 'a number',
    int: 'a whole number',
    string: 'text',
    boolean: 'true or false',
    object: 'a mapping of keys',
    array: 'a list',
  };
  return words[expected] ?? expected;
}

/** Every key path the schema knows, so a key put at the wrong level can be pointed home. */
function allKeyPaths(schema: z.ZodType, prefix: string[] = []): string[][] {
  const { inner } = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [
    [...prefix, key],
    ...allKeyPaths(child, [...prefix, key]),
  ]);
}

function misplacedHint(key: string, root: z.ZodType): string | undefined {
  const homes = allKeyPaths(root).filter((path) => path[path.length - 1] === key);
  return homes.length === 0 ? undefined : homes.map((path) => path.join('.')).join(' or ');
}

function unknownKeyProblems(issue: Issue, root: z.ZodType): ConfigProblem[] {
  if (issue.code !== 'unrecognized_keys') return [];
  const parent = schemaAt(root, issue.path);
  const inner = parent === undefined ? undefined : unwrap(parent).inner;
  const known = inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
  return issue.keys.map((key) => {
    const path = formatPath([...issue.path, key]);
    if (SECRET_KEY.test(key)) {
      const fileKey = known.find((k) => k.endsWith('File') && SECRET_KEY.test(k));
      return {
        path,
        shown: undefined,
        problem: 'is a secret (its value is not shown), and secrets never go in the config file',
        allowed: `put it in a file only the kiosk's user can read and name that file with ${
          fileKey === undefined ? 'a ...File key' : formatPath([...issue.path, fileKey])
        }`,
      };
    }
    const suggestion = closestKey(key, known);
    const home = suggestion === undefined ? misplacedHint(key, root) : undefined;
    const problem =
      suggestion !== undefined
        ? `is an unknown key (did you mean "${suggestion}"?)`
        : home !== undefined
          ? `is not a key at this level (did you mean ${home}?)`
          : 'is an unknown key';
    return {
      path,
      shown: undefined,
      problem,
      allowed: known.length === 0 ? README_HINT : `the keys here are ${known.join(', ')}`,
    };
  });
}

/** Converts every zod issue for `input` into a problem line; unknown keys give one line each. */
export function problemsFromIssues(
  issues: readonly Issue[],
  root: z.ZodType,
  input: unknown,
): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') return unknownKeyProblems(issue, root);
    const value = valueAt(input, issue.path);
    const schema = schemaAt(root, issue.path);
    const described = schema === undefined ? undefined : unwrap(schema).description;
    const base = { path: formatPath(issue.path), shown: showValue(value) };
    switch (issue.code) {
      case 'invalid_type':
        return [
          {
            ...base,
            problem: value === undefined ? 'is required' : `is not ${typeWord(issue.expected)}`,
            allowed: described ?? typeWord(issue.expected),
          },
        ];
      case 'invalid_value':
        return [
          {
            ...base,
            problem: 'is not allowed',
            allowed:
              described ??
              `one of ${issue.values.map((v) => showValue(v) ?? String(v)).join(', ')}`,
          },
        ];
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const problem =
          issue.origin === 'number'
            ? `is too ${small ? 'small' : 'large'}`
            : issue.origin === 'array'
              ? `has too ${small ? 'few' : 'many'} items`
              : `is too ${small ? 'short' : 'long'}`;
        const limit = small
          ? `at least ${String(issue.minimum)}`
          : `at most ${String(issue.maximum)}`;
        return [{ ...base, problem, allowed: described ?? limit }];
      }
      case 'invalid_format':
        return [
          { ...base, problem: 'is not in the expected format', allowed: described ?? issue.format },
        ];
      case 'custom': {
        const allowed = (issue.params as { allowed?: string } | undefined)?.allowed;
        return [{ ...base, problem: issue.message, allowed: allowed ?? described ?? README_HINT }];
      }
      default:
        return [
          {
            ...base,
            problem: `is not valid (${issue.message})`,
            allowed: described ?? README_HINT,
          },
        ];
    }
  });
}
