/**
 * `kiosk24 flow check` on hostile packages, run as a vendor runs it: the refusal is a list of
 * problems with their fixes on stdout, exit code 1, and never a stack trace or the contents
 * of a file outside the package.
 */
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUILT_IN_FLOW,
  hostilePackage,
  removeHostilePackages,
} from '../core/runner/testing/hostile-package.ts';
import { runKiosk24 } from './testing/run-kiosk24.ts';

afterAll(removeHostilePackages);

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;

describe('kiosk24 flow check', () => {
  it('refuses a machine.json linked to /etc/passwd without showing it', async () => {
    const { dir } = hostilePackage(({ dir }) => {
      unlinkSync(join(dir, 'machine.json'));
      symlinkSync('/etc/passwd', join(dir, 'machine.json'));
    });
    const run = await runKiosk24(['flow', 'check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('machine.json: is, or passes through, a symbolic link');
    expect(run.stdout + run.stderr).not.toContain('root:');
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a 1,000,000-deep nested array by position', async () => {
    const { dir } = hostilePackage(({ dir }) =>
      writeFileSync(join(dir, 'machine.json'), '['.repeat(1_000_000)),
    );
    const run = await runKiosk24(['flow', 'check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('machine.json: not valid JSON at line 1, column 65');
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  });

  it('still passes the built-in package', async () => {
    const run = await runKiosk24(['flow', 'check', BUILT_IN_FLOW]);
    expect(run.stdout).toContain('ok: si-payment-certificate');
    expect(run.code).toBe(0);
  });
});
