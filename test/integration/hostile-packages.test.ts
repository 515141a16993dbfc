/**
 * The hostile-vendor suite: packages a careless or malicious vendor might ship, each checked
 * with `kiosk24 flow check --json` exactly as a vendor runs it. Every one must be refused with
 * exit code 1, the problem's file, JSON pointer, message and fix, no stack trace and nothing
 * read from outside the package; the built-in flow passes; a refused package at start-up is
 * left out while the kiosk serves the rest.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationStream } from 'pino';
import type { Kiosk24Run } from '../../kiosk/cli/testing/run-kiosk24.ts';
import { REQUIREMENTS } from '../../kiosk/core/capabilities/catalogue.ts';
import { createLogger } from '../../kiosk/core/log.ts';
import { loadInstalledFlows } from '../../kiosk/core/runner/load-flows.ts';
import { hostile, type HostileCase } from '../support/hostile-cases.ts';
import { checkAll, problem, refusal, verdict } from '../support/hostile-check.ts';
import {
  BUILT_IN_FLOW,
  BUILT_IN_ID,
  copyBuiltIn,
  COPY_ID,
  removeTempRoots,
  tempRoot,
} from '../support/hostile-flows.ts';

/** How many `kiosk24` processes run at once: enough to keep the file fast on two cores. */
const PARALLEL = 3;

/** A package to check: a hostile case, the built-in flow or its unaltered copy. */
type Target = HostileCase | 'builtIn' | 'copy';

const dirs = new Map<Target, string>();
let runs = new Map<Target, Promise<Kiosk24Run>>();

beforeAll(() => {
  dirs.set('builtIn', BUILT_IN_FLOW);
  dirs.set('copy', copyBuiltIn());
  for (const [name, build] of Object.entries(hostile)) dirs.set(name as HostileCase, build());
  runs = checkAll(dirs, PARALLEL);
});

afterAll(async () => {
  await Promise.allSettled(runs.values());
  removeTempRoots();
});

/** The verdict on `target`, after the checks common to every run. */
const check = (target: Target) => verdict(runs.get(target)!);

/** The problems `target` is refused with, after checking it is refused. */
const refused = (target: Target) => refusal(runs.get(target)!);

describe('kiosk24 flow check --json on the packages vendors ship', () => {
  it('passes the built-in flow with exactly the contract keys', async () => {
    const { run, report } = await check('builtIn');
    expect(Object.keys(report).sort()).toEqual(['id', 'ok', 'problems', 'version', 'warnings']);
    expect(report).toEqual({
      ok: true,
      id: BUILT_IN_ID,
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/) as string,
      problems: [],
      warnings: [],
    });
    expect(run.code).toBe(0);
  });

  it('passes the unaltered copy every hostile case starts from', async () => {
    const { run, report } = await check('copy');
    expect(report).toMatchObject({ ok: true, id: COPY_ID, problems: [], warnings: [] });
    expect(run.code).toBe(0);
  });

  it('warns about a required device no state uses, without refusing the package', async () => {
    const { run, report } = await check('unusedScanner');
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([
      problem('flow.json', '/requires/0', '"scanner" is declared but no state', 'uses it'),
    ]);
    expect(run.code).toBe(0);
  });

  it('reports two independent problems at once, each with the contract keys', async () => {
    const problems = await refused('twoProblems');
    expect(problems).toContainEqual(
      problem(
        'machine.json',
        '/states/completed/output/outcome',
        'final state "completed" declares no outcome',
      ),
    );
    expect(problems).toContainEqual(
      problem('machine.json', '/states/receipt/invoke/input/template', '"no-such-slip"'),
    );
    for (const p of problems)
      expect(Object.keys(p).sort()).toEqual(['file', 'fix', 'message', 'pointer']);
  });
});

describe('kiosk24 flow check refuses a hostile package', () => {
  it('copying the ID number the resident view does not have (idcard.read → {{idcopy}})', async () => {
    expect(await refused('idCopy')).toContainEqual(
      problem(
        'machine.json',
        '/states/insertCard/invoke/onDone/actions/1/params/value',
        '$event.output.idNumber',
        'idcard.read has no "idNumber"',
      ),
    );
  });

  it('printing its own receipt with name, address and birth date of the resident', async () => {
    const problems = await refused('residentReceipt');
    const data = '/states/receipt/invoke/input/data';
    expect(problems).toContainEqual(
      problem('machine.json', `${data}/holder`, '$context.resident.name', 'no field "name"'),
    );
    expect(problems).toContainEqual(
      problem('machine.json', `${data}/addr`, '$context.resident.address', 'no field "address"'),
    );
    expect(problems).toContainEqual(
      problem(
        'machine.json',
        `${data}/birth`,
        '$context.resident.birthDate',
        'no field "birthDate"',
      ),
    );
  });

  it('reusing the built-in flow id in another folder, naming both folders', async () => {
    expect(await refused('builtInId')).toContainEqual(
      problem(
        'flow.json',
        '/id',
        `flow id "${BUILT_IN_ID}" is already used`,
        resolve(BUILT_IN_FLOW),
        dirs.get('builtInId')!,
      ),
    );
  });

  it('an "always" loop between two states', async () => {
    expect(await refused('alwaysLoop')).toContainEqual(
      problem('machine.json', '/states/pong/always', '"always"', '"ping" → "pong" → "ping"'),
    );
  });

  it('an "after" 0 ms loop between two states', async () => {
    const problems = await refused('afterZeroLoop');
    expect(problems).toContainEqual(
      problem('machine.json', '/states/ping/after/0', 'delay of 0 ms is shorter than 1000 ms'),
    );
    expect(problems).toContainEqual(
      problem('machine.json', '/states/pong/after/0', 'delay of 0 ms is shorter than 1000 ms'),
    );
  });

  it('a busy screen whose state has no invoke, no after and no way out', async () => {
    expect(await refused('busyDeadEnd')).toContainEqual(
      problem('machine.json', '/states/stuck', 'busy screen "printing"', 'nothing leads out'),
    );
  });

  it('10,000 states nested inside each other, without a stack trace', async () => {
    expect(await refused('deepStates')).toContainEqual(
      problem('machine.json', '', 'not valid JSON at line 1', 'nested deeper than 64 levels'),
    );
  });

  it('a machine beside the package folder', async () => {
    expect(await refused('machineOutside')).toContainEqual(
      problem('flow.json', '/machine', 'climbs out of the package', '"../outside.json"'),
    );
  });

  it('/etc/passwd as the machine, without showing it', async () => {
    expect(await refused('machinePasswd')).toContainEqual(
      problem('flow.json', '/machine', 'absolute path', '"/etc/passwd"'),
    );
  });

  it('English strings two folders up', async () => {
    expect(await refused('stringsOutside')).toContainEqual(
      problem('flow.json', '/strings/en', 'climbs out of the package', '"../../x.json"'),
    );
  });

  it('an i18n/ folder linked to a folder outside the package', async () => {
    const problems = await refused('linkedI18n');
    for (const file of ['i18n/zh-CN.json', 'i18n/en.json']) {
      expect(problems).toContainEqual(problem(file, '', 'symbolic link', 'outside the package'));
    }
  });

  it('a template linked to /etc/passwd, without showing it', async () => {
    expect(await refused('linkedTemplate')).toContainEqual(
      problem('templates/x.json', '', 'symbolic link', 'outside the package'),
    );
  });

  it('a 300 MB strings file, without reading it', async () => {
    expect(await refused('hugeStrings')).toContainEqual(
      problem('i18n/en.json', '', `${300 * 1024 * 1024} bytes`, 'more than the 1048576 bytes'),
    );
  });

  it('$context.constructor.name and a context key "constructor"', async () => {
    const problems = await refused('constructorKey');
    const params = '/states/preview/entry/params';
    expect(problems).toContainEqual(
      problem('machine.json', `${params}/key`, 'context.set', 'key "constructor"'),
    );
    expect(problems).toContainEqual(
      problem('machine.json', `${params}/value`, '"$context.constructor.name"', '"constructor"'),
    );
  });

  it('a final state without an outcome', async () => {
    expect(await refused('finalWithoutOutcome')).toContainEqual(
      problem(
        'machine.json',
        '/states/completed/output/outcome',
        'final state "completed" declares no outcome',
      ),
    );
  });

  it('a machine without a final state', async () => {
    expect(await refused('noFinalState')).toContainEqual(
      problem('machine.json', '', 'no final state', 'can never end'),
    );
  });

  it('a print.receipt naming a template that exists nowhere', async () => {
    expect(await refused('unknownTemplate')).toContainEqual(
      problem(
        'machine.json',
        '/states/receipt/invoke/input/template',
        'no template is named "no-such-slip"',
      ),
    );
  });

  it("xstate's own events as `on` event names", async () => {
    const problems = await refused('internalEvents');
    for (const event of [`xstate.done.actor.0.${BUILT_IN_ID}.insertCard`, 'xstate.init']) {
      expect(problems).toContainEqual(
        problem('machine.json', `/states/preview/on/${event}`, 'xstate-internal', `"${event}"`),
      );
    }
  });

  it('a final output carrying $context.resident.idNumberMasked', async () => {
    expect(await refused('finalOutputRef')).toContainEqual(
      problem(
        'machine.json',
        '/states/completed/output/id',
        'final state "completed"',
        'resident data',
      ),
    );
  });
});

describe('loadInstalledFlows at start-up', () => {
  it('refuses both packages claiming one id, names both folders and serves the rest', () => {
    const root = tempRoot();
    const builtIn = copyBuiltIn(root, 'a-built-in', BUILT_IN_ID);
    const vendor = copyBuiltIn(root, 'b-vendor', BUILT_IN_ID);
    copyBuiltIn(root, 'c-other', COPY_ID);
    const lines: string[] = [];
    const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
    const log = createLogger({ destination, level: 'info' });

    const flows = loadInstalledFlows([root], new Set(REQUIREMENTS), log);

    expect(flows.map((f) => f.manifest.id)).toEqual([COPY_ID]);
    const messages = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    const clash = messages.filter((m) => m.msg.includes(`"${BUILT_IN_ID}"`));
    expect(clash).toHaveLength(1);
    expect(clash[0]!.level).toBe(50);
    expect(clash[0]!.msg).toContain(builtIn);
    expect(clash[0]!.msg).toContain(vendor);
    expect(clash[0]!.msg).toContain('refused');
  });
});
