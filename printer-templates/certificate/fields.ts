/**
 * Checks the data handed to a template against its field declarations and turns each value
 * into the exact text that will be printed. Everything that can refuse a certificate is
 * checked here, before any PDF object exists, so a refused certificate leaves nothing behind.
 */
import {
  isUnmaskedIdNumber,
  maskedExamples,
  maskedIdNumberFormatOf,
} from '../../drivers/id-card/id-number-format.ts';
import { CertificateDataError, type CertificateDataFlags } from './errors.ts';
import type { CertificateTemplate, ScalarFieldSpec } from './template-schema.ts';
import { containsUnmaskedIdNumber } from '../unmasked-id.ts';

/** Printed text per field: scalars by name, tables as rows of printed cells. */
export interface ResolvedData {
  scalars: Map<string, string>;
  rows: Map<string, Map<string, string>[]>;
}

/** Formats money as 12,345.60 — two decimals, grouped thousands, as on Chinese statements. */
export function formatMoney(value: number): string {
  const [whole = '0', cents = '00'] = Math.abs(value).toFixed(2).split('.');
  return `${value < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** Builds the refusal for one field; callers `throw` it so control flow stays visible. */
type Refuse = (problem: string, flags: CertificateDataFlags) => CertificateDataError;

function formatScalar(spec: ScalarFieldSpec, value: unknown, refuse: Refuse): string {
  const wrong = (expected: string): never => {
    throw refuse(`expected ${expected}, got ${describe(value)}`, { wrongType: true });
  };
  switch (spec.type) {
    case 'text':
      return typeof value === 'string' ? value : wrong('a string');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : wrong('a finite number');
    case 'money':
      return typeof value === 'number' && Number.isFinite(value)
        ? formatMoney(value)
        : wrong('an amount as a number (yuan)');
    case 'date': {
      const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      if (match === null) return wrong('a date as "YYYY-MM-DD"');
      return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
    }
    case 'yearMonth':
      return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
        ? value
        : wrong('a month as "YYYY-MM"');
    case 'maskedId':
      // Every card type has its own masked shape (drivers/id-card/id-number-format.ts).
      if (typeof value === 'string' && isUnmaskedIdNumber(value)) {
        throw refuse('is an unmasked ID number; pass it masked with maskIdNumber', {
          unmaskedIdNumber: true,
        });
      }
      return typeof value === 'string' && maskedIdNumberFormatOf(value) !== undefined
        ? value
        : wrong(`a masked ID number of a known card type, one of ${maskedExamples()}`);
    case 'url':
      return typeof value === 'string' && /^https?:\/\/\S+$/.test(value)
        ? value
        : wrong('an http(s) URL');
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value)}`;
  return `a ${typeof value}`;
}

function checkPrintable(
  text: string,
  hasGlyph: (codePoint: number) => boolean,
  refuse: Refuse,
): void {
  if (containsUnmaskedIdNumber(text)) {
    throw refuse('contains an unmasked ID number; certificates print ID numbers masked', {
      unmaskedIdNumber: true,
    });
  }
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint >= 0x20 && !hasGlyph(codePoint)) {
      throw refuse(
        `the certificate font has no glyph for "${char}" (U+${codePoint.toString(16).toUpperCase()}); the value cannot be printed`,
        {
          glyphMissing: true,
        },
      );
    }
  }
}

/** Validates `data` against the template's fields and returns the printed text of each. */
export function resolveFields(
  template: CertificateTemplate,
  data: unknown,
  hasGlyph: (codePoint: number) => boolean,
): ResolvedData {
  const refuseAt =
    (field: string): Refuse =>
    (problem, flags) =>
      new CertificateDataError(template.id, field, problem, flags);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw refuseAt('(data)')(
      `expected an object with the template's fields, got ${describe(data)}`,
      { wrongType: true },
    );
  }
  const record = data as Record<string, unknown>;
  const resolved: ResolvedData = { scalars: new Map(), rows: new Map() };

  const resolveScalar = (field: string, spec: ScalarFieldSpec, value: unknown): string => {
    const refuse = refuseAt(field);
    if ((value === undefined || value === null) && spec.default !== undefined) {
      value = spec.default;
    }
    if (value === undefined || value === null) {
      if (spec.optional === true) return '';
      throw refuse(`is required (${spec.type}) and missing`, { missing: true });
    }
    const text = formatScalar(spec, value, refuse);
    checkPrintable(text, hasGlyph, refuse);
    return text;
  };

  for (const [name, spec] of Object.entries(template.fields)) {
    const value = record[name];
    if (spec.type !== 'rows') {
      resolved.scalars.set(name, resolveScalar(name, spec, value));
      continue;
    }
    if (!Array.isArray(value)) {
      if (value === undefined || value === null)
        throw refuseAt(name)('is required (a list of rows) and missing', { missing: true });
      throw refuseAt(name)(`expected a list of rows, got ${describe(value)}`, { wrongType: true });
    }
    if (value.length < (spec.minRows ?? 0)) {
      throw refuseAt(name)(`needs at least ${spec.minRows} rows, got ${value.length}`, {
        missing: true,
      });
    }
    resolved.rows.set(
      name,
      value.map((row: unknown, index) => {
        const at = `${name}[${index}]`;
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          throw refuseAt(at)(`expected a row object, got ${describe(row)}`, { wrongType: true });
        }
        const cells = new Map<string, string>();
        for (const [column, columnSpec] of Object.entries(spec.columns)) {
          cells.set(
            column,
            resolveScalar(`${at}.${column}`, columnSpec, (row as Record<string, unknown>)[column]),
          );
        }
        return cells;
      }),
    );
  }
  return resolved;
}
