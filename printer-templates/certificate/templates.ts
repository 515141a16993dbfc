/**
 * The built-in certificate templates and their sample data. Templates are JSON files beside
 * this module, read and validated once on first use.
 */
import { readFileSync } from 'node:fs';
import { assetPath } from '../../assets.ts';
import { certificateHasGlyph } from '../fonts/glyph-coverage.ts';
import { CertificateTemplateError } from './errors.ts';
import {
  hpfDepositSample,
  licenceCopySample,
  realEstateSample,
  siPaymentSample,
} from './samples.ts';
import { creditRecordSample } from './samples-credit.ts';
import { parseCertificateTemplate, type CertificateTemplate } from './template-schema.ts';

/** Names of the templates shipped with the kiosk. */
export const BUILT_IN_TEMPLATES = [
  'si-payment-certificate',
  'hpf-deposit-certificate',
  'real-estate-certificate',
  'licence-copy-certificate',
  'credit-record-certificate',
] as const;

/** One built-in template name. */
export type BuiltInTemplateName = (typeof BUILT_IN_TEMPLATES)[number];

const SAMPLES: Record<BuiltInTemplateName, () => Record<string, unknown>> = {
  'si-payment-certificate': () => siPaymentSample(6),
  'hpf-deposit-certificate': hpfDepositSample,
  'real-estate-certificate': realEstateSample,
  'licence-copy-certificate': licenceCopySample,
  'credit-record-certificate': creditRecordSample,
};

const loaded = new Map<string, CertificateTemplate>();

function isBuiltIn(name: string): name is BuiltInTemplateName {
  return (BUILT_IN_TEMPLATES as readonly string[]).includes(name);
}

function unknownTemplate(name: string): CertificateTemplateError {
  return new CertificateTemplateError(
    name,
    '',
    `no built-in template has this name; use one of ${BUILT_IN_TEMPLATES.join(', ')}`,
  );
}

/** Returns the validated built-in template `name`; throws CertificateTemplateError if unknown. */
export function builtInTemplate(name: string): CertificateTemplate {
  if (!isBuiltIn(name)) throw unknownTemplate(name);
  let template = loaded.get(name);
  if (template === undefined) {
    const json: unknown = JSON.parse(
      readFileSync(assetPath('certificateTemplates', `${name}.json`), 'utf8'),
    );
    template = parseCertificateTemplate(json, certificateHasGlyph);
    loaded.set(name, template);
  }
  return template;
}

/** A valid data object for the built-in template `name`, describing a fictional resident. */
export function templateSample(name: string): Record<string, unknown> {
  if (!isBuiltIn(name)) throw unknownTemplate(name);
  return SAMPLES[name]();
}
