/**
 * Certificates checked by independent tools: poppler reads the text back, zbar decodes the
 * printed QR code, and rendering with an empty fontconfig proves the PDF needs no system font.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCertificate } from '../../printer-templates/certificate/render.ts';
import { siPaymentSample } from '../../printer-templates/certificate/samples.ts';
import { templateSample } from '../../printer-templates/certificate/templates.ts';
import { requireTool } from '../support/tools.ts';

const pdftotext = requireTool('pdftotext', 'poppler-utils');
const pdftoppm = requireTool('pdftoppm', 'poppler-utils');
const pdffonts = requireTool('pdffonts', 'poppler-utils');
const zbarimg = requireTool('zbarimg', 'zbar-tools');

let dir: string;
const sample = templateSample('si-payment-certificate');
let singlePage: string;
let multiPage: string;

/** Renders one page of `pdf` at `dpi` and returns the PNG path; `env` reaches poppler. */
function renderPage(
  pdf: string,
  dpi: number,
  name: string,
  { page = 1, env = process.env }: { page?: number; env?: NodeJS.ProcessEnv } = {},
): string {
  const prefix = join(dir, name);
  const at = String(page);
  execFileSync(
    pdftoppm,
    ['-r', String(dpi), '-png', '-f', at, '-l', at, '-singlefile', pdf, prefix],
    { env },
  );
  return `${prefix}.png`;
}

/** The text of each non-empty page, as pdftotext reads it (pages end in a form feed). */
function pageTexts(pdf: string): string[] {
  return execFileSync(pdftotext, [pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((page) => page.trim().length > 0);
}

/** What zbarimg decodes from a PNG. */
function decode(png: string): string {
  return execFileSync(zbarimg, ['--quiet', '--raw', png], { encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-certificate-'));
  singlePage = join(dir, 'si.pdf');
  multiPage = join(dir, 'si-60.pdf');
  writeFileSync(singlePage, await renderCertificate('si-payment-certificate', sample));
  writeFileSync(multiPage, await renderCertificate('si-payment-certificate', siPaymentSample(60)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a social-insurance certificate read back with pdftotext', () => {
  it('contains the title, the resident name and the masked ID number', () => {
    const text = execFileSync(pdftotext, ['-layout', singlePage, '-'], { encoding: 'utf8' });
    expect(text).toContain('社会保险参保缴费证明');
    expect(text).toContain(String(sample.name));
    expect(text).toContain('320106********123X');
  });

  it('numbers each page of a multi-page certificate as 第 n 页 / 共 m 页', () => {
    const pages = pageTexts(multiPage);
    expect(pages.length).toBeGreaterThan(1);
    // pdftotext drops the thin spaces around the numbers, so compare without whitespace.
    pages.forEach((page, i) =>
      expect(page.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pages.length}页`),
    );
  });
});

describe('the verification QR code printed on the certificate', () => {
  it('decodes with zbarimg from a 150 dpi render to the verification URL', () => {
    expect(decode(renderPage(singlePage, 150, 'qr'))).toBe(sample.verificationUrl);
  });

  it('decodes on the last page of a multi-page certificate too', () => {
    const last = pageTexts(multiPage).length;
    expect(decode(renderPage(multiPage, 150, 'last', { page: last }))).toBe(sample.verificationUrl);
  });
});

describe('a certificate rendered with no system fonts at all', () => {
  it('looks pixel for pixel the same as with the system fonts', () => {
    const emptyConfigDir = join(dir, 'fontconfig');
    mkdirSync(emptyConfigDir, { recursive: true });
    const emptyConfig = join(emptyConfigDir, 'fonts.conf');
    writeFileSync(emptyConfig, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    const normal = PNG.sync.read(readFileSync(renderPage(singlePage, 72, 'normal')));
    const bare = PNG.sync.read(
      readFileSync(
        renderPage(singlePage, 72, 'bare', {
          env: { ...process.env, FONTCONFIG_FILE: emptyConfig, FONTCONFIG_PATH: emptyConfigDir },
        }),
      ),
    );
    expect([bare.width, bare.height]).toEqual([normal.width, normal.height]);
    expect(Buffer.compare(bare.data, normal.data)).toBe(0);
    // The page is not blank: the comparison above would also pass for two empty renders.
    expect(normal.data.some((byte, i) => i % 4 !== 3 && byte < 128)).toBe(true);
  });

  it('embeds its only font as a subset, as pdffonts reports', () => {
    const lines = execFileSync(pdffonts, [singlePage], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\b/,
    );
  });
});
