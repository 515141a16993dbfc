import { commandBytes, concatBytes, type Alignment, type ReceiptCommand } from './commands.ts';
import { drawText, type GlyphSource } from './glyphs.ts';
import type { ReceiptPrinterProfile } from './profile.ts';
import { encodeRaster, MonoBitmap } from './raster.ts';
import { isNarrow } from './text-layout.ts';

interface Style {
  align: Alignment;
  bold: boolean;
  width: number;
  height: number;
  font: 'A' | 'B';
}

interface Segment {
  text: string;
  style: Style;
}

/**
 * Encodes a command queue for a printer without a Chinese font: every line that holds CJK
 * text is drawn with `glyphs` and sent as one `GS v 0` image; ASCII-only lines stay text,
 * which keeps jobs small where the firmware can print them itself.
 */
export function encodeWithRasterCjk(
  queue: readonly ReceiptCommand[],
  profile: ReceiptPrinterProfile,
  glyphs: GlyphSource,
): Uint8Array {
  const out: Uint8Array[] = [];
  const style: Style = { align: 'left', bold: false, width: 1, height: 1, font: 'A' };
  let pending: ReceiptCommand[] = [];
  let segments: Segment[] = [];

  const flush = (withLineFeed: boolean): void => {
    const hasWide = segments.some((segment) => [...segment.text].some((char) => !isNarrow(char)));
    for (const command of pending) {
      if (hasWide && command.op === 'text') continue;
      out.push(...commandBytes(command, profile));
    }
    if (hasWide) {
      out.push(
        ...encodeRaster(
          drawLine(segments, profile, glyphs),
          profile.dotsPerLine,
          profile.rasterBandRows,
        ),
      );
    } else if (withLineFeed) {
      out.push(Uint8Array.of(0x0a));
    }
    pending = [];
    segments = [];
  };

  for (const command of queue) {
    switch (command.op) {
      case 'text':
        segments.push({ text: command.text, style: { ...style } });
        pending.push(command);
        continue;
      case 'newline':
        flush(true);
        continue;
      case 'align':
        style.align = command.align;
        break;
      case 'bold':
        style.bold = command.on;
        break;
      case 'size':
        style.width = command.width;
        style.height = command.height;
        break;
      case 'font':
        style.font = command.font;
        break;
      case 'init':
        Object.assign(style, { align: 'left', bold: false, width: 1, height: 1, font: 'A' });
        break;
      default:
        break;
    }
    if (
      command.op === 'align' ||
      command.op === 'bold' ||
      command.op === 'size' ||
      command.op === 'font'
    ) {
      pending.push(command);
      continue;
    }
    flush(false);
    out.push(...commandBytes(command, profile));
  }
  flush(false);
  return concatBytes(out);
}

/** Draws one printed line as a full-width image, aligned as the printer would align text. */
function drawLine(
  segments: readonly Segment[],
  profile: ReceiptPrinterProfile,
  glyphs: GlyphSource,
): MonoBitmap {
  const cellsOf = (style: Style) => {
    const narrowCols = style.font === 'A' ? profile.columns.fontA : profile.columns.fontB;
    return {
      narrowWidth: Math.floor(profile.dotsPerLine / narrowCols) * style.width,
      wideWidth: Math.floor(profile.dotsPerLine / profile.columns.cjk) * style.width,
      height: (style.font === 'A' ? 24 : 17) * style.height,
    };
  };
  const height = Math.max(24, ...segments.map((segment) => cellsOf(segment.style).height)) + 6;
  const scratch = new MonoBitmap(profile.dotsPerLine * 2, height);
  let pen = 0;
  for (const segment of segments) {
    const cells = cellsOf(segment.style);
    pen = drawText(
      scratch,
      glyphs,
      segment.text,
      pen,
      height - 3 - cells.height,
      cells,
      segment.style.bold,
    );
  }
  const align = segments[0]?.style.align ?? 'left';
  const used = Math.min(pen, profile.dotsPerLine);
  const shift =
    align === 'left'
      ? 0
      : align === 'center'
        ? Math.floor((profile.dotsPerLine - used) / 2)
        : profile.dotsPerLine - used;
  const line = new MonoBitmap(profile.dotsPerLine, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < used; x++) if (scratch.get(x, y)) line.set(x + shift, y, 1);
  }
  return line;
}
