import { pinyin } from 'pinyin-pro';
import type { GuideSummary } from '../platform/schemas-services.ts';

/**
 * Kiosk-side search over the guide catalogue: Chinese substrings, full pinyin ("shebao") and
 * pinyin initials ("sb" finds 社保), over each guide's name, keywords and department. Names
 * rank before keywords, keywords before departments; the platform's order breaks ties.
 */

/** Longest query searched: a keyword, not a sentence; longer input is cut. */
export const MAX_QUERY_LENGTH = 32;

const CJK = /[\u3400-\u9fff]/;

/** The forms a text is matched in: as written, full pinyin and initials, all lower case. */
function formsOf(text: string): string[] {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const initials = pinyin(text, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  });
  const squash = (parts: string[]): string => parts.join('').replace(/\s+/g, '').toLowerCase();
  return [text.toLowerCase(), squash(syllables), squash(initials)];
}

function matches(text: string, query: string): boolean {
  if (CJK.test(query)) return text.includes(query);
  return formsOf(text).some((form) => form.includes(query));
}

/** The guides that match `query`, best first; an empty query matches nothing. */
export function searchGuides(guides: readonly GuideSummary[], rawQuery: string): GuideSummary[] {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '').slice(0, MAX_QUERY_LENGTH);
  if (query.length === 0) return [];
  const ranked = guides
    .map((guide, index) => {
      const rank = [guide.name, guide.nameEn ?? ''].some((t) => matches(t, query))
        ? 0
        : guide.keywords.some((k) => matches(k, query))
          ? 1
          : matches(guide.department, query)
            ? 2
            : undefined;
      return { guide, index, rank };
    })
    .filter((r): r is { guide: GuideSummary; index: number; rank: number } => r.rank !== undefined);
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((r) => r.guide);
}
