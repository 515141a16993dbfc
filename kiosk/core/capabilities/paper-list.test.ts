import { describe, expect, it } from 'vitest';
import { GUIDE_PAPER_ITEMS, paperList } from './platform-services.ts';

describe('a guide list on paper', () => {
  it('numbers the items on one line', () => {
    expect(paperList(['居民身份证', '户口簿'])).toBe('1. 居民身份证；2. 户口簿');
  });

  it('cuts a long list at the cap and says how many were left off', () => {
    const items = Array.from({ length: GUIDE_PAPER_ITEMS + 3 }, (_, i) => `材料${i + 1}`);
    const line = paperList(items);
    expect(line).toContain(`${GUIDE_PAPER_ITEMS}. 材料${GUIDE_PAPER_ITEMS}`);
    expect(line).not.toContain(`材料${GUIDE_PAPER_ITEMS + 1}`);
    expect(line.endsWith('另有3项，详见大厅或网上办事指南')).toBe(true);
  });

  it('says none for an empty list rather than printing a blank', () => {
    expect(paperList([])).toBe('无');
  });
});
