import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type fontkitModule from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { assetPath } from '../../assets.ts';
import { MonoBitmap } from './raster.ts';
import { isNarrow } from './text-layout.ts';

/**
 * Turns characters into dots. Used where text must become an image: the simulator's PNG,
 * and CJK text on printers whose firmware has no Chinese font.
 */
export interface GlyphSource {
  /** Draws one character into the cell whose top-left corner is (x, y). */
  drawChar(
    target: MonoBitmap,
    char: string,
    x: number,
    y: number,
    cellWidth: number,
    cellHeight: number,
  ): void;
}

type Point = [number, number];
interface PathCommand {
  command: string;
  args: number[];
}

/** Glyphs drawn from an outline font (TTF/OTF/TTC) by a small scanline rasterizer. */
class OutlineGlyphs implements GlyphSource {
  private readonly cache = new Map<string, MonoBitmap>();

  constructor(private readonly font: Font) {}

  drawChar(
    target: MonoBitmap,
    char: string,
    x: number,
    y: number,
    cellWidth: number,
    cellHeight: number,
  ): void {
    const key = `${char}/${cellWidth}/${cellHeight}`;
    let cell = this.cache.get(key);
    if (!cell) {
      cell = this.rasterize(char, cellWidth, cellHeight);
      this.cache.set(key, cell);
    }
    target.draw(cell, x, y);
  }

  private rasterize(char: string, cellWidth: number, cellHeight: number): MonoBitmap {
    const cell = new MonoBitmap(cellWidth, cellHeight);
    const glyph = this.font.glyphForCodePoint(char.codePointAt(0) ?? 0x3f);
    // Fit the em square into the cell height, leaving a little room so lines do not touch.
    const scale = (cellHeight * 0.9) / this.font.unitsPerEm;
    const baseline = cellHeight * 0.82;
    const offsetX = (cellWidth - glyph.advanceWidth * scale) / 2;
    // fontkit keeps the raw path commands, though its typings do not declare them.
    const { commands } = glyph.path as unknown as { commands: PathCommand[] };
    const contours = flatten(commands, (px, py) => [offsetX + px * scale, baseline - py * scale]);
    fillNonZero(cell, contours);
    return cell;
  }
}

/** Flattens glyph path commands into closed polygons in cell coordinates. */
function flatten(commands: PathCommand[], toCell: (x: number, y: number) => Point): Point[][] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let pen: Point = [0, 0];
  const steps = 6;
  for (const { command, args } of commands) {
    const a = args;
    if (command === 'moveTo') {
      if (current.length > 1) contours.push(current);
      pen = toCell(a[0] ?? 0, a[1] ?? 0);
      current = [pen];
    } else if (command === 'lineTo') {
      pen = toCell(a[0] ?? 0, a[1] ?? 0);
      current.push(pen);
    } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
      const controls: Point[] = [];
      for (let i = 0; i + 1 < a.length; i += 2) controls.push(toCell(a[i] ?? 0, a[i + 1] ?? 0));
      const start = pen;
      for (let s = 1; s <= steps; s++) current.push(bezierPoint([start, ...controls], s / steps));
      pen = controls[controls.length - 1] ?? pen;
    } else if (command === 'closePath') {
      if (current.length > 1) contours.push(current);
      current = [];
    }
  }
  if (current.length > 1) contours.push(current);
  return contours;
}

/** De Casteljau evaluation, good for both quadratic and cubic segments. */
function bezierPoint(points: Point[], t: number): Point {
  let level = points;
  while (level.length > 1) {
    const next: Point[] = [];
    for (let i = 0; i + 1 < level.length; i++) {
      const [x0, y0] = level[i]!;
      const [x1, y1] = level[i + 1]!;
      next.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
    }
    level = next;
  }
  return level[0] ?? [0, 0];
}

/** Fills polygons with the non-zero winding rule, sampling at pixel centres. */
function fillNonZero(target: MonoBitmap, contours: Point[][]): void {
  for (let row = 0; row < target.height; row++) {
    const yc = row + 0.5;
    const crossings: { x: number; dir: number }[] = [];
    for (const contour of contours) {
      for (let i = 0; i < contour.length; i++) {
        const [x0, y0] = contour[i]!;
        const [x1, y1] = contour[(i + 1) % contour.length]!;
        if (y0 === y1 || yc < Math.min(y0, y1) || yc >= Math.max(y0, y1)) continue;
        crossings.push({ x: x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0), dir: y1 > y0 ? 1 : -1 });
      }
    }
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let i = 0; i < crossings.length; i++) {
      const crossing = crossings[i]!;
      winding += crossing.dir;
      const next = crossings[i + 1];
      if (winding === 0 || !next) continue;
      for (let col = Math.ceil(crossing.x - 0.5); col + 0.5 < next.x; col++)
        target.set(col, row, 1);
    }
  }
}

/** Fallback glyphs: an outlined box per character, so layout stays visible without a font. */
export const boxGlyphs: GlyphSource = {
  drawChar(target, char, x, y, cellWidth, cellHeight) {
    if (char === ' ') return;
    const inset = 2;
    const w = cellWidth - 2 * inset;
    const h = cellHeight - 2 * inset - 2;
    target.fill(x + inset, y + inset, w, 1);
    target.fill(x + inset, y + inset + h - 1, w, 1);
    target.fill(x + inset, y + inset, 1, h);
    target.fill(x + inset + w - 1, y + inset, 1, h);
  },
};

// A CJK font file is several megabytes; every simulator and CLI run shares one parse per path.
const loadedFonts = new Map<string, GlyphSource | undefined>();

/**
 * Loads glyphs from an outline font file. A TrueType collection uses its first face.
 * Returns `undefined` when the file does not exist, so callers can choose `boxGlyphs`.
 * The default is the face the certificates embed, shipped with the kiosk: it reads no system font.
 */
export function loadGlyphFont(
  path: string = assetPath('certificateFont'),
): GlyphSource | undefined {
  if (loadedFonts.has(path)) return loadedFonts.get(path);
  if (!existsSync(path)) return undefined;
  const loaded = fontkit().create(readFileSync(path)) as Font | { fonts: Font[] };
  const font = 'fonts' in loaded ? loaded.fonts[0] : loaded;
  const glyphs = font ? new OutlineGlyphs(font) : undefined;
  loadedFonts.set(path, glyphs);
  return glyphs;
}

const requireHere = createRequire(import.meta.url);

/**
 * fontkit, loaded at the first font that is parsed rather than with this module: taking it in
 * cost the kiosk about a quarter of its start-up time. A CommonJS package, so `require` gives it
 * synchronously, as `loadGlyphFont` must.
 */
function fontkit(): typeof fontkitModule {
  return requireHere('@pdf-lib/fontkit') as typeof fontkitModule;
}

/** Cell sizes for drawing one line of printer text. */
export interface TextCells {
  narrowWidth: number;
  wideWidth: number;
  height: number;
}

/** Draws a run of text cell by cell from (x, y); returns the x after the last cell. */
export function drawText(
  target: MonoBitmap,
  glyphs: GlyphSource,
  text: string,
  x: number,
  y: number,
  cells: TextCells,
  bold = false,
): number {
  let pen = x;
  for (const char of text) {
    const width = isNarrow(char) ? cells.narrowWidth : cells.wideWidth;
    glyphs.drawChar(target, char, pen, y, width, cells.height);
    // Emphasis on thermal heads is a one-dot horizontal smear; do the same.
    if (bold) glyphs.drawChar(target, char, pen + 1, y, width, cells.height);
    pen += width;
  }
  return pen;
}
