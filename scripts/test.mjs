// `npm test`: the whole check of the repo as separate, named steps (set-up, build, type check,
// lint, then the unit, integration, end-to-end and crash test projects of vitest.config.ts), with
// each step's time and a summary at the end. Set-up or build failing stops the run (nothing after
// them could mean anything); any other failing step is reported and the rest still run, so one
// CI run shows every broken step. `node scripts/test.mjs unit e2e` runs only the named steps.
// Plain Node, no shell.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const vitest = (project) => ({
  name: project,
  command: [bin('vitest'), 'run', '--project', project],
});

/** Every step in order; `stops` marks the ones whose failure makes later steps pointless. */
export const STEPS = [
  {
    name: 'setup',
    command: ['bash', '-c', 'bash scripts/setup.sh && node scripts/stamps.mjs setup-done'],
    stops: true,
  },
  { name: 'build', command: [process.execPath, 'scripts/build.mjs'], stops: true },
  { name: 'typecheck', command: [bin('tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', command: [bin('eslint'), '.'] },
  { name: 'format', command: [bin('prettier'), '--check', '.'] },
  vitest('unit'),
  vitest('integration'),
  vitest('e2e'),
  vitest('crash'),
];

function run(step) {
  return new Promise((resolve) => {
    const [file, ...args] = step.command;
    const child = spawn(file, args, { cwd: root, stdio: 'inherit' });
    // A stop of the whole run (Ctrl+C, CI cancelling) goes to the step, which cleans up itself.
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`kiosk24 test: step ${step.name} could not start: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`);
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !STEPS.some((step) => step.name === name));
if (unknown.length > 0) {
  console.error(
    `kiosk24 test: no step named ${unknown.join(', ')}; the steps are ${STEPS.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const steps = wanted.length === 0 ? STEPS : STEPS.filter((step) => wanted.includes(step.name));

const results = [];
for (const step of steps) {
  console.log(`\n== kiosk24 test step: ${step.name} (${step.command.slice(1).join(' ')})`);
  const started = Date.now();
  const outcome = await run(step);
  results.push({ name: step.name, outcome, seconds: (Date.now() - started) / 1000 });
  if (outcome !== 'passed' && step.stops) break;
}

console.log('\n== kiosk24 test summary');
for (const { name, outcome, seconds } of results) {
  console.log(`   ${name.padEnd(12)} ${outcome.padEnd(20)} ${seconds.toFixed(1).padStart(7)} s`);
}
const skipped = steps.filter((step) => !results.some((result) => result.name === step.name));
for (const step of skipped)
  console.log(`   ${step.name.padEnd(12)} not run (an earlier step failed)`);
const failed = results.some((result) => result.outcome !== 'passed') || skipped.length > 0;
process.exit(failed ? 1 : 0);
