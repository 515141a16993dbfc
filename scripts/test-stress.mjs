// `npm run test:stress`: the whole `npm test` while stress-ng keeps one core busy, the way a CI
// machine shared with other jobs (or a slow terminal board) runs it. Budgets get the CI time
// scale unless KIOSK24_TIME_SCALE says otherwise. stress-ng comes from Debian (scripts/setup.sh
// installs it); without it this command fails rather than running an unloaded suite under a
// loaded name. Extra arguments go to scripts/test.mjs (e.g. step names).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** How many cores stress-ng keeps busy: one of the two a CI machine or terminal board has. */
const BUSY_CORES = 1;

/** The scale of drivers/device/time-scale.ts CI_TIME_SCALE, which a loaded machine needs. */
const LOADED_TIME_SCALE = '3';

const setup = spawnSync('bash', ['scripts/setup.sh'], { cwd: root, stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);
const found = spawnSync('sh', ['-c', 'command -v stress-ng'], { encoding: 'utf8' });
if (found.status !== 0) {
  console.error(
    'kiosk24 test:stress: stress-ng is not installed; run "npm run setup" (Debian package stress-ng)',
  );
  process.exit(1);
}

const load = spawn('stress-ng', ['--cpu', String(BUSY_CORES), '--cpu-load', '100', '--quiet'], {
  stdio: 'ignore',
});
const stopLoad = () => {
  if (load.exitCode === null) load.kill('SIGTERM');
};
process.on('exit', stopLoad);
console.log(`kiosk24 test:stress: stress-ng keeps ${BUSY_CORES} core busy (pid ${load.pid})`);

const started = Date.now();
const env = {
  ...process.env,
  KIOSK24_TIME_SCALE: process.env.KIOSK24_TIME_SCALE ?? LOADED_TIME_SCALE,
};
const suite = spawn(process.execPath, ['scripts/test.mjs', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => suite.kill(signal));
suite.on('close', (code) => {
  stopLoad();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `kiosk24 test:stress: suite ${code === 0 ? 'passed' : 'failed'} under load in ${minutes} min`,
  );
  process.exit(code ?? 1);
});
