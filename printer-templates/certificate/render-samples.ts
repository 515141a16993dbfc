/**
 * Renders every built-in certificate with its sample data and turns each page into a PNG, for
 * a person to look at after changing a template or the layout.
 *
 *   npx tsx printer-templates/certificate/render-samples.ts <output-folder> [dpi]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCertificate } from './render.ts';
import { siPaymentSample } from './samples.ts';
import { BUILT_IN_TEMPLATES, templateSample } from './templates.ts';

const folder = process.argv[2];
if (folder === undefined) {
  throw new Error(
    'name an output folder: npx tsx printer-templates/certificate/render-samples.ts <folder> [dpi]',
  );
}
const dpi = process.argv[3] ?? '100';
mkdirSync(folder, { recursive: true });

const jobs: [string, string, Record<string, unknown>][] = [
  ...BUILT_IN_TEMPLATES.map((name): [string, string, Record<string, unknown>] => [
    name,
    name,
    templateSample(name),
  ]),
  ['si-payment-certificate-60-months', 'si-payment-certificate', siPaymentSample(60)],
];
for (const [file, template, data] of jobs) {
  const pdf = join(folder, `${file}.pdf`);
  writeFileSync(pdf, await renderCertificate(template, data));
  // pdftoppm (poppler-utils) writes <file>-<page>.png beside the PDF.
  execFileSync('pdftoppm', ['-r', dpi, '-png', pdf, join(folder, file)]);
  console.log(`wrote ${pdf} and its pages as PNG`);
}
