import { describe, expect, it } from 'vitest';
import { displayWidth, ruleLine, twoColumnRow, wrapText } from './text-layout.ts';

describe('receipt text layout', () => {
  it('counts ASCII as one column and CJK as two', () => {
    expect(displayWidth('AB')).toBe(2);
    expect(displayWidth('中文A')).toBe(5);
    expect(displayWidth('，')).toBe(2);
  });

  it('wraps English at spaces without splitting words that fit', () => {
    expect(wrapText('print your social insurance record', 12)).toEqual([
      'print your',
      'social',
      'insurance',
      'record',
    ]);
  });

  it('wraps CJK between characters by display width', () => {
    expect(wrapText('社保参保证明打印', 6)).toEqual(['社保参', '保证明', '打印']);
  });

  it('cuts a word longer than the line by character', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('lays a label and value on one line with the fill between', () => {
    expect(twoColumnRow('姓名', '张*丰', 16, undefined, '.')).toEqual(['姓名.......张*丰']);
  });

  it('folds a pair that does not fit, the value right-aligned below', () => {
    expect(twoColumnRow('证明编号', 'SI-2024-000123', 16)).toEqual([
      '证明编号',
      '  SI-2024-000123',
    ]);
  });

  it('draws a rule as wide as the line', () => {
    expect(ruleLine(10)).toBe('----------');
  });
});
