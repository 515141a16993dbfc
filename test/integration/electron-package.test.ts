import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS, assetPath } from '../../assets.ts';
import { kioskFuseConfig } from '../../kiosk/main/fuses.ts';
import {
  asarHeaderHash,
  ELECTRON_DIST,
  packageElectronApp,
  type PackageReport,
} from '../../scripts/package-electron.mjs';
import { budget, within } from '../support/time.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Packing the app copies and hashes about 40 MB: a few seconds on an idle desktop. */
const PACKAGING_MS = 20_000;
/** The kiosk's start from the extracted archive, as in the Electron main smoke test. */
const START_MS = 20_000;

/**
 * The marker Electron builds in front of its fuse wire (the format @electron/fuses reads): the
 * stand-in binary below carries it, followed by wire version 1, the wire length, and one byte
 * per fuse.
 */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * An Electron distribution folder as the electron package installs it, whose "binary" is a
 * file with Electron's default fuse wire between filler bytes. It lets the packaging step copy
 * a distribution and flip fuses for real where the real binary cannot be downloaded.
 */
function standInElectronDist(dir: string): string {
  const dist = join(dir, 'electron', 'dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron', 'path.txt'), 'electron');
  writeFileSync(join(dir, 'electron', 'abi_version'), '150');
  const defaults = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
    FuseState.ENABLE, // WasmTrapHandlers
  ];
  writeFileSync(
    join(dist, 'electron'),
    Buffer.concat([
      Buffer.alloc(4096, 0x7f),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, defaults.length, ...defaults]),
      Buffer.alloc(4096, 0x7f),
    ]),
  );
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'resources', 'default_app.asar'), 'the default app');
  writeFileSync(join(dist, 'LICENSE'), 'stand-in');
  return dist;
}

/** The wire @electron/fuses reads back, as the config shape: fuse index → enabled. */
function wireAsConfig(wire: object): Record<string, boolean> {
  const read: Record<string, boolean> = {};
  for (const [key, state] of Object.entries(wire)) {
    if (/^\d+$/.test(key)) read[key] = state === FuseState.ENABLE;
  }
  return read;
}

/** The fuse settings of a config alone (without version and strictness). */
function fusesOf(config: FuseConfig): Record<string, boolean> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => /^\d+$/.test(key))) as Record<
    string,
    boolean
  >;
}

const work = mkdtempSync(join(tmpdir(), 'kiosk24-package-test-'));
const assetPaths = ASSETS.filter((asset) => asset !== 'packageJson').map((asset) =>
  assetPath(asset),
);
let archive: string;
let entries: string[];
let report: PackageReport;
const logged: string[] = [];

beforeAll(
  async () => {
    const packed = await within(
      packageElectronApp({
        outDir: join(work, 'app'),
        build: false,
        fuseConfig: kioskFuseConfig(),
        assetPaths,
        log: (line) => logged.push(line),
      }),
      'the app to be packaged',
      budget(PACKAGING_MS),
    );
    archive = packed.archive;
    report = packed.report;
    entries = listPackage(archive, { isPack: true });
  },
  budget(PACKAGING_MS * 2),
);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The archive's files, without the pack/unpack marker. */
const files = () => entries.map((line) => line.slice(9));

describe('the packaged app archive', () => {
  it('holds the main process, the preload and the renderer page', () => {
    expect(files()).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/dist/electron/main.mjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer/index.html',
        '/printer-templates/fonts/wqy-microhei.ttf',
        '/node_modules/pino/package.json',
        '/node_modules/better-sqlite3/package.json',
      ]) as string[],
    );
    expect(files().some((file) => file.startsWith('/flows/') && file.endsWith('.json'))).toBe(true);
  });

  it('names the main bundle in its package.json, the file assets.ts takes for the root', () => {
    const manifest = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      name: 'kiosk24',
      type: 'module',
      main: 'dist/electron/main.mjs',
    });
  });

  it('keeps every native module beside the archive, where the system loader can open it', () => {
    const natives = entries.filter((line) => line.endsWith('.node'));
    expect(natives.length).toBeGreaterThanOrEqual(3);
    for (const line of natives) {
      expect(line.startsWith('unpack : ')).toBe(true);
      expect(existsSync(join(`${archive}.unpacked`, line.slice(9)))).toBe(true);
    }
    const unpacked = natives.map((line) => line.slice(9));
    expect(unpacked).toContain('/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked.some((file) => /node-hid\/prebuilds\/HID.*linux-x64/.test(file))).toBe(true);
    expect(unpacked.some((file) => /bindings-cpp\/prebuilds\/linux-x64/.test(file))).toBe(true);
  });

  it('carries no sources, tests, source maps, docs or other systems binaries', () => {
    const offenders = files().filter(
      (file) =>
        /\.(ts|tsx|map|md|cc|cpp|h|gyp|o|a)$/.test(file) ||
        /\/(test|tests|__tests__)\//.test(file) ||
        /\.test\.[cm]?js$/.test(file) ||
        /prebuilds\/[^/]*(darwin|win32|android)/.test(file) ||
        /\/build\/Release\/(obj|\.deps)/.test(file),
    );
    expect(offenders).toEqual([]);
  });

  it('leaves out the simulator panel, which only the browser host serves', () => {
    expect(files().filter((file) => file.includes('sim-panel'))).toEqual([]);
  });

  it('leaves out development packages', () => {
    for (const name of ['vitest', 'vite', 'esbuild', 'typescript', 'electron', '@electron/asar']) {
      expect(files()).not.toContain(`/node_modules/${name}/package.json`);
    }
  });

  it("reports the archive's header hash, the value an asar integrity check compares", () => {
    expect(report.archive.headerSha256).toBe(asarHeaderHash(archive));
    expect(report.archive.headerSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts the kiosk from its extracted contents alone, electron stood in for', async () => {
    // Node runs the archive's own main bundle with the archive's own packages: a module left out
    // of the package, or an asset assets.ts cannot find from the archive's root, fails here.
    const extracted = join(work, 'extracted');
    extractAll(archive, extracted);
    const config = join(work, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        host: { kind: 'electron', port: 0, openWindow: false },
        devices: { documentPrinter: { mode: 'simulated', outputDir: work } },
        journal: { path: join(work, 'journal.sqlite') },
      }),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, KIOSK24_CONFIG: config };
    delete env.KIOSK24_ASSETS;
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(repoRoot, 'test/support/electron-host/register.mjs'),
        join(extracted, 'dist/electron/main.mjs'),
      ],
      { cwd: extracted, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await within(
        new Promise<void>((resolve, reject) => {
          child.stdout.on('data', () => {
            if (output.includes('kiosk host started in Electron')) resolve();
          });
          void exited.then((code) =>
            reject(new Error(`the packaged main exited with ${code}:\n${output}`)),
          );
        }),
        `the packaged main to say "kiosk host started in Electron"; it said:\n${output}`,
        budget(START_MS),
      );
      expect(output).toContain('kiosk core started');
      expect(output).not.toMatch(/"level":(50|60)/);
      child.kill('SIGTERM');
      expect(await within(exited, 'the packaged main to exit on SIGTERM', budget(START_MS))).toBe(
        0,
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('the fuses of the packaged Electron binary', () => {
  const realBinary = join(ELECTRON_DIST, 'electron');

  it('are reported with the exact config flipFuses is given, applied only where a binary is', () => {
    expect(report.fuses.config).toEqual(kioskFuseConfig());
    expect(report.fuses.config).toMatchObject({ version: '1', strictlyRequireAllFuses: true });
    if (existsSync(realBinary)) {
      expect(report.fuses).toMatchObject({ applied: true, binary: 'electron' });
    } else {
      expect(report.fuses).toMatchObject({ applied: false });
      expect(report.fuses.reason).toContain('no Electron binary');
      expect(logged.some((line) => line.includes('fuses NOT applied'))).toBe(true);
    }
  });

  it(
    'read back from the packaged binary as set: run-as-node, NODE_OPTIONS and inspect off; cookie encryption, asar integrity and asar-only on',
    async () => {
      // With Electron installed, its packaged binary is read. Without it (Electron's download
      // needs GitHub), the packaging step is run against a stand-in distribution whose binary
      // holds Electron's default fuse wire, so copying and flipping are still done for real.
      let binary: string;
      if (existsSync(realBinary)) {
        binary = join(work, 'app', 'electron');
      } else {
        const dist = standInElectronDist(join(work, 'stand-in'));
        const out = join(work, 'stand-in-app');
        await within(
          packageElectronApp({
            outDir: out,
            build: false,
            electronDist: dist,
            fuseConfig: kioskFuseConfig(),
            assetPaths,
            log: () => undefined,
          }),
          'the app to be packaged with the stand-in Electron',
          budget(PACKAGING_MS),
        );
        binary = join(out, 'electron');
        expect(existsSync(join(out, 'resources', 'default_app.asar'))).toBe(false);
        expect(existsSync(join(out, 'resources', 'app.asar'))).toBe(true);
        expect(existsSync(join(out, 'LICENSE'))).toBe(true);
        // The distribution it was copied from is left as it was.
        expect(readFileSync(join(dist, 'electron')).includes(Buffer.from([1, 9, 49, 48]))).toBe(
          true,
        );
      }
      const wire = await getCurrentFuseWire(binary);
      expect(wire.version).toBe('1');
      const read = wireAsConfig(wire);
      expect(read).toEqual(fusesOf(kioskFuseConfig()));
      expect(read[FuseV1Options.RunAsNode]).toBe(false);
      expect(read[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
      expect(read[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
      expect(read[FuseV1Options.EnableCookieEncryption]).toBe(true);
      expect(read[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
      expect(read[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    },
    budget(PACKAGING_MS * 2),
  );
});
