import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CertificateDataError, CertificateTemplateError } from './errors.ts';
import { qrModules, renderCertificate } from './render.ts';
import { siPaymentSample } from './samples.ts';
import { BUILT_IN_TEMPLATES, templateSample } from './templates.ts';

describe('renderCertificate', () => {
  it('renders each built-in template with its sample data into a one-page A4 PDF', async () => {
    expect(BUILT_IN_TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const name of BUILT_IN_TEMPLATES) {
      const doc = await PDFDocument.load(await renderCertificate(name, templateSample(name)));
      expect(doc.getPageCount()).toBe(1);
      const { width, height } = doc.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    }
  });

  it('gives identical bytes for identical input, so reprints can be compared', async () => {
    const first = await renderCertificate(
      'si-payment-certificate',
      templateSample('si-payment-certificate'),
    );
    const second = await renderCertificate(
      'si-payment-certificate',
      templateSample('si-payment-certificate'),
    );
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
  });

  it('spreads five years of payments over several pages', async () => {
    const doc = await PDFDocument.load(
      await renderCertificate('si-payment-certificate', siPaymentSample(60)),
    );
    expect(doc.getPageCount()).toBeGreaterThan(1);
  });

  it('accepts a template given as JSON instead of a name', async () => {
    const { builtInTemplate } = await import('./templates.ts');
    const json = {
      ...structuredClone(builtInTemplate('hpf-deposit-certificate')),
      title: '住房公积金缴存情况',
    };
    const doc = await PDFDocument.load(
      await renderCertificate(json, templateSample('hpf-deposit-certificate')),
    );
    expect(doc.getTitle()).toBe('住房公积金缴存情况');
  });

  it('draws a supplied seal image instead of the placeholder seal', async () => {
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(0xff);
    const withImage = await renderCertificate(
      'si-payment-certificate',
      templateSample('si-payment-certificate'),
      {
        sealImage: PNG.sync.write(png),
      },
    );
    const doc = await PDFDocument.load(withImage);
    const xObjects = doc.getPage(0).node.Resources()?.toString() ?? '';
    expect(xObjects).toContain('/XObject');
  });

  it('rejects an unknown template name with the list of known ones', async () => {
    await expect(renderCertificate('birth-certificate', {})).rejects.toThrow(
      CertificateTemplateError,
    );
    await expect(renderCertificate('birth-certificate', {})).rejects.toThrow(
      /si-payment-certificate/,
    );
  });

  it('rejects bad data with the field named and produces no document', async () => {
    const data = { ...templateSample('si-payment-certificate'), verificationUrl: 'not a url' };
    const error: unknown = await renderCertificate('si-payment-certificate', data).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CertificateDataError);
    expect((error as CertificateDataError).field).toBe('verificationUrl');
  });
});

describe('qrModules', () => {
  it('returns a square symbol with the three finder patterns in its corners', () => {
    const modules = qrModules('https://sandbox.kiosk24.invalid/verify?code=X');
    const size = modules.length;
    expect(modules.every((row) => row.length === size)).toBe(true);
    for (const [r, c] of [
      [0, 0],
      [0, size - 7],
      [size - 7, 0],
    ] as const) {
      expect(modules[r]?.slice(c, c + 7).every(Boolean)).toBe(true);
    }
  });
});
