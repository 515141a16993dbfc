import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../drivers/receipt-printer/profile.ts';
import {
  findTemplate,
  listTemplates,
  sampleData,
  TemplateCatalog,
  TemplateNotFoundError,
} from './catalog.ts';
import {
  renderCatalogCertificate,
  renderCatalogReceipt,
  TemplateDataError,
} from './catalog-render.ts';
import { demoPackageTemplates } from './testing/demo-flow.ts';

const profile = loadProfile('generic-80mm-203dpi');
let root: string;
let catalog: TemplateCatalog;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk24-catalog-'));
  catalog = TemplateCatalog.load(demoPackageTemplates(root, { broken: true }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The error a call throws, so its fields can be checked. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('the template catalogue', () => {
  it('lists the built-in receipt and certificate templates with their kind', () => {
    const kinds = Object.fromEntries(listTemplates().map((t) => [t.name, t.kind]));
    expect(kinds).toMatchObject({
      'queue-ticket': 'receipt',
      'si-certificate-receipt': 'receipt',
      'si-payment-certificate': 'certificate',
      'hpf-deposit-certificate': 'certificate',
    });
  });

  it('gives each field its type and whether it is required', () => {
    const si = catalog.list().find((t) => t.name === 'si-payment-certificate');
    expect(si?.fields).toContainEqual({ name: 'employer', type: 'text', required: false });
    expect(si?.fields).toContainEqual({ name: 'payments[].base', type: 'money', required: true });
    const receipt = catalog.list().find((t) => t.name === 'si-certificate-receipt');
    expect(receipt?.fields).toContainEqual({ name: 'idNumber', type: 'maskedId', required: true });
    expect(receipt?.fields).toContainEqual({ name: 'verifyUrl', type: 'qr', required: true });
  });

  it('adds the templates a flow package ships, named <flowId>/<name>, kind by key or by shape', () => {
    const byName = new Map(catalog.list().map((t) => [t.name, t]));
    expect(byName.get('demo-flow/pickup-slip')?.kind).toBe('receipt');
    expect(byName.get('demo-flow/residence-proof')?.kind).toBe('certificate');
    expect(byName.get('demo-flow/pickup-slip')?.source).toBe(
      join(root, 'demo-flow', 'templates', 'pickup-slip.json'),
    );
    expect(byName.get('demo-flow/pickup-slip')?.fields).toContainEqual({
      name: 'parcelCode',
      type: 'barcode:ean13',
      required: true,
    });
  });

  it('reports a broken flow template with its file and key and keeps the others', () => {
    expect(catalog.problems).toHaveLength(1);
    expect(catalog.problems[0]?.file).toBe(join(root, 'demo-flow', 'templates', 'broken.json'));
    expect(catalog.problems[0]?.key).toBe('blocks.1.type');
    expect(catalog.list().some((t) => t.name === 'demo-flow/broken')).toBe(false);
  });

  it('refuses a second template of the same name, as when two installed flows share an id', () => {
    const twice = [...demoPackageTemplates(root), ...demoPackageTemplates(join(root, 'copy'))];
    const problems = TemplateCatalog.load(twice).problems;
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"demo-flow/pickup-slip" is already taken'),
      expect.stringContaining('"demo-flow/residence-proof" is already taken'),
    ]);
    expect(listTemplates(twice).filter((t) => t.name.startsWith('demo-flow/'))).toHaveLength(2);
  });

  it('refuses an unknown name and lists the known ones', () => {
    const error = thrown(() => findTemplate('no-such-template'));
    expect(error).toBeInstanceOf(TemplateNotFoundError);
    expect((error as Error).message).toContain('queue-ticket');
  });
});

describe('sample data', () => {
  it('comes masked for receipts: name 李*华 and ID 320106********123X', () => {
    const sample = sampleData('si-certificate-receipt');
    expect(sample.name).toBe('李*华');
    expect(sample.idNumber).toBe('320106********123X');
  });

  it('renders for every template in the catalogue, built-in and from flows', async () => {
    for (const summary of catalog.list()) {
      const entry = catalog.find(summary.name);
      const data = catalog.sample(summary.name);
      if (entry.kind === 'receipt') {
        const bytes = renderCatalogReceipt(entry, data, profile);
        expect([...bytes.subarray(0, 2)], summary.name).toEqual([0x1b, 0x40]);
      } else {
        const pdf = await renderCatalogCertificate(entry, data);
        expect(Buffer.from(pdf.subarray(0, 5)).toString(), summary.name).toBe('%PDF-');
      }
    }
  });
});

describe('rendering refuses bad data and names the template field', () => {
  const slip = (): ReturnType<TemplateCatalog['find']> => catalog.find('demo-flow/pickup-slip');
  const render = (change: Record<string, unknown>): TemplateDataError => {
    const entry = slip();
    if (entry.kind !== 'receipt') throw new Error('pickup-slip is a receipt');
    const data = { ...catalog.sample(entry.name), ...change };
    return thrown(() => renderCatalogReceipt(entry, data, profile)) as TemplateDataError;
  };

  it('when a field is missing', () => {
    const error = render({ counter: undefined });
    expect([error.field, error.reason]).toEqual(['counter', 'missing']);
  });

  it('when an unwrapped line is wider than the paper', () => {
    const error = render({ pickupCode: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
    expect([error.field, error.reason]).toEqual(['pickupCode', 'tooLong']);
  });

  it('when a character has no GB18030 code (a lone surrogate from a broken JSON escape)', () => {
    const error = render({ counter: '3号窗口 \uD800' });
    expect(error).toBeInstanceOf(TemplateDataError);
    expect([error.field, error.reason]).toEqual(['counter', 'unprintable']);
  });

  it('when an ID number arrives unmasked, in any field', () => {
    expect(render({ idNumber: '11010519491231002X' }).field).toBe('idNumber');
    expect(render({ counter: '11010519491231002X' }).reason).toBe('unmaskedIdNumber');
  });

  it('when barcode data break the symbology', () => {
    const error = render({ parcelCode: 'not-digits' });
    expect([error.field, error.reason]).toEqual(['parcelCode', 'invalidCode']);
  });

  it('for certificates too, with the table cell path', async () => {
    const entry = catalog.find('demo-flow/residence-proof');
    if (entry.kind !== 'certificate') throw new Error('residence-proof is a certificate');
    const data = { ...catalog.sample(entry.name), moves: [{ month: '2025-13', place: '南京' }] };
    const error = (await renderCatalogCertificate(entry, data).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TemplateDataError);
    expect((error as TemplateDataError).field).toBe('moves[0].month');
  });
});
