/**
 * Running `kiosk24 flow check --json` over many packages for the hostile-vendor suite
 * (test/integration/hostile-packages.test.ts), a few processes at a time, and the assertions
 * every run shares: no stack trace, nothing from outside the package, the contract's JSON.
 */
import { expect } from 'vitest';
import { runKiosk24, type Kiosk24Run } from '../../kiosk/cli/testing/run-kiosk24.ts';

/** A line of a JavaScript stack trace. */
export const STACK_LINE = /^\s+at /m;

/** One problem or warning as `flow check --json` prints it. */
export interface Problem {
  file: string;
  pointer: string;
  message: string;
  fix: string;
}

/** What `flow check --json` prints. */
export interface CheckJson {
  ok: boolean;
  id: string | null;
  version: string | null;
  problems: Problem[];
  warnings: Problem[];
}

/** A gate letting at most `limit` tasks run at once, the rest in the order they came. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < limit) active++;
    else await new Promise<void>((wake) => waiting.push(wake));
    try {
      return await task();
    } finally {
      // A waiting task takes over this slot; otherwise the slot is free.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * Starts `kiosk24 flow check DIR --json` for every folder in `dirs`, at most `parallel` at a
 * time; each run's result under its key.
 */
export function checkAll<K>(
  dirs: ReadonlyMap<K, string>,
  parallel: number,
): Map<K, Promise<Kiosk24Run>> {
  const gate = limiter(parallel);
  const check = (dir: string) => runKiosk24(['flow', 'check', dir, '--json']);
  const runs = new Map<K, Promise<Kiosk24Run>>();
  for (const [key, dir] of dirs)
    runs.set(
      key,
      gate(() => check(dir)),
    );
  return runs;
}

/** The check's verdict from one run, after the checks common to every run. */
export async function verdict(
  pending: Promise<Kiosk24Run>,
): Promise<{ run: Kiosk24Run; report: CheckJson }> {
  const run = await pending;
  const output = run.stdout + run.stderr;
  expect(output).not.toMatch(STACK_LINE);
  expect(output).not.toContain('root:');
  expect(run.stderr).toBe('');
  return { run, report: JSON.parse(run.stdout) as CheckJson };
}

/** Checks that the run refused its package, and returns the problems it is refused with. */
export async function refusal(pending: Promise<Kiosk24Run>): Promise<Problem[]> {
  const { run, report } = await verdict(pending);
  expect(report.ok).toBe(false);
  expect(run.code).toBe(1);
  expect(report.problems.length).toBeGreaterThan(0);
  return report.problems;
}

/** A regular expression part matching text that contains `fragment` anywhere. */
function containing(fragment: string): string {
  return `(?=[\\s\\S]*${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`;
}

/** A problem in `file` at `pointer` whose message holds every fragment, with a fix. */
export function problem(file: string, pointer: string, ...fragments: string[]): Problem {
  return {
    file,
    pointer,
    message: expect.stringMatching(new RegExp(fragments.map(containing).join(''))) as string,
    fix: expect.stringMatching(/\S/) as string,
  };
}
