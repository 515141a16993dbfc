/**
 * Writes laid-out pages into a PDF with pdf-lib. All decisions were made by the layout; this
 * file only translates draw ops, embeds the font as a subset and fixes the metadata so the
 * same certificate always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import {
  degrees,
  fill,
  fillAndStroke,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
  type PDFFont,
  type PDFImage,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { CertificateFont } from '../fonts/certificate-font.ts';
import { A4, type DrawOp, type Rgb } from './draw-ops.ts';

/** What the writer needs besides the pages. */
export interface PdfWriteOptions {
  font: CertificateFont;
  title: string;
  /** Written as creation and modification date; fixed so output is reproducible. */
  date: Date;
  /** PNG bytes of a seal image, drawn where the layout put a `sealImage` op. */
  sealImage: Uint8Array | undefined;
  /** Embed the whole font instead of a subset (only for the benchmark's naive peer). */
  fullFont?: boolean;
}

/**
 * A subset tag of six capitals derived from the characters used. PDF readers (and pdffonts)
 * recognise a subset by this `ABCDEF+Name` form; pdf-lib's own suffix is not that form.
 */
function subsetTag(pages: DrawOp[][]): string {
  const chars = new Set<string>();
  for (const op of pages.flat())
    if (op.kind === 'text') for (const char of op.text) chars.add(char);
  const digest = createHash('sha256')
    .update([...chars].sort().join(''))
    .digest();
  return [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

const color = (value: Rgb): ReturnType<typeof rgb> => rgb(value[0], value[1], value[2]);

function drawOp(page: PDFPage, op: DrawOp, font: PDFFont, seal: PDFImage | undefined): void {
  switch (op.kind) {
    case 'text':
      page.drawText(op.text, {
        x: op.x,
        y: op.y,
        size: op.size,
        font,
        color: color(op.color),
        ...(op.rotate === undefined ? {} : { rotate: degrees(op.rotate) }),
        ...(op.opacity === undefined ? {} : { opacity: op.opacity }),
      });
      return;
    case 'rect':
      // Rectangles are batched by drawRects; a lone one still goes through the same path.
      drawRects(page, [op]);
      return;
    case 'line':
      page.drawLine({
        start: { x: op.x1, y: op.y1 },
        end: { x: op.x2, y: op.y2 },
        thickness: op.lineWidth,
        color: color(op.color),
      });
      return;
    case 'circle':
      page.drawCircle({
        x: op.x,
        y: op.y,
        size: op.radius,
        borderColor: color(op.stroke),
        borderWidth: op.lineWidth,
        borderOpacity: op.opacity,
      });
      return;
    case 'sealImage':
      if (seal !== undefined)
        page.drawImage(seal, { x: op.x, y: op.y, width: op.size, height: op.size });
      return;
  }
}

type RectOp = Extract<DrawOp, { kind: 'rect' }>;

const styleKey = (op: RectOp): string =>
  `${op.fill?.join() ?? '-'}|${op.stroke?.join() ?? '-'}|${op.lineWidth ?? 1}`;

/**
 * Draws rectangles of one style as a single path: one `re` per rectangle and one paint
 * operator. pdf-lib's drawRectangle wraps each one in its own graphics state, which made the
 * QR code and table grid the slowest part of a certificate.
 */
function drawRects(page: PDFPage, rects: RectOp[]): void {
  const first = rects[0];
  if (first === undefined) return;
  const ops: PDFOperator[] = [pushGraphicsState()];
  if (first.fill !== undefined) ops.push(setFillingRgbColor(...first.fill));
  if (first.stroke !== undefined)
    ops.push(setStrokingRgbColor(...first.stroke), setLineWidth(first.lineWidth ?? 1));
  for (const op of rects) ops.push(rectangle(op.x, op.y, op.width, op.height));
  ops.push(
    first.fill === undefined ? stroke() : first.stroke === undefined ? fill() : fillAndStroke(),
    popGraphicsState(),
  );
  page.pushOperators(...ops);
}

/** Draws a page's ops in order, batching each run of same-style rectangles. */
function drawPage(page: PDFPage, ops: DrawOp[], font: PDFFont, seal: PDFImage | undefined): void {
  let batch: RectOp[] = [];
  for (const op of ops) {
    if (
      op.kind === 'rect' &&
      (batch.length === 0 || styleKey(batch[0] as RectOp) === styleKey(op))
    ) {
      batch.push(op);
      continue;
    }
    drawRects(page, batch);
    batch = [];
    if (op.kind === 'rect') batch.push(op);
    else drawOp(page, op, font, seal);
  }
  drawRects(page, batch);
}

/** Builds the PDF bytes for laid-out pages. */
export async function writeCertificatePdf(
  pages: DrawOp[][],
  options: PdfWriteOptions,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(options.font.fontkit);
  const font = await doc.embedFont(options.font.bytes, {
    subset: options.fullFont !== true,
    customName:
      options.fullFont === true
        ? options.font.postscriptName
        : `${subsetTag(pages)}+${options.font.postscriptName}`,
  });
  const seal = options.sealImage === undefined ? undefined : await doc.embedPng(options.sealImage);
  for (const ops of pages) {
    const page = doc.addPage([A4.width, A4.height]);
    drawPage(page, ops, font, seal);
  }
  doc.setTitle(options.title);
  doc.setProducer('kiosk24 certificate renderer');
  doc.setCreator('kiosk24');
  doc.setCreationDate(options.date);
  doc.setModificationDate(options.date);
  return doc.save({ useObjectStreams: true });
}
