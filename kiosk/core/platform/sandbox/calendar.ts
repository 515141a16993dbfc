/**
 * Month arithmetic in China Standard Time. The platform settles contributions per calendar
 * month in Beijing time, and UTC+8 has no daylight saving, so a fixed offset is exact.
 */

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A calendar month; `month` is 1-12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** The month `now` falls in, in Beijing time. */
export function monthInChina(now: Date): YearMonth {
  const shifted = new Date(now.getTime() + CST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** Moves a month by `delta` months (negative goes back). */
export function addMonths(at: YearMonth, delta: number): YearMonth {
  const index = at.year * 12 + (at.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Months from `from` to `to` (positive when `to` is later). */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return to.year * 12 + to.month - (from.year * 12 + from.month);
}

/** Formats as `YYYY-MM`. */
export function formatMonth(at: YearMonth): string {
  return `${at.year}-${String(at.month).padStart(2, '0')}`;
}

/**
 * The last `count` settled months before the current one, oldest first. The current month is
 * left out because its contribution is not collected until the month ends.
 */
export function settledMonths(now: Date, count: number): YearMonth[] {
  const current = monthInChina(now);
  const months: YearMonth[] = [];
  for (let back = count; back >= 1; back--) months.push(addMonths(current, -back));
  return months;
}

/** Whole years between a `YYYYMMDD` birth date and `now` (Beijing time). */
export function ageOn(birthDate: string, now: Date): number {
  const year = Number(birthDate.slice(0, 4));
  const monthDay = Number(birthDate.slice(4, 8));
  const shifted = new Date(now.getTime() + CST_OFFSET_MS);
  const nowMonthDay = (shifted.getUTCMonth() + 1) * 100 + shifted.getUTCDate();
  return shifted.getUTCFullYear() - year - (nowMonthDay < monthDay ? 1 : 0);
}

/** A record's period: the last N settled months, or a month range (both ends included). */
export type Period = number | { from: YearMonth; to: YearMonth };

/** The settled months of a period, oldest first; a range is cut at the last settled month. */
export function periodMonths(now: Date, period: Period): YearMonth[] {
  if (typeof period === 'number') return settledMonths(now, period);
  const lastSettled = addMonths(monthInChina(now), -1);
  const end = monthsBetween(period.to, lastSettled) < 0 ? lastSettled : period.to;
  const months: YearMonth[] = [];
  for (let at = period.from; monthsBetween(at, end) >= 0; at = addMonths(at, 1)) months.push(at);
  return months;
}

/** Parses `YYYY-MM` (already validated by the caller's schema). */
export function parseMonth(text: string): YearMonth {
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) };
}
