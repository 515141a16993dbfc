/**
 * Building blocks of the hostile-vendor suite (test/integration/hostile-packages.test.ts):
 * temporary folders, copies of the built-in package or a minimal package in them, and JSON
 * edits. test/support/hostile-cases.ts alters them the way a careless or malicious vendor might.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_FLOW } from '../../kiosk/core/runner/testing/hostile-package.ts';

export { BUILT_IN_FLOW };

/** A JSON object as the builders edit it. */
export type JsonObject = Record<string, unknown>;

const roots: string[] = [];

/** A fresh temporary folder, removed by `removeTempRoots`. */
export function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk24-hostile-suite-'));
  roots.push(root);
  return root;
}

/** Removes every folder `tempRoot` made (run it in afterAll). */
export function removeTempRoots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** The built-in package's flow id. */
export const BUILT_IN_ID = 'si-payment-certificate';

/** The id `copyBuiltIn` gives its copies, so that only the hostile change can refuse them. */
export const COPY_ID = 'hostile-copy';

/**
 * Copies the built-in package to `root/name`; returns the copy's folder. The copy takes the
 * flow id `id` (default `COPY_ID`, so it does not clash with the installed built-in flow) in
 * flow.json, machine.json and its `#id.state` targets.
 */
export function copyBuiltIn(root: string = tempRoot(), name = 'pkg', id = COPY_ID): string {
  const dir = join(root, name);
  cpSync(BUILT_IN_FLOW, dir, { recursive: true });
  if (id === BUILT_IN_ID) return dir;
  editJson(dir, 'flow.json', (flow) => {
    flow.id = id;
  });
  const machine = join(dir, 'machine.json');
  const text = readFileSync(machine, 'utf8')
    .replace(`"id": "${BUILT_IN_ID}"`, `"id": "${id}"`)
    .replaceAll(`"#${BUILT_IN_ID}.`, `"#${id}.`);
  writeFileSync(machine, text);
  return dir;
}

/** Writes `json` to `dir/file`, making its folder. */
export function writeJson(dir: string, file: string, json: unknown): void {
  const path = join(dir, file);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(json, null, 2));
}

/** Rewrites the JSON object in `dir/file` with `change` applied to it. */
export function editJson(dir: string, file: string, change: (json: JsonObject) => void): void {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonObject;
  change(json);
  writeJson(dir, file, json);
}

/** The object at `path` inside `json` (each step must be an object). */
export function at(json: JsonObject, ...path: string[]): JsonObject {
  let here = json;
  for (const step of path) {
    const next = here[step];
    if (typeof next !== 'object' || next === null) throw new Error(`no object at ${step}`);
    here = next as JsonObject;
  }
  return here;
}

/** The built-in machine's states object, for edits. */
export function statesOf(machine: JsonObject): JsonObject {
  return at(machine, 'states');
}

/** A `context.set` action. */
export function contextSet(key: string, value: string): JsonObject {
  return { type: 'context.set', params: { key, value } };
}

/** Options of the minimal package. */
export interface MinimalFlow {
  id?: string;
  requires?: string[];
  /** Replaces the machine's states (the machine starts in `start`). */
  states?: JsonObject;
}

/**
 * Writes a small, valid package to `root/name`: one screen with a finish button and a final
 * state. Its id defaults to `hostile-minimal`; it requires nothing unless told.
 */
export function writeMinimalFlow(root: string, name: string, options: MinimalFlow = {}): string {
  const dir = join(root, name);
  const id = options.id ?? 'hostile-minimal';
  writeJson(dir, 'flow.json', {
    id,
    version: '1.0.0',
    catalogueVersion: 1,
    title: { 'zh-CN': '测试服务', en: 'Test service' },
    description: { 'zh-CN': '仅用于测试', en: 'For tests only' },
    category: 'other',
    requires: options.requires ?? [],
    strings: { 'zh-CN': 'i18n/zh-CN.json', en: 'i18n/en.json' },
  });
  writeJson(dir, 'machine.json', {
    id,
    initial: 'start',
    states: options.states ?? {
      start: { meta: { screen: 'start' }, on: { next: 'done', cancel: 'cancelled' } },
      done: { type: 'final', output: { outcome: 'completed' } },
      cancelled: { type: 'final', output: { outcome: 'cancelled' } },
    },
  });
  writeJson(dir, 'screens.json', {
    start: {
      layout: 'message',
      title: 'start.title',
      actions: [
        { id: 'next', label: 'start.next', event: 'next', kind: 'primary' },
        { id: 'cancel', label: 'start.cancel', event: 'cancel', kind: 'secondary' },
      ],
    },
  });
  writeJson(dir, 'i18n/zh-CN.json', {
    'start.title': '测试',
    'start.next': '完成',
    'start.cancel': '取消',
  });
  writeJson(dir, 'i18n/en.json', {
    'start.title': 'Test',
    'start.next': 'Finish',
    'start.cancel': 'Cancel',
  });
  return dir;
}
