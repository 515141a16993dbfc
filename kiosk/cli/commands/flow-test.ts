import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_WALK_STEPS, testFlow } from '../../core/flow-test/explore.ts';
import { NO_COVERAGE, replayPath, resultJson, resultText } from '../../core/flow-test/report.ts';
import { parsePath } from '../../core/flow-test/steps.ts';
import { checkFlowPackage } from '../../core/runner/load-package.ts';

const USAGE = `usage: kiosk24 flow test PATH [--json] [--walks N [--seed S]] [--replay STEPS]

  Explores every path of a flow package on the kiosk's runtime: every action of every screen,
  every outcome of every capability (each success and each error flag it can raise), every
  timer and the idle timeout. Reports coverage of states, transitions, outcomes, timers and
  guards, and every path that traps the session, loops, leaves the resident without a way
  forward, shows a missing string, resolves a reference to nothing or leaks personal data.
  Exit code 0 when nothing is wrong and everything is covered, 1 otherwise, 2 for a usage error.

  --json          print {"ok", "coverage", "paths", "problems"} instead of text
  --walks N       also take N random walks (up to ${MAX_WALK_STEPS} steps each) that interleave
                  presses, outcomes, timers and language switches
  --seed S        seed of the walks (default 1); the same seed walks the same paths
  --replay STEPS  replay one path (a JSON array, or steps separated by commas, as a problem
                  prints it) and print each screen on the way`;

/** Random walks one run may take: enough for any interleaving, bounded so a typo cannot hang CI. */
const MAX_WALKS = 100_000;

/** `kiosk24 flow test`: resolves to the exit code; never throws on any input. */
export async function flowTestCommand(
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        walks: { type: 'string' },
        seed: { type: 'string' },
        replay: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    out(`kiosk24 flow test: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) {
    out(`kiosk24 flow test: give exactly one package folder\n\n${USAGE}`);
    return 2;
  }
  const walks = wholeNumber(values.walks, 0, MAX_WALKS);
  const seed = wholeNumber(values.seed, 1, 2 ** 32 - 1);
  if (walks === null || seed === null) {
    out(
      `kiosk24 flow test: --walks takes a whole number from 0 to ${MAX_WALKS}, --seed one from 0 to ${2 ** 32 - 1}\n\n${USAGE}`,
    );
    return 2;
  }
  if (values.replay !== undefined && values.json) {
    out(`kiosk24 flow test: --replay prints each screen as text; leave out --json\n\n${USAGE}`);
    return 2;
  }
  let steps;
  try {
    steps = values.replay === undefined ? undefined : parsePath(values.replay);
  } catch (error) {
    out(`kiosk24 flow test: --replay: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  const report = checkFlowPackage(resolve(path));
  if (!report.pkg) {
    const problems = report.problems.map((p) => p.message);
    if (values.json)
      out(
        JSON.stringify({
          ok: false,
          coverage: NO_COVERAGE,
          paths: 0,
          problems: problems.map((message) => ({ kind: 'package', path: [], state: '', message })),
        }),
      );
    else {
      out(`flow package ${path} was refused by the package check, so no path was run:`);
      for (const message of problems) out(`  - ${message}`);
      out(`(kiosk24 flow check ${path} gives the same list)`);
    }
    return 1;
  }
  try {
    if (steps) {
      const replay = await replayPath(report.pkg, steps);
      for (const line of replay.lines) out(line);
      if (replay.refused) out(replay.refused);
      return replay.refused ? 2 : replay.findings.length === 0 ? 0 : 1;
    }
    const result = await testFlow(report.pkg, { walks, seed });
    if (values.json) out(JSON.stringify(resultJson(result)));
    else for (const line of resultText(report.pkg, result, path)) out(line);
    return result.ok ? 0 : 1;
  } catch (error) {
    // Never a stack trace for a vendor: a fault in the tester itself is reported as one line.
    const message = error instanceof Error ? error.message : String(error);
    out(
      `kiosk24 flow test: the test itself failed (${message}); report this to the kiosk24 team with the package`,
    );
    return 1;
  }
}

/** A whole number from a flag in [min, max], its default when absent, or null when bad. */
function wholeNumber(text: string | undefined, fallback: number, max: number): number | null {
  if (text === undefined) return fallback;
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}
