/**
 * Lays a whole certificate out into pages of draw ops: title, flowing body, closing block,
 * then the footer with "第 n 页 / 共 m 页" on every page once the page count is known.
 * Pure: the same content and font metrics always give the same pages.
 */
import { closingOps, CLOSING_HEIGHT, type ClosingContent } from './closing.ts';
import { A4, baselineIn, INK, PAGE, wrapText, type DrawOp, type TextMeasure } from './draw-ops.ts';
import { flowBlock, PageFlow, type ContentBlock } from './flow.ts';

/** Everything a certificate prints, as final text. */
export interface CertificateContent extends ClosingContent {
  title: string;
  subtitle: string | undefined;
  blocks: ContentBlock[];
  footer: string;
}

const FOOTER_SIZE = 8.5;
const FOOTER_LEADING = 12;

/** The page-number line in the form Chinese government documents use. */
export function pageNumberText(page: number, pages: number): string {
  return `第 ${page} 页 / 共 ${pages} 页`;
}

function centered(
  text: string,
  y: number,
  size: number,
  measure: TextMeasure,
  color = INK.black,
): DrawOp {
  return { kind: 'text', x: (A4.width - measure.widthOf(text, size)) / 2, y, size, text, color };
}

/** Lays out the certificate; returns one list of draw ops per page. */
export function layoutCertificate(content: CertificateContent, measure: TextMeasure): DrawOp[][] {
  const footerLines = wrapText(content.footer, PAGE.right - PAGE.left, FOOTER_SIZE, measure);
  const footerTop = PAGE.pageNumberBaseline + 14 + footerLines.length * FOOTER_LEADING;
  const flow = new PageFlow(measure, footerTop + 12);

  flow.ops.push(centered(content.title, baselineIn(flow.y, 34, 22), 22, measure));
  flow.y -= 34;
  if (content.subtitle !== undefined && content.subtitle.length > 0) {
    flow.ops.push(centered(content.subtitle, baselineIn(flow.y, 20, 12), 12, measure, INK.gray));
    flow.y -= 20;
  }
  flow.y -= 14;

  for (const block of content.blocks) flowBlock(flow, block);

  flow.ensure(CLOSING_HEIGHT + 8);
  flow.ops.push(...closingOps(content, flow.y - 8, measure));

  const pages = flow.pages.length;
  flow.pages.forEach((ops, index) => {
    ops.push({
      kind: 'line',
      x1: PAGE.left,
      y1: footerTop,
      x2: PAGE.right,
      y2: footerTop,
      color: INK.gray,
      lineWidth: 0.5,
    });
    footerLines.forEach((text, i) => {
      ops.push(
        centered(
          text,
          baselineIn(footerTop - 3 - i * FOOTER_LEADING, FOOTER_LEADING, FOOTER_SIZE),
          FOOTER_SIZE,
          measure,
          INK.gray,
        ),
      );
    });
    ops.push(centered(pageNumberText(index + 1, pages), PAGE.pageNumberBaseline, 9, measure));
  });
  return flow.pages;
}
