import { CapabilityError } from './errors.ts';

/**
 * Longest range a record query may ask for: three years, what a certificate may attest (the
 * platform refuses more, so the kiosk says so before asking).
 */
export const MAX_RANGE_MONTHS = 36;

/** Earliest year a month may name: social insurance records start in the 1990s. */
const EARLIEST_YEAR = 1990;

/** Records are kept by the calendar month in China, whatever the kiosk's own time zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM` (the platform's form) or `YYYYMM` (six digits typed on the kiosk's pad). */
const MONTH = /^(\d{4})-?(\d{2})$/;

interface Month {
  year: number;
  month: number;
}

/**
 * Checks a `from`-`to` month range a resident typed (or a flow passed) before the platform is
 * asked, and gives it back as `YYYY-MM`. A text that is no month fails with `malformed`; a
 * range ending before it starts, reaching past the current month or longer than
 * {@link MAX_RANGE_MONTHS} fails with `rejected`. The message names the rule for the log; the
 * flow's screen says what to fix.
 */
export function checkedRange(
  operation: string,
  from: string,
  to: string,
  nowMs: number,
): { from: string; to: string } {
  const first = parseMonth(operation, 'from', from);
  const last = parseMonth(operation, 'to', to);
  const span = index(last) - index(first) + 1;
  const current = currentMonth(nowMs);
  const refuse = (rule: string): never => {
    throw new CapabilityError(`${operation}: the range ${text(first)} to ${text(last)} ${rule}`, {
      rejected: true,
    });
  };
  if (span < 1) refuse('ends before it starts');
  if (index(last) > index(current)) refuse(`reaches past the current month ${text(current)}`);
  if (span > MAX_RANGE_MONTHS) refuse(`is ${span} months, more than ${MAX_RANGE_MONTHS}`);
  return { from: text(first), to: text(last) };
}

function parseMonth(operation: string, field: string, value: string): Month {
  const match = MONTH.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || year < EARLIEST_YEAR) {
    throw new CapabilityError(
      `${operation}: args.${field} must be a month as YYYYMM or YYYY-MM from ${EARLIEST_YEAR} on (got ${value.length} characters)`,
      { malformed: true },
    );
  }
  return { year, month };
}

function currentMonth(nowMs: number): Month {
  const china = new Date(nowMs + CHINA_OFFSET_MS);
  return { year: china.getUTCFullYear(), month: china.getUTCMonth() + 1 };
}

const index = (m: Month): number => m.year * 12 + (m.month - 1);
const text = (m: Month): string => `${m.year}-${String(m.month).padStart(2, '0')}`;
