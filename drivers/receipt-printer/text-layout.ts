/**
 * Column-aware text layout for fixed-pitch receipt fonts. On Chinese-market printers every
 * double-byte GB18030 character prints as a full-width 24x24 cell, two Font-A columns,
 * so "wide" here means "anything that is not printable ASCII".
 */

/** Measures text in some unit (columns, dots); the layout functions work in that unit. */
export type TextMeasure = (text: string) => number;

/** Width in Font-A columns: printable ASCII counts 1, every other character 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isNarrow(char) ? 1 : 2;
  return width;
}

/** True for characters printed from the single-byte (half-width) font. */
export function isNarrow(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20 && code <= 0x7e;
}

/**
 * Wraps text into lines no wider than `maxWidth`. ASCII words stay whole when they fit on
 * a line of their own; CJK text breaks between any two characters, as Chinese typesetting
 * allows. A `\n` in the text forces a break.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  measure: TextMeasure = displayWidth,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of tokenize(paragraph)) {
      if (measure(line + token) <= maxWidth) {
        line += token;
        continue;
      }
      if (line.trim().length > 0) lines.push(line.trimEnd());
      line = token.trimStart();
      // A token longer than a whole line is cut by character, the only way left to fit it.
      while (measure(line) > maxWidth) {
        let cut = '';
        for (const char of line) {
          if (measure(cut + char) > maxWidth) break;
          cut += char;
        }
        if (cut.length === 0) break;
        lines.push(cut);
        line = line.slice(cut.length);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Splits into break opportunities: runs of ASCII non-spaces, single spaces, single wide chars. */
function tokenize(text: string): string[] {
  return text.match(/[\x21-\x7e]+|\s|[^\x21-\x7e\s]/gu) ?? [];
}

/**
 * Lays out a "label ...... value" row. When both do not fit on one line with at least one
 * fill character between, the label gets its own line(s) and the value is right-aligned below.
 */
export function twoColumnRow(
  label: string,
  value: string,
  maxWidth: number,
  measure: TextMeasure = displayWidth,
  fill = ' ',
): string[] {
  const fillWidth = measure(fill);
  const gap = maxWidth - measure(label) - measure(value);
  if (gap >= fillWidth) {
    return [
      label + fill.repeat(Math.floor(gap / fillWidth)) + padTo(gap % fillWidth, measure) + value,
    ];
  }
  const lines = wrapText(label, maxWidth, measure);
  for (const part of wrapText(value, maxWidth, measure)) {
    lines.push(padTo(maxWidth - measure(part), measure) + part);
  }
  return lines;
}

/** Spaces filling `width` units (rounded down to whole spaces). */
function padTo(width: number, measure: TextMeasure): string {
  const space = measure(' ') || 1;
  return ' '.repeat(Math.max(0, Math.floor(width / space)));
}

/** A horizontal rule as wide as the line, made of `char` (one column wide). */
export function ruleLine(
  maxWidth: number,
  measure: TextMeasure = displayWidth,
  char = '-',
): string {
  return char.repeat(Math.max(0, Math.floor(maxWidth / (measure(char) || 1))));
}
