import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyboardReportDecoder, encodeKeyboardReports, type KeyEvent } from './keyboard-usage.ts';

/** 2,000 runs by default; `KIOSK24_LONG=1` runs 100,000 (the nightly fuzz budget). */
const numRuns = process.env.KIOSK24_LONG === '1' ? 100_000 : 2_000;

function typedText(events: KeyEvent[]): { text: string; ends: number } {
  let text = '';
  let ends = 0;
  for (const event of events) {
    if (event.kind === 'char') text += event.char;
    if (event.kind === 'enter') ends++;
  }
  return { text, ends };
}

const printable = fc
  .array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 1, maxLength: 200 })
  .map((codes) => String.fromCharCode(...codes));

/** Chinese characters from the GB2312 level-1 block, all of which GBK holds. */
const chinese = fc
  .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x4f00 })), {
    minLength: 1,
    maxLength: 60,
  })
  .map((codes) => String.fromCodePoint(...codes))
  .filter((text) => ![...text].some((c) => c.codePointAt(0) === 0x4e0f));

describe('boot keyboard reports', () => {
  it('decode back to the printable ASCII text they were encoded from, then one Enter', () => {
    fc.assert(
      fc.property(printable, (text) => {
        const decoder = new KeyboardReportDecoder();
        const events = encodeKeyboardReports(text).flatMap((report) => decoder.push(report));
        expect(typedText(events)).toEqual({ text, ends: 1 });
      }),
      { numRuns },
    );
  });

  it('decode Alt+keypad GBK codes back to the Chinese text they were encoded from', () => {
    fc.assert(
      fc.property(chinese, (text) => {
        const decoder = new KeyboardReportDecoder();
        const events = encodeKeyboardReports(text).flatMap((report) => decoder.push(report));
        expect(typedText(events).text).toBe(text);
      }),
      { numRuns: Math.ceil(numRuns / 4) },
    );
  });

  it('never throw on random reports and only yield typed events', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 50 }), (reports) => {
        const decoder = new KeyboardReportDecoder();
        for (const report of reports) {
          for (const event of decoder.push(report)) {
            expect(['char', 'enter', 'tab', 'other']).toContain(event.kind);
          }
        }
      }),
      { numRuns },
    );
  });
});
