import { describe, expect, it } from 'vitest';
import { GUIDES } from '../platform/sandbox/guides-data.ts';
import { searchGuides } from './guide-search.ts';

const ids = (query: string): string[] => searchGuides(GUIDES, query).map((g) => g.id);

describe('guide search', () => {
  it('finds 社保 by its pinyin initials, its full pinyin and its characters', () => {
    for (const query of ['sb', 'SB', 'shebao', 'SHEBAO', '社保']) {
      expect(ids(query), query).toContain('si-payment-certificate');
    }
  });

  it('ranks a name match before a keyword match', () => {
    const found = ids('gongjijin');
    expect(found[0]).toMatch(/^hpf-/);
    expect(found).toContain('enterprise-hpf-registration');
  });

  it('matches English names too, and nothing for an empty or unknown query', () => {
    expect(ids('marriage')).toContain('marriage-registration');
    expect(ids('   ')).toEqual([]);
    expect(ids('qqqqzzzz')).toEqual([]);
  });
});
