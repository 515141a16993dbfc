/**
 * Flow packages and archives for tests: copies of the built-in package under a test id and
 * version, hand-made tar archives that hold what kiosk24 flow pack never writes, and configs
 * pointing at a temporary install root.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

/** A tar entry type by name, as node-tar's Header takes it. */
type EntryTypeName = Header['type'];
import { hashMaintenancePin } from '../../maintenance/pin.ts';
import { parseConfig, type KioskConfig } from '../../config/index.ts';
import { BUILT_IN_FLOW } from '../../runner/testing/hostile-package.ts';

const roots: string[] = [];

/** A fresh temporary folder, removed by {@link removeTestFolders}. */
export function testFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-install-'));
  roots.push(dir);
  return dir;
}

/** Removes every folder {@link testFolder} made (run it in afterAll). */
export function removeTestFolders(): void {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of the built-in package in `parent`/`name` with the given id, version and changes. */
export function testPackage(
  parent: string,
  name: string,
  flow: { id: string; version: string } & Record<string, unknown>,
): string {
  const dir = join(parent, name);
  cpSync(BUILT_IN_FLOW, dir, { recursive: true });
  const file = join(dir, 'flow.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...manifest, ...flow }, null, 2));
  return dir;
}

/** One entry of a hand-made tar. */
export interface RawEntry {
  path: string;
  type?: EntryTypeName;
  body?: Buffer | string;
  linkpath?: string;
}

/** A gzipped tar of exactly `entries`, whatever they hold (links, devices, "..", absolute paths). */
export function rawArchive(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    const header = Buffer.alloc(512);
    new Header({
      path: entry.path,
      type: entry.type ?? 'File',
      size: entry.type === undefined || entry.type === 'File' ? body.length : 0,
      mode: 0o644,
      mtime: new Date(0),
      ...(entry.linkpath === undefined ? {} : { linkpath: entry.linkpath }),
    }).encode(header);
    blocks.push(header);
    if (entry.type === undefined || entry.type === 'File') {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A validated config whose install root and journal sit in `dir`, with `flows` merged in. */
export function testConfig(
  dir: string,
  flows: Record<string, unknown> = {},
  production = false,
): KioskConfig {
  return parseConfig(
    {
      production,
      flows: { directories: [join(dir, 'built-in')], installDir: 'installed', ...flows },
      journal: { path: 'journal.sqlite' },
      // production refuses the sandbox PIN; any other will do for these tests.
      ...(production
        ? {
            maintenance: { pinHash: hashMaintenancePin('13579') },
            help: { remoteUrl: 'https://zwfw.example.gov.cn/remote-help' },
          }
        : {}),
    },
    { cwd: dir },
  );
}
