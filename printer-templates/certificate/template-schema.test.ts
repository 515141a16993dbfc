import { describe, expect, it } from 'vitest';
import { certificateFont } from '../fonts/certificate-font.ts';
import { CertificateTemplateError } from './errors.ts';
import { builtInTemplate } from './templates.ts';
import { parseCertificateTemplate, placeholdersIn } from './template-schema.ts';

/** A copy of a built-in template that a test may break. */
function editable(): Record<string, unknown> & {
  body: Record<string, unknown>[];
  fields: Record<string, unknown>;
} {
  const copy: unknown = structuredClone(builtInTemplate('si-payment-certificate'));
  return copy as ReturnType<typeof editable>;
}

function templateError(json: unknown): CertificateTemplateError {
  try {
    parseCertificateTemplate(json, certificateFont().hasGlyph);
  } catch (error) {
    if (error instanceof CertificateTemplateError) return error;
    throw error;
  }
  throw new Error('the template was accepted');
}

describe('parseCertificateTemplate', () => {
  it('accepts both built-in templates', () => {
    expect(builtInTemplate('si-payment-certificate').title).toBe('社会保险参保缴费证明');
    expect(builtInTemplate('hpf-deposit-certificate').title).toBe('住房公积金缴存证明');
  });

  it('names the path of a missing required key', () => {
    const json = editable();
    delete json.footer;
    expect(templateError(json).path).toBe('footer');
  });

  it('names the path of a wrongly typed key deep in the body', () => {
    const json = editable();
    (json.body[3] as { columns: { width: unknown }[] }).columns[1] = {
      header: '状态',
      value: '{{status}}',
      width: 'wide',
    } as never;
    expect(templateError(json).path).toBe('body[3].columns[1].width');
  });

  it('refuses a placeholder that names no declared field, with the text path and the field', () => {
    const json = editable();
    json.body[0] = { type: 'paragraph', text: '兹证明 {{nmae}} 参保。' };
    const error = templateError(json);
    expect(error.path).toBe('body[0].text');
    expect(error.message).toContain('{{nmae}}');
  });

  it('refuses a table column placeholder that is not a column of its rows field', () => {
    const json = editable();
    (json.body[5] as { columns: { value: string }[] }).columns[0] = {
      header: '年月',
      value: '{{month}}',
    } as never;
    expect(templateError(json).path).toBe('body[5].columns[0].value');
  });

  it('refuses a table whose rows name a scalar field', () => {
    const json = editable();
    (json.body[5] as { rows: string }).rows = 'name';
    expect(templateError(json).path).toBe('body[5].rows');
  });

  it('refuses literal text the embedded font cannot draw', () => {
    const json = editable();
    json.title = '证明 \u{1F600}';
    const error = templateError(json);
    expect(error.path).toBe('title');
    expect(error.message).toContain('U+1F600');
  });

  it('lists placeholders with surrounding spaces trimmed', () => {
    expect(placeholdersIn('{{ name }} 与 {{idNumber}}')).toEqual(['name', 'idNumber']);
  });
});
