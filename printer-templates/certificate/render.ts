/**
 * Renders a certificate: template + data in, PDF bytes out. Every check (template shape,
 * data types, masking, font coverage) runs before the PDF is started, so a refused
 * certificate never leaves a half-written document behind.
 */
import QRCode from 'qrcode';
import { certificateFont, type CertificateFont } from '../fonts/certificate-font.ts';
import type { QrModules } from './closing.ts';
import { resolveFields, type ResolvedData } from './fields.ts';
import type { ContentBlock } from './flow.ts';
import { layoutCertificate, type CertificateContent } from './layout.ts';
import { writeCertificatePdf } from './pdf-writer.ts';
import { builtInTemplate } from './templates.ts';
import {
  fillPlaceholders,
  parseCertificateTemplate,
  type CertificateTemplate,
} from './template-schema.ts';

/** Options for one rendering. */
export interface RenderCertificateOptions {
  /** PNG of the authority's seal; without it a red round seal placeholder is drawn. */
  sealImage?: Uint8Array;
  /** Creation date written into the PDF; defaults to noon of the certificate's issue date. */
  date?: Date;
  /** Another parsed font (tests, other scripts); defaults to the committed certificate font. */
  font?: CertificateFont;
  /** Embed the whole font rather than a subset: only for the benchmark's naive peer. */
  fullFont?: boolean;
}

/** Reads a QR symbol's modules for `text` (error correction M, as verification codes use). */
export function qrModules(text: string): QrModules {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_unused, column) => Boolean(modules.get(row, column))),
  );
}

function toContent(
  template: CertificateTemplate,
  data: ResolvedData,
  sealImage: boolean,
): CertificateContent {
  const fill = (text: string): string =>
    fillPlaceholders(text, (name) => data.scalars.get(name) ?? '');
  const blocks = template.body.map((block): ContentBlock => {
    switch (block.type) {
      case 'paragraph':
        return { type: 'paragraph', text: fill(block.text), indent: block.indent ?? false };
      case 'heading':
        return { type: 'heading', text: fill(block.text) };
      case 'keyValues':
        return {
          type: 'keyValues',
          pairs: block.entries.map((entry) => [fill(entry.label), fill(entry.value)]),
          pairsPerRow: block.pairsPerRow ?? 1,
        };
      case 'table':
        return {
          type: 'table',
          columns: block.columns.map((column) => ({
            header: column.header,
            width: column.width ?? 1,
            align: column.align ?? 'left',
          })),
          rows: (data.rows.get(block.rows) ?? []).map((cells) =>
            block.columns.map((column) =>
              fillPlaceholders(column.value, (name) => cells.get(name) ?? ''),
            ),
          ),
          emptyText: block.emptyText,
        };
    }
  });
  const url = fill(template.verification.url);
  return {
    title: fill(template.title),
    subtitle: template.subtitle === undefined ? undefined : fill(template.subtitle),
    blocks,
    footer: fill(template.footer),
    authority: fill(template.authority),
    issueDate: fill(template.issueDate),
    seal: { text: fill(template.seal.text), caption: template.seal.caption, image: sealImage },
    verification: {
      code: fill(template.verification.code),
      url,
      note: template.verification.note === undefined ? undefined : fill(template.verification.note),
      modules: qrModules(url),
    },
  };
}

function defaultDate(template: CertificateTemplate, data: unknown): Date {
  const raw = /^\{\{\s*(\w+)\s*\}\}$/.exec(template.issueDate)?.[1];
  const value = raw === undefined ? undefined : (data as Record<string, unknown>)[raw];
  const date =
    typeof value === 'string' ? new Date(`${value}T12:00:00+08:00`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/**
 * Renders `data` with a built-in template (by name) or a template object (JSON, validated
 * here). Throws CertificateTemplateError or CertificateDataError naming the field at fault.
 */
export async function renderCertificate(
  templateOrName: string | object,
  data: unknown,
  options: RenderCertificateOptions = {},
): Promise<Uint8Array> {
  const font = options.font ?? certificateFont();
  const template =
    typeof templateOrName === 'string'
      ? builtInTemplate(templateOrName)
      : parseCertificateTemplate(templateOrName, font.hasGlyph);
  const resolved = resolveFields(template, data, font.hasGlyph);
  const content = toContent(template, resolved, options.sealImage !== undefined);
  const pages = layoutCertificate(content, font);
  return writeCertificatePdf(pages, {
    font,
    title: content.title,
    date: options.date ?? defaultDate(template, data),
    sealImage: options.sealImage,
    fullFont: options.fullFont ?? false,
  });
}
