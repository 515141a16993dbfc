/**
 * `kiosk24 print` run as a child process, the way vendors' tools call it, and checked with
 * independent tools: zbarimg reads the receipt picture, pdftotext the certificate.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTemplates } from '../../printer-templates/catalog.ts';
import { writeDemoFlowPackage } from '../../printer-templates/testing/demo-flow.ts';
import { readInstalledTemplates } from '../core/runner/package-templates.ts';
import { requireTool } from '../../test/support/tools.ts';
import { runKiosk24, type Kiosk24Run } from './testing/run-kiosk24.ts';

const zbarimg = requireTool('zbarimg', 'zbar-tools');
const pdftotext = requireTool('pdftotext', 'poppler-utils');

let dir: string;
let config: string;

/** Runs `kiosk24 print ...` with the test config; never throws on a non-zero exit. */
function kiosk24(...args: string[]): Promise<Kiosk24Run> {
  return runKiosk24(['print', ...args, '--config', config]);
}

/** Writes sample data for `template` via the CLI, changed by `change`; returns the file. */
async function dataFile(template: string, change: Record<string, unknown> = {}): Promise<string> {
  const sample = await kiosk24('sample', template);
  expect(sample.code, sample.stderr).toBe(0);
  const path = join(dir, `${template.replace('/', '_')}-${Object.keys(change).join('-')}.json`);
  writeFileSync(path, JSON.stringify({ ...(JSON.parse(sample.stdout) as object), ...change }));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-print-cli-'));
  const flows = join(dir, 'flows');
  writeDemoFlowPackage(flows, { broken: true });
  config = join(dir, 'kiosk24.json');
  writeFileSync(config, JSON.stringify({ flows: { directories: [flows] } }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kiosk24 print receipt', () => {
  it('writes ESC/POS bytes that start with ESC @ and a PNG whose QR code is the data URL', async () => {
    const url = 'https://sandbox.kiosk24.invalid/verify?code=CLI-TEST-42';
    const data = await dataFile('si-certificate-receipt', { verifyUrl: url });
    const out = join(dir, 'receipt.bin');
    const png = join(dir, 'receipt.png');
    const run = await kiosk24(
      'receipt',
      '--template',
      'si-certificate-receipt',
      '--data',
      data,
      '--out',
      out,
      '--png',
      png,
    );
    expect(run.code, run.stderr).toBe(0);
    expect([...readFileSync(out).subarray(0, 2)]).toEqual([0x1b, 0x40]);
    const scan = execFileSync(zbarimg, ['--quiet', '--raw', png], { encoding: 'utf8' });
    expect(scan.trim()).toBe(url);
  });
});

describe('kiosk24 print certificate', () => {
  it('writes an A4 PDF whose text pdftotext reads back', async () => {
    const data = await dataFile('si-payment-certificate');
    const out = join(dir, 'certificate.pdf');
    const run = await kiosk24(
      'certificate',
      '--template',
      'si-payment-certificate',
      '--data',
      data,
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    const text = execFileSync(pdftotext, [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('社会保险参保缴费证明');
    expect(text).toContain('320106********123X');
  });
});

describe('kiosk24 print templates', () => {
  it('lists built-in templates and those of installed flows with kind and fields', async () => {
    const run = await kiosk24('templates', '--json');
    expect(run.code, run.stderr).toBe(0);
    const list = JSON.parse(run.stdout) as {
      name: string;
      kind: string;
      fields: { name: string }[];
    }[];
    const slip = list.find((t) => t.name === 'demo-flow/pickup-slip');
    expect(slip?.kind).toBe('receipt');
    expect(slip?.fields.map((f) => f.name)).toContain('pickupCode');
    expect(list.find((t) => t.name === 'queue-ticket')?.kind).toBe('receipt');
    expect(list.find((t) => t.name === 'demo-flow/residence-proof')?.kind).toBe('certificate');
  });

  it('reports a broken flow template by file and key on stderr and still lists the rest', async () => {
    const run = await kiosk24('templates');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(join('demo-flow', 'templates', 'broken.json'));
    expect(run.stderr).toContain('"blocks.1.type"');
    expect(run.stdout).toContain('demo-flow/residence-proof  [certificate]');
  });
});

describe('kiosk24 print sample then render', () => {
  const flows = mkdtempSync(join(tmpdir(), 'kiosk24-print-names-'));
  writeDemoFlowPackage(flows);
  const templates = listTemplates(readInstalledTemplates([flows]).templates);
  rmSync(flows, { recursive: true, force: true });

  it.each(templates.map((t) => [t.name, t.kind] as const))(
    'prints %s (%s) from its own sample',
    async (name, kind) => {
      const data = await dataFile(name);
      const out = join(dir, `${name.replace('/', '_')}.${kind === 'receipt' ? 'bin' : 'pdf'}`);
      const run = await kiosk24(kind, '--template', name, '--data', data, '--out', out);
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(out).length).toBeGreaterThan(100);
    },
  );
});

describe('kiosk24 print with bad data exits 1, names the field and writes nothing', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['a missing field', 'demo-flow/pickup-slip', { counter: null }, 'counter'],
    [
      'an over-long unwrapped line',
      'demo-flow/pickup-slip',
      { pickupCode: 'X'.repeat(40) },
      'pickupCode',
    ],
    ['a character outside GB18030', 'demo-flow/pickup-slip', { counter: '3号\uD800' }, 'counter'],
    [
      'an unmasked ID number',
      'si-certificate-receipt',
      { idNumber: '11010519491231002X' },
      'idNumber',
    ],
    [
      'an unmasked ID on a certificate',
      'si-payment-certificate',
      { idNumber: '11010519491231002X' },
      'idNumber',
    ],
  ];

  it.each(cases)('for %s', async (_what, template, change, field) => {
    const kind = template.startsWith('si-payment') ? 'certificate' : 'receipt';
    const data = await dataFile(template, change);
    const outDir = mkdtempSync(join(dir, 'bad-'));
    const out = join(outDir, 'out.bin');
    const run = await kiosk24(
      kind,
      '--template',
      template,
      '--data',
      data,
      '--out',
      out,
      ...(kind === 'receipt' ? ['--png', join(outDir, 'out.png')] : []),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`field "${field}"`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('for an unknown template, naming the known ones', async () => {
    const data = await dataFile('queue-ticket');
    const run = await kiosk24(
      'receipt',
      '--template',
      'no-such',
      '--data',
      data,
      '--out',
      join(dir, 'x.bin'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('queue-ticket');
    expect(existsSync(join(dir, 'x.bin'))).toBe(false);
  });

  it('and a wrong command line exits 2 with the usage', async () => {
    const run = await kiosk24('receipt', '--template', 'queue-ticket');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--data is required');
  });
});
