/**
 * Flows the certificate body down the pages: paragraphs, headings, key/value grids and data
 * tables. A table row that does not fit moves to a new page and the header row is repeated
 * there, so every page of a long payment history can be read on its own.
 */
import { baselineIn, INK, PAGE, wrapText, type DrawOp, type TextMeasure } from './draw-ops.ts';

/** A body block with every placeholder already replaced by printed text. */
export type ContentBlock =
  | { type: 'paragraph'; text: string; indent: boolean }
  | { type: 'heading'; text: string }
  | { type: 'keyValues'; pairs: [string, string][]; pairsPerRow: 1 | 2 }
  | {
      type: 'table';
      columns: { header: string; width: number; align: 'left' | 'center' | 'right' }[];
      rows: string[][];
      emptyText: string | undefined;
    };

const BODY_SIZE = 12;
const BODY_LEADING = 21;
const CELL_SIZE = 10.5;
const CELL_LEADING = 13;
const CELL_PAD_X = 5;
const CELL_PAD_Y = 3.5;
const BLOCK_GAP = 10;

/** The page cursor: collects ops per page and opens a new page when content would overflow. */
export class PageFlow {
  readonly pages: DrawOp[][] = [[]];
  y: number = PAGE.top;

  constructor(
    readonly measure: TextMeasure,
    /** Lowest y content may reach; below it sits the footer. */
    readonly bottom: number,
  ) {}

  /** Ops of the page being filled. */
  get ops(): DrawOp[] {
    return this.pages[this.pages.length - 1] as DrawOp[];
  }

  /** Starts a new page unless `height` still fits; returns true when it started one. */
  ensure(height: number): boolean {
    if (this.y - height >= this.bottom || this.y === PAGE.top) return false;
    this.pages.push([]);
    this.y = PAGE.top;
    return true;
  }

  /** Draws one line of text in a line box of `leading` at the cursor and moves down. */
  line(text: string, x: number, size: number, leading: number, color = INK.black): void {
    this.ensure(leading);
    this.ops.push({ kind: 'text', x, y: baselineIn(this.y, leading, size), size, text, color });
    this.y -= leading;
  }
}

const WIDTH = PAGE.right - PAGE.left;

function cellX(
  x: number,
  width: number,
  textWidth: number,
  align: 'left' | 'center' | 'right',
): number {
  if (align === 'center') return x + (width - textWidth) / 2;
  if (align === 'right') return x + width - CELL_PAD_X - textWidth;
  return x + CELL_PAD_X;
}

interface Cell {
  text: string;
  width: number;
  align: 'left' | 'center' | 'right';
  fill?: (typeof INK)['lightFill'];
}

/** Lays out one bordered row of cells at the cursor; the tallest cell sets the row height. */
function row(flow: PageFlow, cells: Cell[], beforeBreak?: () => void): void {
  const wrapped = cells.map((cell) =>
    wrapText(cell.text, cell.width - 2 * CELL_PAD_X, CELL_SIZE, flow.measure),
  );
  const height = Math.max(...wrapped.map((lines) => lines.length)) * CELL_LEADING + 2 * CELL_PAD_Y;
  if (flow.ensure(height)) beforeBreak?.();
  let x = PAGE.left;
  cells.forEach((cell, i) => {
    const rect: DrawOp = {
      kind: 'rect',
      x,
      y: flow.y - height,
      width: cell.width,
      height,
      stroke: INK.border,
      lineWidth: 0.6,
    };
    flow.ops.push(cell.fill === undefined ? rect : { ...rect, fill: cell.fill });
    (wrapped[i] ?? []).forEach((text, lineIndex) => {
      const top = flow.y - CELL_PAD_Y - lineIndex * CELL_LEADING;
      const textX = cellX(x, cell.width, flow.measure.widthOf(text, CELL_SIZE), cell.align);
      flow.ops.push({
        kind: 'text',
        x: textX,
        y: baselineIn(top, CELL_LEADING, CELL_SIZE),
        size: CELL_SIZE,
        text,
        color: INK.black,
      });
    });
    x += cell.width;
  });
  flow.y -= height;
}

function keyValues(flow: PageFlow, block: Extract<ContentBlock, { type: 'keyValues' }>): void {
  const shares = block.pairsPerRow === 2 ? [0.17, 0.33, 0.17, 0.33] : [0.3, 0.7];
  for (let i = 0; i < block.pairs.length; i += block.pairsPerRow) {
    const cells: Cell[] = [];
    for (let j = 0; j < block.pairsPerRow; j++) {
      const [label, value] = block.pairs[i + j] ?? ['', ''];
      cells.push({
        text: label,
        width: WIDTH * (shares[2 * j] ?? 0),
        align: 'center',
        fill: INK.lightFill,
      });
      cells.push({ text: value, width: WIDTH * (shares[2 * j + 1] ?? 0), align: 'left' });
    }
    row(flow, cells);
  }
}

function table(flow: PageFlow, block: Extract<ContentBlock, { type: 'table' }>): void {
  const total = block.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = block.columns.map((column) => (WIDTH * column.width) / total);
  const header = (): void =>
    row(
      flow,
      block.columns.map((column, i) => ({
        text: column.header,
        width: widths[i] ?? 0,
        align: 'center',
        fill: INK.lightFill,
      })),
    );
  // Keep the header with at least its first row rather than alone at a page's foot.
  flow.ensure(2 * (CELL_LEADING + 2 * CELL_PAD_Y));
  header();
  if (block.rows.length === 0 && block.emptyText !== undefined) {
    row(flow, [{ text: block.emptyText, width: WIDTH, align: 'center' }]);
  }
  for (const cells of block.rows) {
    row(
      flow,
      cells.map((text, i) => ({
        text,
        width: widths[i] ?? 0,
        align: block.columns[i]?.align ?? 'left',
      })),
      header,
    );
  }
}

/** Lays out one body block at the cursor, breaking pages as needed. */
export function flowBlock(flow: PageFlow, block: ContentBlock): void {
  switch (block.type) {
    case 'paragraph': {
      const indent = block.indent ? 2 * BODY_SIZE : 0;
      wrapText(block.text, WIDTH, BODY_SIZE, flow.measure, indent).forEach((text, i) => {
        flow.line(text, PAGE.left + (i === 0 ? indent : 0), BODY_SIZE, BODY_LEADING);
      });
      break;
    }
    case 'heading':
      // A heading never sits alone at the bottom of a page: keep room for two more lines.
      flow.ensure(24 + 2 * BODY_LEADING);
      flow.line(block.text, PAGE.left, 13, 24);
      break;
    case 'keyValues':
      keyValues(flow, block);
      break;
    case 'table':
      table(flow, block);
      break;
  }
  flow.y -= BLOCK_GAP;
}
