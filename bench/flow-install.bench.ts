// Pack, sign, install and roll back a flow package the size of the built-in one, in process
// (the library calls the CLI makes), median of several rounds, each step beside its goal; and
// one `kiosk24 flow install` through the compiled command, Node's start-up included.
// Run: npx tsx bench/flow-install.bench.ts
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { installFlow, rollbackFlow } from '../kiosk/core/flow-install/install.ts';
import { writeKeyPair } from '../kiosk/core/flow-install/keys.ts';
import { packFlow, signArchive } from '../kiosk/core/flow-install/pack.ts';
import {
  removeTestFolders,
  testConfig,
  testFolder,
  testPackage,
} from '../kiosk/core/flow-install/testing/craft.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
/** Rounds measured per step; the median is shown. */
const ROUNDS = 9;
/** A vendor packs and signs by hand: anything under a second feels immediate. */
const PACK_SIGN_GOAL_MS = 1000;
/** An operator's install or rollback on a terminal, checks included, before a session starts. */
const INSTALL_GOAL_MS = 1000;
const ROLLBACK_GOAL_MS = 100;
/** The whole command as a script on thousands of terminals runs it, Node's start-up included. */
const CLI_INSTALL_GOAL_MS = 3000;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const line = (name: string, ms: number, goal: number): void =>
  console.log(
    `${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms   goal <= ${goal} ms   ${(ms / goal).toFixed(2)} of goal ${ms <= goal ? 'ok' : 'OVER'}`,
  );

const dir = testFolder();
try {
  const keys = writeKeyPair(join(dir, 'keys'));
  const config = testConfig(dir, {
    trustedKeys: { bench: { publicKey: keys.publicKeyBase64, scope: ['bench-*'] } },
  });
  const times = {
    pack: [] as number[],
    sign: [] as number[],
    install: [] as number[],
    rollback: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    const archive = join(dir, `r${round}.k24flow`);
    const pkg = testPackage(dir, `pkg${round}`, { id: 'bench-flow', version: `1.0.${round + 1}` });
    let t = performance.now();
    await packFlow(pkg, archive);
    times.pack.push(performance.now() - t);
    t = performance.now();
    await signArchive(archive, keys.privateKey);
    times.sign.push(performance.now() - t);
    t = performance.now();
    await installFlow(archive, { config });
    times.install.push(performance.now() - t);
    if (round > 0) {
      t = performance.now();
      rollbackFlow('bench-flow', config);
      times.rollback.push(performance.now() - t);
      await installFlow(archive, { config });
    }
  }
  line('pack (check + archive)', median(times.pack), PACK_SIGN_GOAL_MS);
  line('sign', median(times.sign), PACK_SIGN_GOAL_MS);
  line('install (verify, check, stage, swap)', median(times.install), INSTALL_GOAL_MS);
  line('rollback', median(times.rollback), ROLLBACK_GOAL_MS);
  line(
    'pack + sign + install + rollback',
    median(times.pack) + median(times.sign) + median(times.install) + median(times.rollback),
    PACK_SIGN_GOAL_MS + INSTALL_GOAL_MS,
  );

  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ flows: { directories: ['none'], installDir: 'cli' } }),
  );
  const archive = join(dir, 'cli.k24flow');
  await packFlow(testPackage(dir, 'cli-pkg', { id: 'bench-cli', version: '1.0.0' }), archive);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, 'dist/cli/kiosk24.mjs'), 'flow', 'install', archive, '--config', 'config.json'],
    { cwd: dir, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`kiosk24 flow install failed: ${result.stdout}${result.stderr}`);
  line('kiosk24 flow install (compiled CLI)', performance.now() - started, CLI_INSTALL_GOAL_MS);
} finally {
  removeTestFolders();
  rmSync(dir, { recursive: true, force: true });
}
