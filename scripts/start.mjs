// `npm start`: runs set-up and the build only when their inputs changed since they last
// succeeded (see stamps.mjs), then runs `kiosk24 start` in this same process.
//
// Same process, not a child: npm hands SIGTERM and SIGINT to the process it started, and that
// process is then the kiosk itself, which stops its children (socat, the kiosk window) and exits.
// A chain such as `sh -c "setup && build && node kiosk24"` put a shell in between that passed no
// signal on, and the kiosk outlived the npm process that was told to stop.
//
// Arguments after `npm start --` go to `kiosk24 start` (e.g. `npm start -- --config kiosk.yaml`).
// `npm run build` alone always builds, and stamps what it built.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SETUP, buildState, setupState, writeStamp } from './stamps.mjs';

/** The compiled kiosk24 command. */
const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'kiosk24.mjs');

/** The signals that stop `npm start`, whatever step it is in. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'];

/**
 * Runs one preparation step with the terminal attached. A stop signal meanwhile is passed to the
 * step, and once it has exited `npm start` ends without starting the kiosk.
 */
function runStep(what, command, args) {
  return new Promise((resolve) => {
    let stopping = false;
    let finished = false;
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    const forward = (signal) => {
      stopping = true;
      child.kill(signal);
    };
    for (const signal of STOP_SIGNALS) process.on(signal, forward);
    const done = (code) => {
      if (finished) return;
      finished = true;
      for (const signal of STOP_SIGNALS) process.off(signal, forward);
      if (stopping) process.exit(0);
      if (code !== 0) {
        console.error(`kiosk24: ${what} failed (exit ${code}); the kiosk was not started`);
        process.exit(code ?? 1);
      }
      resolve();
    };
    child.once('error', (error) => {
      console.error(`kiosk24: ${what} could not run: ${error.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => done(signal ? 1 : code));
  });
}

const setup = setupState();
if (setup.stale) {
  await runStep('set-up (scripts/setup.sh)', 'bash', [join(ROOT, 'scripts', 'setup.sh')]);
  writeStamp(join(ROOT, SETUP.stamp), setup.digest);
}
// The build writes its own stamp (scripts/build.mjs), so `npm run build` counts as well.
if (buildState().stale) {
  console.log('kiosk24: sources changed since the last build; building');
  await runStep('the build (scripts/build.mjs)', process.execPath, [
    join(ROOT, 'scripts', 'build.mjs'),
  ]);
}

// kiosk24 reads its command line from process.argv, as if it had been started directly.
process.argv = [process.argv[0] ?? process.execPath, CLI_BUNDLE, 'start', ...process.argv.slice(2)];
await import(pathToFileURL(CLI_BUNDLE).href);
