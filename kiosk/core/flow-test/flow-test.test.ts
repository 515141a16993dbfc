import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRoots, tempRoot } from '../../../test/support/hostile-flows.ts';
import { budget } from '../../../test/support/time.ts';
import { loadFlowPackage } from '../runner/load-package.ts';
import { rawLeaks, unresolvedInputs } from './checks.ts';
import { testFlow, type FlowTestResult } from './explore.ts';
import type { ProblemKind } from './problems.ts';
import { replayPath, resultJson } from './report.ts';
import { SENTINEL } from './sentinels.ts';
import { formatStep, parsePath, parseStep } from './steps.ts';
import {
  leakingFlow,
  loopingFlow,
  missingStringFlow,
  trappingFlow,
} from './testing/hostile-flows.ts';

afterAll(removeTempRoots);

const BUILT_IN = loadFlowPackage(
  join(import.meta.dirname, '../../../flows/si-payment-certificate'),
);

/** The one problem of `kind` in a result; fails naming what was found instead. */
function onlyProblem(result: FlowTestResult, kind: ProblemKind) {
  expect(result.problems.map((p) => p.kind)).toEqual([kind]);
  return result.problems[0]!;
}

describe('flow test on every built-in flow', () => {
  const root = join(import.meta.dirname, '../../../flows');
  const builtIn = readdirSync(root).filter((name) => existsSync(join(root, name, 'flow.json')));

  it('finds the built-in flows', () => {
    expect(builtIn).toContain('si-payment-certificate');
  });

  it.each(builtIn)(
    '%s: every axis 100 %%, no problem',
    async (name) => {
      const result = await testFlow(loadFlowPackage(join(root, name)));
      expect(result.problems).toEqual([]);
      for (const [axis, c] of Object.entries(result.coverage)) {
        expect({ axis, missing: c.missing }).toEqual({ axis, missing: [] });
        expect(c.covered).toBe(c.total);
      }
      expect(result.ok).toBe(true);
    },
    budget(30_000),
  );
});

describe('flow test on the built-in certificate flow', () => {
  it(
    'covers every state, transition, outcome, timer and guard and finds no problem',
    async () => {
      const result = await testFlow(BUILT_IN);
      expect(result.problems).toEqual([]);
      for (const [axis, c] of Object.entries(result.coverage)) {
        expect({ axis, missing: c.missing }).toEqual({ axis, missing: [] });
        expect(c.total).toBeGreaterThan(0);
        expect(c.covered).toBe(c.total);
      }
      expect(result.coverage.outcomes.total).toBeGreaterThanOrEqual(50);
      expect(result.paths).toBeGreaterThan(40);
      expect(result.ok).toBe(true);
    },
    budget(30_000),
  );

  it(
    'walks the same paths for the same seed, and more paths for more walks',
    async () => {
      const [a, b] = [
        await testFlow(BUILT_IN, { walks: 20, seed: 9 }),
        await testFlow(BUILT_IN, { walks: 20, seed: 9 }),
      ];
      expect(a.paths).toBe(b.paths);
      expect(a.paths).toBeGreaterThan((await testFlow(BUILT_IN)).paths);
    },
    budget(60_000),
  );

  it(
    'stops at the state cap and says so',
    async () => {
      const result = await testFlow(BUILT_IN, { maxStates: 5 });
      expect(result.states).toBe(5);
      expect(result.problems.some((p) => p.kind === 'too-large')).toBe(true);
      expect(result.ok).toBe(false);
    },
    budget(30_000),
  );

  it('replays a printed path and shows each screen on the way', async () => {
    const steps = parsePath(
      'identity.card, idcard.read:ok:foreign-permanent, period.months{"months":24}, platform.call:ok:record, print, print.certificate:error:paperOut, next',
    );
    const replay = await replayPath(BUILT_IN, steps);
    expect(replay.refused).toBeUndefined();
    expect(replay.lines[2]).toContain('screen si-payment-certificate/choose-period');
    expect(replay.lines[5]).toContain('screen si-payment-certificate/printing');
    expect(replay.lines[6]).toContain('state failed.paperOut');
    expect(replay.lines[7]).toContain('final state');
    expect(replay.findings).toEqual([]);
  });

  it('refuses a replayed step the screen does not offer', async () => {
    const replay = await replayPath(BUILT_IN, parsePath('identity.code,print'));
    expect(replay.refused).toBe(
      'step 2 (print) does not fit: screen si-payment-certificate/show-code offers no action "print"',
    );
  });
});

describe('flow test on flows that pass flow check', () => {
  const root = tempRoot();

  it('refuses a flow that traps the session on a busy screen, with the path', async () => {
    const result = await testFlow(loadFlowPackage(trappingFlow(root)));
    const problem = onlyProblem(result, 'stuck');
    expect(problem).toMatchObject({ path: ['next'], state: 'waiting' });
    expect(result.coverage.guards.missing).toEqual([
      'waiting on retry #0 [context.has never] → done guard true',
    ]);
    expect(result.ok).toBe(false);
    // In the JSON contract an axis is only {covered, total}; the item is named as a problem.
    const json = resultJson(result) as { coverage: object; problems: object[] };
    expect(json.coverage).toHaveProperty('guards', {
      covered: result.coverage.guards.covered,
      total: result.coverage.guards.total,
    });
    expect(json.problems).toContainEqual({
      kind: 'uncovered',
      path: [],
      state: 'waiting on retry #0 [context.has never] → done guard true',
      message: 'guards: waiting on retry #0 [context.has never] → done guard true is never reached',
    });
  });

  it('refuses a flow that loops between two busy screens for ever', async () => {
    const problem = onlyProblem(await testFlow(loadFlowPackage(loopingFlow(root))), 'loop');
    expect(problem.message).toContain('waiting → pong');
    expect(problem.path).toEqual(['next']);
  });

  it('refuses a flow that keeps the last resident when it returns to its start', async () => {
    const pkg = loadFlowPackage(leakingFlow(root));
    const problem = onlyProblem(await testFlow(pkg), 'leak');
    expect(problem.path).toEqual(['identity.card', 'idcard.read:ok:resident', 'next']);
    expect(problem.message).toBe(
      "the flow, back at its first state, still holds the resident's holder, nameMasked, idNumberMasked after the path ended",
    );
    const replay = await replayPath(pkg, problem.path.map(parseStep));
    expect(replay.findings.map((f) => f.kind)).toEqual(['leak']);
  });

  it('refuses a flow whose English screen shows an empty string', async () => {
    const problem = onlyProblem(
      await testFlow(loadFlowPackage(missingStringFlow(root))),
      'missing-string',
    );
    expect(problem).toMatchObject({ path: ['next'], state: 'middle' });
    expect(problem.message).toContain('"middle.title", which en leaves empty');
  });
});

describe('the checks of one step', () => {
  it('find a raw sentinel value wherever it appears', () => {
    expect(rawLeaks(JSON.stringify({ note: `x${SENTINEL.idNumber}x` }), 'the log', 's')).toEqual([
      {
        kind: 'leak',
        state: 's',
        message: `the raw personal value "${SENTINEL.idNumber}" reached the log`,
      },
    ]);
    expect(rawLeaks('{"idNumberMasked":"110101********735X"}', 'the log', 's')).toEqual([]);
  });

  it('name each input reference that resolved to nothing', () => {
    const raw = { resident: '$context.resident', args: { months: 12, code: '$context.scan.code' } };
    expect(unresolvedInputs(raw, { args: { months: 12, code: 'c' } })).toEqual([
      'input.resident = "$context.resident"',
    ]);
  });
});

describe('path steps', () => {
  it('read back what they print', () => {
    const text = [
      'identity.card',
      'choose{"serviceId":"a"}',
      'idcard.read:ok:resident',
      'platform.call:error:notFound',
      'tick:20000',
      'idle',
      'locale:en',
    ];
    expect(parsePath(JSON.stringify(text)).map(formatStep)).toEqual(text);
  });

  it('say what is wrong with a bad step', () => {
    expect(() => parseStep('shell.exec:ok:x')).toThrow('"shell.exec" is no capability');
    expect(() => parseStep('idcard.read:error:onFire')).toThrow('"onFire" is no error flag');
    expect(() => parseStep('Print!')).toThrow('is not a step');
    expect(() => parsePath('{"a":1}')).toThrow('is not a step');
    expect(() => parsePath('[1]')).toThrow('non-empty string');
  });
});
