/**
 * The compiled kiosk24 (dist/cli) run from a folder that is not the repository: every data
 * file it reads (templates, printer profiles, the font, flows) must come through the asset
 * module, never from the working directory or from paths relative to the bundle's own file.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTemplates } from '../../printer-templates/catalog.ts';
import { runKiosk24, type Kiosk24Run } from './testing/run-kiosk24.ts';

const BUILT_IN_FLOW = fileURLToPath(new URL('../../flows/si-payment-certificate', import.meta.url));

let elsewhere: string;

/** Runs the compiled kiosk24 with a temporary folder as its working directory. */
function kiosk24(...args: string[]): Promise<Kiosk24Run> {
  return runKiosk24(args, undefined, { cwd: elsewhere });
}

beforeAll(() => {
  elsewhere = mkdtempSync(join(tmpdir(), 'kiosk24-cwd-'));
});

describe('the compiled kiosk24 run from another working directory', () => {
  it('prints its usage', async () => {
    const run = await kiosk24('--help');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('usage: kiosk24 <command>');
  });

  it('checks a built-in flow package, its templates and the certificate font included', async () => {
    const run = await kiosk24('flow', 'check', BUILT_IN_FLOW);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: si-payment-certificate /);
  });

  it('lists the same built-in templates as the sources do', async () => {
    const run = await kiosk24('print', 'templates', '--json');
    expect(run.code, run.stderr).toBe(0);
    const listed = (JSON.parse(run.stdout) as { name: string }[]).map((t) => t.name);
    expect(listed).toEqual(listTemplates().map((t) => t.name));
    expect(listed).toContain('queue-ticket');
    expect(listed).toContain('si-payment-certificate');
  });

  it('renders a receipt with a bundled printer profile and the shipped font', async () => {
    const sample = await kiosk24('print', 'sample', 'queue-ticket');
    expect(sample.code, sample.stderr).toBe(0);
    const data = join(elsewhere, 'ticket.json');
    writeFileSync(data, sample.stdout);
    const out = join(elsewhere, 'ticket.bin');
    const png = join(elsewhere, 'ticket.png');
    const run = await kiosk24(
      'print',
      'receipt',
      '--template',
      'queue-ticket',
      '--data',
      data,
      '--out',
      out,
      '--profile',
      'generic-58mm-203dpi',
      '--png',
      png,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(out).length).toBeGreaterThan(0);
    expect(existsSync(png)).toBe(true);
  });
});
