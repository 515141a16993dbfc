import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD, SETUP, buildState, setupState, writeStamp } from './stamps.mjs';

let root: string;

/** Writes `text` to `file` under the scratch root, making its folder. */
function put(file: string, text: string): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Gives `file` a modification time `seconds` into the future, as a checkout or copy would. */
function touch(file: string, seconds = 10): void {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(join(root, file), at, at);
}

/** Runs set-up and build as far as the stamps can tell: records both as done for the inputs now. */
function stampBoth(): void {
  writeStamp(join(root, SETUP.stamp), setupState(root).digest);
  for (const output of BUILD.outputs) put(output, 'built');
  writeStamp(join(root, BUILD.stamp), buildState(root).digest);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk24-stamps-'));
  for (const file of [...SETUP.files, ...BUILD.files]) put(file, `${file} v1`);
  put('kiosk/core/kiosk.ts', 'export const a = 1;');
  put('kiosk/core/kiosk.test.ts', 'test');
  put('drivers/id-card/reader.ts', 'export const b = 1;');
  put('flows/demo/flow.json', '{}');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the set-up stamp', () => {
  it('is stale before set-up has ever run', () => {
    expect(setupState(root).stale).toBe(true);
  });

  it('is fresh once stamped while nothing changed', () => {
    stampBoth();
    expect(setupState(root).stale).toBe(false);
  });

  it('is stale when the lock file changes', () => {
    stampBoth();
    put('package-lock.json', 'package-lock.json v2');
    expect(setupState(root).stale).toBe(true);
  });

  it('is stale when the set-up script changes', () => {
    stampBoth();
    put('scripts/setup.sh', 'scripts/setup.sh v2');
    expect(setupState(root).stale).toBe(true);
  });

  it('stays fresh when only a source changes', () => {
    stampBoth();
    put('kiosk/core/kiosk.ts', 'export const a = 2;');
    expect(setupState(root).stale).toBe(false);
  });
});

describe('the build stamp', () => {
  it('is stale before anything was built', () => {
    expect(buildState(root).stale).toBe(true);
  });

  it('is fresh once stamped while nothing changed', () => {
    stampBoth();
    expect(buildState(root).stale).toBe(false);
  });

  it('is stale when a source is edited', () => {
    stampBoth();
    put('kiosk/core/kiosk.ts', 'export const a = 22;');
    expect(buildState(root).stale).toBe(true);
  });

  it('is stale when a source only gets a new modification time (a checkout)', () => {
    stampBoth();
    touch('drivers/id-card/reader.ts');
    expect(buildState(root).stale).toBe(true);
  });

  it('is stale when a source is added or removed', () => {
    stampBoth();
    put('printer-templates/receipt/new.ts', 'export {};');
    expect(buildState(root).stale).toBe(true);
    rmSync(join(root, 'printer-templates'), { recursive: true });
    expect(buildState(root).stale).toBe(false);
    rmSync(join(root, 'drivers/id-card/reader.ts'));
    expect(buildState(root).stale).toBe(true);
  });

  it('is stale when the lock file or the build script changes', () => {
    stampBoth();
    touch('package-lock.json');
    expect(buildState(root).stale).toBe(true);
    stampBoth();
    put('scripts/node-bundles.mjs', 'changed');
    expect(buildState(root).stale).toBe(true);
  });

  it('is stale when an output is missing, even with a matching stamp', () => {
    stampBoth();
    rmSync(join(root, 'dist/renderer/index.html'));
    expect(buildState(root).stale).toBe(true);
  });

  it('stays fresh when only a test file or a file outside the built folders changes', () => {
    stampBoth();
    put('kiosk/core/kiosk.test.ts', 'a longer test');
    put('flows/demo/flow.json', '{"changed":true}');
    expect(buildState(root).stale).toBe(false);
  });
});
