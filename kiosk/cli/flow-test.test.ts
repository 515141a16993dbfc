/**
 * `kiosk24 flow test` as a vendor runs it: the compiled command, its JSON and text reports, the
 * replay of a failing path, and clear refusals of bad input without a stack trace.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRoots, tempRoot } from '../../test/support/hostile-flows.ts';
import { budget } from '../../test/support/time.ts';
import { BUILT_IN_FLOW } from '../core/runner/testing/hostile-package.ts';
import { trappingFlow } from '../core/flow-test/testing/hostile-flows.ts';
import { runKiosk24 } from './testing/run-kiosk24.ts';

afterAll(removeTempRoots);

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;

describe('kiosk24 flow test', () => {
  it(
    'passes the built-in flow with every axis covered, as exactly the JSON vendors read',
    async () => {
      const run = await runKiosk24(['flow', 'test', BUILT_IN_FLOW, '--json']);
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['ok', 'coverage', 'paths', 'problems']);
      expect(json.ok).toBe(true);
      expect(json.problems).toEqual([]);
      const coverage = json.coverage as Record<string, { covered: number; total: number }>;
      expect(Object.keys(coverage)).toEqual([
        'states',
        'transitions',
        'outcomes',
        'timers',
        'guards',
      ]);
      for (const axis of Object.values(coverage)) {
        expect(Object.keys(axis)).toEqual(['covered', 'total']);
        expect(axis.covered).toBe(axis.total);
      }
      expect(json.paths).toBeGreaterThan(0);
    },
    budget(30_000),
  );

  it(
    'refuses a flow that traps the session and prints the path that replays it',
    async () => {
      const dir = trappingFlow(tempRoot());
      const run = await runKiosk24(['flow', 'test', dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('was refused by the path test (1 problem, 3 items not covered)');
      expect(run.stdout).toContain('- stuck in waiting: the session is stuck on screen "waiting"');
      expect(run.stdout).toContain(`replay: kiosk24 flow test ${dir} --replay '["next"]'`);
      expect(run.stdout).toContain('- not covered (states): done');

      const replay = await runKiosk24(['flow', 'test', dir, '--replay', '["next"]']);
      expect(replay.stdout).toContain('1. next → state waiting, screen hostile-trap/waiting');
      expect(replay.stdout).toContain('next: retry');
      expect(replay.code).toBe(0);
    },
    budget(30_000),
  );

  it(
    'refuses bad input with what was wrong and no stack trace',
    async () => {
      const missing = await runKiosk24(['flow', 'test', '/nonexistent/kiosk24-package']);
      expect(missing.code).toBe(1);
      expect(missing.stdout).toContain('was refused by the package check, so no path was run');
      const walks = await runKiosk24(['flow', 'test', BUILT_IN_FLOW, '--walks', 'lots']);
      expect(walks.code).toBe(2);
      expect(walks.stdout).toContain('--walks takes a whole number');
      const replay = await runKiosk24([
        'flow',
        'test',
        BUILT_IN_FLOW,
        '--replay',
        'identity.card,Print!',
      ]);
      expect(replay.code).toBe(2);
      expect(replay.stdout).toContain('--replay: "Print!" is not a step');
      const late = await runKiosk24(['flow', 'test', BUILT_IN_FLOW, '--replay', 'print']);
      expect(late.code).toBe(2);
      expect(late.stdout).toContain('step 1 (print) does not fit');
      for (const run of [missing, walks, replay, late])
        expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    },
    budget(30_000),
  );
});
