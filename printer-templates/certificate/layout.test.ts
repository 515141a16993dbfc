import { describe, expect, it } from 'vitest';
import { certificateFont } from '../fonts/certificate-font.ts';
import { qrRects } from './closing.ts';
import { PAGE, wrapText, type DrawOp, type TextMeasure } from './draw-ops.ts';
import { layoutCertificate, pageNumberText, type CertificateContent } from './layout.ts';

/** Every character is `size` wide: makes wrapping arithmetic obvious. */
const monospace: TextMeasure = { widthOf: (text, size) => [...text].length * size };

const texts = (ops: DrawOp[]): string[] =>
  ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));

function content(rows: number): CertificateContent {
  return {
    title: '社会保险参保缴费证明',
    subtitle: undefined,
    blocks: [
      { type: 'paragraph', text: '兹证明李明华参加社会保险。', indent: true },
      {
        type: 'table',
        columns: [
          { header: '缴费年月', width: 1, align: 'center' },
          { header: '个人缴纳（元）', width: 1, align: 'right' },
        ],
        rows: Array.from({ length: rows }, (_, i) => [`row-${i}`, '920.20']),
        emptyText: undefined,
      },
    ],
    footer: '涂改无效。',
    authority: '南京市社会保险管理中心',
    issueDate: '2025年6月3日',
    seal: { text: '南京市社会保险管理中心', caption: '证明专用章', image: false },
    verification: {
      code: 'ABC',
      url: 'https://example.invalid/v',
      note: undefined,
      modules: [[true]],
    },
  };
}

describe('wrapText', () => {
  it('breaks CJK text between any two characters to fit the width', () => {
    expect(wrapText('一二三四五六七', 30, 10, monospace)).toEqual(['一二三', '四五六', '七']);
  });

  it('keeps a Latin word whole when it fits on the next line', () => {
    expect(wrapText('证明 2024-06', 70, 10, monospace)).toEqual(['证明', '2024-06']);
  });

  it('never starts a line with closing punctuation', () => {
    expect(wrapText('一二三，四', 30, 10, monospace)).toEqual(['一二三，', '四']);
  });

  it('leaves room for the first-line indent', () => {
    expect(wrapText('一二三四', 40, 10, monospace, 20)).toEqual(['一二', '三四']);
  });

  it('splits a word longer than a line by characters', () => {
    expect(wrapText('abcdefgh', 30, 10, monospace)).toEqual(['abc', 'def', 'gh']);
  });
});

describe('layoutCertificate', () => {
  const font = certificateFont();

  it('puts a short certificate on one page with "第 1 页 / 共 1 页"', () => {
    const pages = layoutCertificate(content(6), font);
    expect(pages).toHaveLength(1);
    expect(texts(pages[0] ?? [])).toContain(pageNumberText(1, 1));
  });

  it('continues an overflowing table on new pages, numbering every page of the total', () => {
    const pages = layoutCertificate(content(80), font);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((ops, i) =>
      expect(texts(ops)).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`),
    );
  });

  it('repeats the table header on every page the table reaches and loses no row', () => {
    const pages = layoutCertificate(content(80), font);
    const rowsSeen = pages.flatMap((ops) => texts(ops).filter((text) => text.startsWith('row-')));
    expect(rowsSeen).toEqual(Array.from({ length: 80 }, (_, i) => `row-${i}`));
    for (const ops of pages.filter((page) => texts(page).some((text) => text.startsWith('row-')))) {
      expect(texts(ops)).toContain('缴费年月');
    }
  });

  it('keeps all content above the footer line and inside the side margins', () => {
    for (const ops of layoutCertificate(content(80), font)) {
      const footerLine = ops.find((op) => op.kind === 'line');
      if (footerLine?.kind !== 'line') throw new Error('a page has no footer line');
      for (const op of ops) {
        if (op.kind === 'rect') {
          expect(op.y).toBeGreaterThan(footerLine.y1);
          expect(op.x + op.width).toBeLessThanOrEqual(PAGE.right + 0.01);
        }
      }
    }
  });

  it('draws the closing block (seal text and verification code) on the last page only', () => {
    const pages = layoutCertificate(content(80), font);
    const withCode = pages.map((ops) => texts(ops).some((text) => text.includes('验证码：ABC')));
    expect(withCode).toEqual(pages.map((_, i) => i === pages.length - 1));
  });
});

describe('qrRects', () => {
  it('merges each horizontal run of dark modules into one rectangle', () => {
    const rects = qrRects(
      [
        [true, true, false, true],
        [false, false, false, false],
        [false, false, false, false],
        [false, false, false, false],
      ],
      0,
      40,
      40,
    );
    expect(rects).toEqual([
      { kind: 'rect', x: 0, y: 30, width: 20, height: 10, fill: [0, 0, 0] },
      { kind: 'rect', x: 30, y: 30, width: 10, height: 10, fill: [0, 0, 0] },
    ]);
  });
});
