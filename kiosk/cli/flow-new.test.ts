/**
 * `kiosk24 flow new` as a vendor runs it, through the compiled command: the package it makes
 * passes `flow check` and `flow test` with every axis covered, and bad ids and folders that are
 * in use are refused with one clear line.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRoots, tempRoot } from '../../test/support/hostile-flows.ts';
import { budget } from '../../test/support/time.ts';
import { runKiosk24 } from './testing/run-kiosk24.ts';

afterAll(removeTempRoots);

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;

const SCHEMA_DIR = resolve(import.meta.dirname, '../../flows/schema');

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('kiosk24 flow new', () => {
  it(
    'makes a package under the new id that flow check accepts and flow test covers completely',
    async () => {
      const root = tempRoot();
      const made = await runKiosk24(['flow', 'new', 'hpf-deposit-lookup'], undefined, {
        cwd: root,
      });
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      expect(made.stdout).toContain(
        'created flow package hpf-deposit-lookup in hpf-deposit-lookup',
      );
      expect(made.stdout).toContain('  kiosk24 flow test hpf-deposit-lookup');
      const dir = join(root, 'hpf-deposit-lookup');
      expect(readdirSync(root)).toEqual(['hpf-deposit-lookup']);

      const manifest = readJson(join(dir, 'flow.json'));
      const machine = readJson(join(dir, 'machine.json'));
      expect(manifest.id).toBe('hpf-deposit-lookup');
      expect(machine.id).toBe('hpf-deposit-lookup');
      const machineText = readFileSync(join(dir, 'machine.json'), 'utf8');
      expect(machineText).toContain('"#hpf-deposit-lookup.readCard"');
      expect(machineText).not.toContain('flow-template');
      for (const [file, schema] of [
        ['flow.json', 'flow'],
        ['machine.json', 'machine'],
        ['screens.json', 'screens'],
      ] as const) {
        const ref = readJson(join(dir, file)).$schema;
        expect(resolve(dir, String(ref)), file).toBe(join(SCHEMA_DIR, `${schema}.schema.json`));
      }

      const check = await runKiosk24(['flow', 'check', dir, '--json']);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({
        ok: true,
        id: 'hpf-deposit-lookup',
        problems: [],
        warnings: [],
      });

      const test = await runKiosk24(['flow', 'test', dir, '--json']);
      expect(test.code).toBe(0);
      const json = JSON.parse(test.stdout) as {
        ok: boolean;
        coverage: Record<string, { covered: number; total: number }>;
        paths: number;
        problems: unknown[];
      };
      expect(json.ok).toBe(true);
      expect(json.problems).toEqual([]);
      expect(Object.keys(json.coverage)).toEqual([
        'states',
        'transitions',
        'outcomes',
        'timers',
        'guards',
      ]);
      for (const [axis, { covered, total }] of Object.entries(json.coverage)) {
        expect(total, `${axis} has items`).toBeGreaterThan(0);
        expect(covered, axis).toBe(total);
      }
      expect(json.paths).toBeGreaterThan(1);
    },
    budget(30_000),
  );

  it(
    'writes into --out DIR when it is an empty folder, creating the folders above it',
    async () => {
      const root = tempRoot();
      mkdirSync(join(root, 'empty'));
      const intoEmpty = await runKiosk24(
        ['flow', 'new', 'queue-helper', '--out', 'empty'],
        undefined,
        {
          cwd: root,
        },
      );
      expect(intoEmpty.code).toBe(0);
      expect(readJson(join(root, 'empty', 'flow.json')).id).toBe('queue-helper');

      const deep = join(root, 'vendor', 'flows', 'my-service');
      const nested = await runKiosk24(['flow', 'new', 'my-service', '--out', deep]);
      expect(nested.code).toBe(0);
      expect(readdirSync(deep).sort()).toEqual([
        'flow.json',
        'i18n',
        'machine.json',
        'screens.json',
      ]);
      // Only the package: the staging folder it was written in is gone.
      expect(readdirSync(dirname(deep))).toEqual(['my-service']);
    },
    budget(30_000),
  );

  it.each([
    ['Bad_ID', 'is not a flow id: use lower-case letters, digits and dashes, 3-64 long'],
    ['ab', 'is not a flow id'],
    ['9lives', 'is not a flow id'],
    ['a'.repeat(65), 'is not a flow id'],
    ['../escape', 'is not a flow id'],
    ['si-payment-certificate', 'is the id of a built-in flow'],
  ])(
    'refuses the id %s as a usage error, writing nothing',
    async (id, message) => {
      const root = tempRoot();
      const run = await runKiosk24(['flow', 'new', id], undefined, { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stdout).toContain(message);
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
      expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
      expect(readdirSync(root)).toEqual([]);
    },
    budget(30_000),
  );

  it(
    'refuses a folder that holds anything, or a file, and leaves it as it was',
    async () => {
      const root = tempRoot();
      mkdirSync(join(root, 'taken'));
      writeFileSync(join(root, 'taken', 'notes.txt'), 'mine');
      writeFileSync(join(root, 'plain-file'), 'mine');
      for (const out of ['taken', 'plain-file']) {
        const run = await runKiosk24(['flow', 'new', 'my-service', '--out', out], undefined, {
          cwd: root,
        });
        expect(run.code).toBe(2);
        expect(run.stdout).toBe(
          `kiosk24 flow new: ${out} already exists and is not an empty folder; choose another with --out DIR\n`,
        );
      }
      expect(readdirSync(join(root, 'taken'))).toEqual(['notes.txt']);
      expect(readFileSync(join(root, 'plain-file'), 'utf8')).toBe('mine');
      expect(readdirSync(root).sort()).toEqual(['plain-file', 'taken']);
    },
    budget(30_000),
  );

  it(
    'reports a folder it cannot write in one line, exit code 1, no stack trace',
    async () => {
      const root = tempRoot();
      writeFileSync(join(root, 'plain-file'), 'mine');
      const run = await runKiosk24(
        ['flow', 'new', 'my-service', '--out', 'plain-file/inside'],
        undefined,
        {
          cwd: root,
        },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^kiosk24 flow new: could not write plain-file\/inside \(.+\)\n$/);
      expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    },
    budget(30_000),
  );

  it(
    'refuses a missing id or an unknown option with the usage, exit code 2',
    async () => {
      const missing = await runKiosk24(['flow', 'new']);
      expect(missing.code).toBe(2);
      expect(missing.stdout).toContain('give exactly one flow id');
      expect(missing.stdout).toContain('usage: kiosk24 flow new ID [--out DIR]');
      const unknown = await runKiosk24(['flow', 'new', 'my-service', '--force']);
      expect(unknown.code).toBe(2);
      expect(unknown.stdout).toContain("Unknown option '--force'");
      const help = await runKiosk24(['flow', 'new', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--out DIR');
    },
    budget(30_000),
  );
});
