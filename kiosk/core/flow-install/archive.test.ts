/**
 * Reading .k24flow archives as hostile input: a packed archive reads back exactly, and every
 * entry kiosk24 flow pack never writes (links, devices, FIFOs, "..", absolute paths, files the
 * manifest does not list, files whose hash differs) refuses the whole archive with one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../runner/package-files.ts';
import { MAX_TAR_BYTES, readArchive } from './archive.ts';
import { InstallRefusal } from './errors.ts';
import { manifestBytes, sha256, type ArchiveManifest } from './manifest.ts';
import { packFlow } from './pack.ts';
import {
  rawArchive,
  removeTestFolders,
  testFolder,
  testPackage,
  type RawEntry,
} from './testing/craft.ts';

afterAll(removeTestFolders);

let dir: string;
let packed: string;
let manifest: ArchiveManifest;
let files: Map<string, Buffer>;

beforeAll(async () => {
  dir = testFolder();
  packed = join(dir, 'good.k24flow');
  await packFlow(testPackage(dir, 'pkg', { id: 'js-test-flow', version: '1.0.0' }), packed);
  ({ manifest, files } = await readArchive(packed));
});

/** The good archive's entries, with `change` applied, written to a file. */
function crafted(change: (entries: RawEntry[]) => RawEntry[]): string {
  const entries: RawEntry[] = [
    { path: 'manifest.json', body: manifestBytes(manifest) },
    ...[...files].map(([path, body]) => ({ path: `package/${path}`, body })),
  ];
  const file = join(dir, `crafted-${Math.random().toString(36).slice(2)}.k24flow`);
  writeFileSync(file, rawArchive(change(entries)));
  return file;
}

async function refusal(file: string): Promise<string> {
  const error = await readArchive(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstallRefusal);
  const message = (error as InstallRefusal).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('reading a packed archive', () => {
  it('gives back every package file with the hash and size the manifest lists', () => {
    expect([...files.keys()].sort()).toEqual(manifest.files.map((f) => f.path));
    for (const entry of manifest.files) {
      expect(sha256(files.get(entry.path) ?? Buffer.alloc(0))).toBe(entry.sha256);
    }
    expect(manifest).toMatchObject({ format: 1, id: 'js-test-flow', version: '1.0.0' });
  });

  it('reads the hand-made copy of it the same way', async () => {
    const copy = await readArchive(crafted((entries) => entries));
    expect(copy.files).toEqual(files);
  });
});

describe('an archive is refused when it holds', () => {
  const add = (entry: RawEntry) => (entries: RawEntry[]) => [...entries, entry];
  it.each<[string, RawEntry, RegExp]>([
    [
      'a symbolic link',
      { path: 'package/x', type: 'SymbolicLink', linkpath: '/etc/passwd' },
      /is a symbolic link/,
    ],
    [
      'a hard link',
      { path: 'package/x', type: 'Link', linkpath: 'package/flow.json' },
      /is a hard link/,
    ],
    ['a path with ".."', { path: 'package/../../evil.json', body: '{}' }, /climbs out with "\.\."/],
    ['an absolute path', { path: '/tmp/evil.json', body: '{}' }, /absolute path/],
    [
      'a character device',
      { path: 'package/tty', type: 'CharacterDevice' },
      /CharacterDevice entry, not a file/,
    ],
    ['a FIFO', { path: 'package/pipe', type: 'FIFO' }, /FIFO entry, not a file/],
    [
      'a file the manifest does not list',
      { path: 'package/extra.json', body: '{}' },
      /does not list/,
    ],
  ])('%s', async (_what, entry, expected) => {
    expect(await refusal(crafted(add(entry)))).toMatch(expected);
  });

  it('a file whose bytes differ from its hash', async () => {
    const file = crafted((entries) =>
      entries.map((e) =>
        e.path === 'package/machine.json' ? { ...e, body: `${String(e.body)} ` } : e,
      ),
    );
    expect(await refusal(file)).toMatch(/machine\.json does not match its SHA-256/);
  });

  it('no file the manifest lists', async () => {
    const file = crafted((entries) => entries.filter((e) => e.path !== 'package/screens.json'));
    expect(await refusal(file)).toMatch(/lists screens\.json, which the archive lacks/);
  });

  it('a file over the size cap', async () => {
    const big = { path: 'package/big.json', body: Buffer.alloc(MAX_FILE_BYTES + 1, 0x20) };
    expect(await refusal(crafted(add(big)))).toMatch(/more than 1048576 bytes/);
  });

  it('no manifest', async () => {
    const file = crafted((entries) => entries.filter((e) => e.path !== 'manifest.json'));
    expect(await refusal(file)).toMatch(/no manifest\.json/);
  });
});

describe('an archive file is refused when it', () => {
  it('is not gzip', async () => {
    const file = join(dir, 'plain.k24flow');
    writeFileSync(file, 'hello');
    expect(await refusal(file)).toMatch(/not a gzipped archive/);
  });

  it('unpacks past the cap (a gzip bomb)', async () => {
    const file = join(dir, 'bomb.k24flow');
    writeFileSync(
      file,
      rawArchive([{ path: 'package/a', body: Buffer.alloc(MAX_TAR_BYTES + 1024 * 1024) }]),
    );
    expect(readFileSync(file).length).toBeLessThan(MAX_TAR_BYTES);
    expect(await refusal(file)).toMatch(/unpacks to more than/);
  });
});
