/**
 * The closing block of the last page: the verification QR code with its code and address on
 * the left, the issuing authority and date on the right under a red round seal. The QR is
 * drawn as vector rectangles (one per horizontal run of dark modules) so it stays sharp at any
 * printer resolution and costs a few hundred bytes.
 */
import { baselineIn, INK, PAGE, wrapText, type DrawOp, type TextMeasure } from './draw-ops.ts';

/** A QR symbol as rows of dark (true) and light modules, without the quiet zone. */
export type QrModules = readonly (readonly boolean[])[];

/** Printed text of the closing block. */
export interface ClosingContent {
  authority: string;
  issueDate: string;
  seal: { text: string; caption: string | undefined; image: boolean };
  verification: { code: string; url: string; note: string | undefined; modules: QrModules };
}

const QR_SIZE = 88;
const SEAL_RADIUS = 46;
/** Height the closing block needs; the layout starts a new page when less is left. */
export const CLOSING_HEIGHT = 128;

/** Turns QR modules into rectangles with the symbol's top-left corner at (x, top). */
export function qrRects(modules: QrModules, x: number, top: number, size: number): DrawOp[] {
  const module = size / Math.max(1, modules.length);
  const ops: DrawOp[] = [];
  modules.forEach((row, r) => {
    let start = -1;
    for (let c = 0; c <= row.length; c++) {
      const dark = row[c] === true;
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        ops.push({
          kind: 'rect',
          x: x + start * module,
          y: top - (r + 1) * module,
          width: (c - start) * module,
          height: module,
          fill: INK.black,
        });
        start = -1;
      }
    }
  });
  return ops;
}

/** Draws `text` around the upper arc of a circle, each character upright toward the rim. */
function arcText(
  ops: DrawOp[],
  text: string,
  cx: number,
  cy: number,
  radius: number,
  measure: TextMeasure,
): void {
  const chars = [...text];
  const maxSpan = 250;
  let size = 11;
  // Shrink long authority names until they fit the arc.
  while (size > 6 && (chars.length * (size + 1) * 180) / (Math.PI * (radius - size)) > maxSpan)
    size -= 0.5;
  const textRadius = radius - 5 - size;
  const step = ((size + 1) * 180) / (Math.PI * textRadius);
  const span = step * (chars.length - 1);
  chars.forEach((char, i) => {
    const angle = 90 + span / 2 - i * step;
    const rad = (angle * Math.PI) / 180;
    const rotate = angle - 90;
    const rot = (rotate * Math.PI) / 180;
    const half = measure.widthOf(char, size) / 2;
    ops.push({
      kind: 'text',
      x: cx + textRadius * Math.cos(rad) - half * Math.cos(rot),
      y: cy + textRadius * Math.sin(rad) - half * Math.sin(rot),
      size,
      text: char,
      color: INK.seal,
      rotate,
      opacity: 0.9,
    });
  });
}

/** Lays out the closing block with its top edge at `top`. */
export function closingOps(content: ClosingContent, top: number, measure: TextMeasure): DrawOp[] {
  const ops: DrawOp[] = [];
  const qrTop = top - 8;
  ops.push(...qrRects(content.verification.modules, PAGE.left, qrTop, QR_SIZE));

  // Text starts past the QR's 4-module quiet zone so scanners find the symbol's edge.
  const textLeft = PAGE.left + QR_SIZE + 18;
  const textWidth = 210;
  const lines = [
    ...wrapText(`验证码：${content.verification.code}`, textWidth, 9.5, measure),
    ...wrapText(`核验网址：${content.verification.url}`, textWidth, 9.5, measure),
    ...(content.verification.note === undefined
      ? []
      : wrapText(content.verification.note, textWidth, 9.5, measure)),
  ];
  lines.forEach((text, i) => {
    ops.push({
      kind: 'text',
      x: textLeft,
      y: baselineIn(qrTop - i * 15, 15, 9.5),
      size: 9.5,
      text,
      color: i === 0 ? INK.black : INK.gray,
    });
  });

  const centerX = PAGE.right - 92;
  const centerY = top - 62;
  for (const [text, y] of [
    [content.authority, centerY + 2],
    [content.issueDate, centerY - 20],
  ] as const) {
    const width = measure.widthOf(text, 12);
    const x = Math.min(centerX - width / 2, PAGE.right - width);
    ops.push({ kind: 'text', x, y, size: 12, text, color: INK.black });
  }

  if (content.seal.image) {
    ops.push({
      kind: 'sealImage',
      x: centerX - SEAL_RADIUS,
      y: centerY - SEAL_RADIUS,
      size: 2 * SEAL_RADIUS,
    });
    return ops;
  }
  ops.push({
    kind: 'circle',
    x: centerX,
    y: centerY,
    radius: SEAL_RADIUS,
    stroke: INK.seal,
    lineWidth: 2.4,
    opacity: 0.9,
  });
  arcText(ops, content.seal.text, centerX, centerY, SEAL_RADIUS, measure);
  const star = 24;
  ops.push({
    kind: 'text',
    x: centerX - measure.widthOf('★', star) / 2,
    y: centerY - 0.37 * star,
    size: star,
    text: '★',
    color: INK.seal,
    opacity: 0.9,
  });
  if (content.seal.caption !== undefined) {
    const width = measure.widthOf(content.seal.caption, 8);
    ops.push({
      kind: 'text',
      x: centerX - width / 2,
      y: centerY - 28,
      size: 8,
      text: content.seal.caption,
      color: INK.seal,
      opacity: 0.9,
    });
  }
  return ops;
}
