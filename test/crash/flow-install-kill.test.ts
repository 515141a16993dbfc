/**
 * An install killed at any instant leaves the old or the new version serving, never a mix: the
 * compiled kiosk24 installs v1 and v2 of a flow in turn and is SIGKILLed at a seeded random
 * point of each install. After every kill `current` must resolve to a complete version (every
 * file matching the manifest's SHA-256), and the next install must clear what the killed ones
 * left behind. Replay a run with KIOSK24_CRASH_SEED=<seed>; KIOSK24_CRASH_KILLS sets the kills.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveManifestSchema, sha256 } from '../../kiosk/core/flow-install/manifest.ts';
import { packFlow } from '../../kiosk/core/flow-install/pack.ts';
import {
  removeTestFolders,
  testFolder,
  testPackage,
} from '../../kiosk/core/flow-install/testing/craft.ts';
import { KIOSK24_BIN } from '../../kiosk/cli/testing/run-kiosk24.ts';
import { budget, within } from '../support/time.ts';
import { crashKills, crashSeed } from './harness.ts';
import { seededRandom } from './crash-loop.ts';

afterAll(removeTestFolders);

const ID = 'js-kill-test';
/** Kills of one run: enough to land in every phase of an install several times. */
const KILLS = crashKills(30);
let dir: string;
let flowDir: string;

/** Starts `kiosk24 flow install` on `archive`; resolves with how it ended and how long it ran. */
function install(archive: string, killAfterMs?: number) {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [KIOSK24_BIN, 'flow', 'install', archive, '--config', 'config.json', '--allow-downgrade'],
    { cwd: dir, env: { ...process.env, KIOSK24_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const ended = new Promise<{
    code: number | null;
    signal: string | null;
    ms: number;
    output: string;
  }>((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, output });
    }),
  );
  return within(ended, `kiosk24 flow install ${archive} to end`, 20_000);
}

/** The version `current` names, after checking every file of it against its manifest. */
function servedVersion(): string {
  const version = readlinkSync(join(flowDir, 'current'));
  const versionDir = join(flowDir, version);
  const manifest = archiveManifestSchema.parse(
    JSON.parse(readFileSync(join(versionDir, 'manifest.json'), 'utf8')),
  );
  expect(manifest.version).toBe(version);
  for (const file of manifest.files) {
    const bytes = readFileSync(join(versionDir, 'package', file.path));
    expect(sha256(bytes), `${version}/package/${file.path}`).toBe(file.sha256);
  }
  return version;
}

beforeAll(async () => {
  dir = testFolder();
  flowDir = join(dir, 'installed', ID);
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ flows: { directories: ['built-in'], installDir: 'installed' } }),
  );
  for (const version of ['1.0.0', '2.0.0']) {
    await packFlow(testPackage(dir, version, { id: ID, version }), join(dir, `${version}.k24flow`));
  }
});

describe('an install killed at a random point', () => {
  it(
    'leaves a complete old or new version serving, and the next install clears the leftovers',
    async () => {
      const seed = crashSeed();
      const random = seededRandom(seed);
      const first = await install('1.0.0.k24flow');
      expect(first.output).toContain(`installed ${ID} 1.0.0`);
      // Node's start-up takes most of a run; kill points cover its last part and the whole
      // install, from 40 % to 110 % of a full run, so most land where files are written.
      const span = first.ms;
      let killed = 0;
      let staged = 0;
      const seen = new Set<string>();
      for (let i = 0; i < KILLS; i++) {
        const before = servedVersion();
        const next = before === '1.0.0' ? '2.0.0' : '1.0.0';
        const run = await install(`${next}.k24flow`, Math.floor(span * (0.4 + 0.7 * random())));
        if (readdirSync(flowDir).some((name) => name.startsWith('.staging-'))) staged++;
        if (run.signal === 'SIGKILL') killed++;
        else
          expect(run.code, `seed ${seed}, kill ${i}: ${String(run.signal)} ${run.output}`).toBe(0);
        const after = servedVersion();
        expect([before, next], `seed ${seed}, kill ${i}`).toContain(after);
        seen.add(after === before ? 'old' : 'new');
      }
      // The loop must actually have interrupted installs, or it proved nothing.
      expect(killed, `seed ${seed}`).toBeGreaterThan(KILLS / 4);

      const last = servedVersion() === '1.0.0' ? '2.0.0' : '1.0.0';
      const done = await install(`${last}.k24flow`);
      expect(done.code, done.output).toBe(0);
      expect(servedVersion()).toBe(last);
      expect(readdirSync(flowDir).sort()).toEqual(['1.0.0', '2.0.0', 'current', 'previous']);
      expect(existsSync(join(dir, 'installed', '.install.lock'))).toBe(false);
      console.log(
        `flow install kill loop: seed ${seed}, ${killed}/${KILLS} killed, ${staged} left a staging folder, served ${[...seen].join(' and ')} afterwards`,
      );
    },
    budget(KILLS * 4_000 + 30_000),
  );
});
