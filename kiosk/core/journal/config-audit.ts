import { createHash } from 'node:crypto';
import type { Journal } from './journal.ts';

/** The meta key under which the digests of the last config the kiosk started with are kept. */
const META_KEY = 'config.digests';

/**
 * Longest `keys` list an audit entry carries (the entry's limit is 400 characters); past it the
 * changed keys are named by their top-level section, which still tells an auditor where to look.
 */
const MAX_KEYS_TEXT = 380;

/** A digest of every leaf of the config, by its dotted key path. Values are never stored. */
export function configDigests(config: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const stack: { path: string; value: unknown }[] = [{ path: '', value: config }];
  while (stack.length > 0) {
    const { path, value } = stack.pop() as { path: string; value: unknown };
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value))
        stack.push({ path: path ? `${path}.${key}` : key, value: child });
      continue;
    }
    out[path] = createHash('sha256')
      .update(JSON.stringify(value) ?? 'undefined')
      .digest('hex');
  }
  return out;
}

/**
 * Compares the config the kiosk starts with against the one it last started with and puts the
 * changed keys (added, changed or removed; never their values, which may be secrets) on the
 * audit chain. The first start records the config without an entry. Returns the changed keys.
 */
export function auditConfigChanges(journal: Journal, config: unknown): string[] {
  const now = configDigests(config);
  const row = journal.db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEY) as
    { value: string } | undefined;
  const before = row ? (JSON.parse(row.value) as Record<string, string>) : undefined;
  const changed = before
    ? [...new Set([...Object.keys(now), ...Object.keys(before)])]
        .filter((key) => now[key] !== before[key])
        .sort()
    : [];
  journal.db.transaction(() => {
    if (changed.length > 0)
      journal.audit('config.changed', { keys: keysText(changed), source: 'file' });
    journal.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(META_KEY, JSON.stringify(now));
  })();
  return changed;
}

function keysText(keys: string[]): string {
  const safe = keys.map((k) => k.replace(/[^A-Za-z0-9_.-]/g, '_'));
  const all = safe.join(',');
  if (all.length <= MAX_KEYS_TEXT) return all;
  const sections = [...new Set(safe.map((k) => k.split('.')[0] ?? k))].join(',');
  return sections.slice(0, MAX_KEYS_TEXT).replace(/,[^,]*$/, '');
}
