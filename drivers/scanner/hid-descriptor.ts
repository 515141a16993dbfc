/**
 * A HID report-descriptor parser: enough of HID 1.11 §6.2.2 to say, for every Input, Output
 * and Feature item, which report it is in, where its bits are and which usages it carries.
 * HID POS scanners differ by vendor in report layout, so the layout is read from here
 * rather than hard-coded (spec §2.2).
 */

/** The three kinds of report a Main item declares. */
export type ReportKind = 'input' | 'output' | 'feature';

/** A run of usages: one Usage item (first = last) or a Usage Minimum/Maximum pair. */
export interface UsageSpan {
  first: number;
  last: number;
}

/** One Main item: `count` elements of `bitSize` bits each, starting at `bitOffset`. */
export interface ReportField {
  kind: ReportKind;
  /** 0 when the device uses no report ids. */
  reportId: number;
  /** From the start of the report data, after the report id byte. */
  bitOffset: number;
  bitSize: number;
  count: number;
  /** Extended usages (page << 16 | id), in declaration order. */
  usages: UsageSpan[];
  /** Data bit 0: a constant (padding) field. */
  constant: boolean;
  /** Data bit 1 clear: an array field, whose values are usage indexes. */
  array: boolean;
  logicalMinimum: number;
  logicalMaximum: number;
}

/** What the parser found. */
export interface ParsedDescriptor {
  fields: ReportField[];
  /** Usages of the top-level (application) collections. */
  applications: number[];
}

/** Why a descriptor could not be parsed. */
export type DescriptorProblem = 'truncated' | 'unbalanced' | 'stack' | 'limit';

/** A descriptor that is not a valid HID report descriptor; `offset` is the bad item's byte. */
export class HidDescriptorError extends Error {
  override readonly name = 'HidDescriptorError';
  constructor(
    readonly problem: DescriptorProblem,
    readonly offset: number,
    detail: string,
  ) {
    super(`HID report descriptor, byte ${offset}: ${detail}`);
  }
}

/** Makes a usage from page and id, as `0x8C00FE` for Decoded Data. */
export const usage = (page: number, id: number): number => page * 0x10000 + id;

/** The usage of element `index` of a field: variable fields reuse the last usage (HID 1.11 §6.2.2.8). */
export function usageAt(field: ReportField, index: number): number | undefined {
  let remaining = index;
  let last: number | undefined;
  for (const span of field.usages) {
    const size = span.last - span.first + 1;
    if (remaining < size) return span.first + remaining;
    remaining -= size;
    last = span.last;
  }
  return last;
}

interface GlobalState {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

const MAX_FIELDS = 4096;
const MAX_STACK = 16;
const MAX_USAGES_PER_ITEM = 1024;
const MAX_REPORT_BITS = 1 << 20;

/** Parses a report descriptor. Throws only HidDescriptorError, whatever the bytes. */
export function parseReportDescriptor(bytes: Uint8Array): ParsedDescriptor {
  const fields: ReportField[] = [];
  const applications: number[] = [];
  const offsets = new Map<string, number>();
  const stack: GlobalState[] = [];
  let global: GlobalState = {
    usagePage: 0,
    logicalMinimum: 0,
    logicalMaximum: 0,
    reportSize: 0,
    reportCount: 0,
    reportId: 0,
  };
  let usages: UsageSpan[] = [];
  let usageMinimum: number | undefined;
  let depth = 0;
  let at = 0;
  const extend = (value: number, size: number): number =>
    size === 4 ? value : usage(global.usagePage, value);

  while (at < bytes.length) {
    const start = at;
    const prefix = bytes[at] ?? 0;
    if (prefix === 0xfe) {
      // Long item: no defined long items exist, so its data is skipped.
      const size = bytes[at + 1];
      if (size === undefined || at + 3 + size > bytes.length)
        throw new HidDescriptorError('truncated', start, 'a long item runs past the end');
      at += 3 + size;
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03] ?? 0;
    if (at + 1 + size > bytes.length)
      throw new HidDescriptorError('truncated', start, `an item needs ${size} data bytes`);
    let unsigned = 0;
    for (let i = 0; i < size; i++) unsigned += (bytes[at + 1 + i] ?? 0) * 2 ** (8 * i);
    const signed =
      size > 0 && unsigned >= 2 ** (8 * size - 1) ? unsigned - 2 ** (8 * size) : unsigned;
    at += 1 + size;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;

    if (type === 0) {
      // Main item.
      const kind: ReportKind | undefined =
        tag === 0x8 ? 'input' : tag === 0x9 ? 'output' : tag === 0xb ? 'feature' : undefined;
      if (kind) {
        const key = `${kind}:${global.reportId}`;
        const bitOffset = offsets.get(key) ?? 0;
        const bits = global.reportSize * global.reportCount;
        if (bitOffset + bits > MAX_REPORT_BITS)
          throw new HidDescriptorError(
            'limit',
            start,
            `the ${kind} report ${global.reportId} exceeds ${MAX_REPORT_BITS} bits`,
          );
        if (fields.length >= MAX_FIELDS)
          throw new HidDescriptorError('limit', start, `more than ${MAX_FIELDS} fields`);
        offsets.set(key, bitOffset + bits);
        fields.push({
          kind,
          reportId: global.reportId,
          bitOffset,
          bitSize: global.reportSize,
          count: global.reportCount,
          usages,
          constant: (unsigned & 0x01) !== 0,
          array: (unsigned & 0x02) === 0,
          logicalMinimum: global.logicalMinimum,
          logicalMaximum: global.logicalMaximum,
        });
      } else if (tag === 0xa) {
        if (depth === 0 && usages[0]) applications.push(usages[0].first);
        depth++;
      } else if (tag === 0xc) {
        if (depth === 0)
          throw new HidDescriptorError('unbalanced', start, 'End Collection without a Collection');
        depth--;
      }
      usages = [];
      usageMinimum = undefined;
    } else if (type === 1) {
      // Global item.
      if (tag === 0x0) global.usagePage = unsigned;
      else if (tag === 0x1) global.logicalMinimum = signed;
      else if (tag === 0x2) global.logicalMaximum = global.logicalMinimum < 0 ? signed : unsigned;
      else if (tag === 0x7) global.reportSize = unsigned;
      else if (tag === 0x8) global.reportId = unsigned;
      else if (tag === 0x9) global.reportCount = unsigned;
      else if (tag === 0xa) {
        if (stack.length >= MAX_STACK)
          throw new HidDescriptorError('stack', start, `Push nested deeper than ${MAX_STACK}`);
        stack.push({ ...global });
      } else if (tag === 0xb) {
        const popped = stack.pop();
        if (!popped) throw new HidDescriptorError('stack', start, 'Pop without a Push');
        global = popped;
      }
    } else if (type === 2) {
      // Local item.
      if (usages.length >= MAX_USAGES_PER_ITEM)
        throw new HidDescriptorError(
          'limit',
          start,
          `more than ${MAX_USAGES_PER_ITEM} usages on one item`,
        );
      if (tag === 0x0) usages.push({ first: extend(unsigned, size), last: extend(unsigned, size) });
      else if (tag === 0x1) usageMinimum = extend(unsigned, size);
      else if (tag === 0x2 && usageMinimum !== undefined) {
        const last = extend(unsigned, size);
        if (last >= usageMinimum) usages.push({ first: usageMinimum, last });
        usageMinimum = undefined;
      }
    }
  }
  if (depth !== 0)
    throw new HidDescriptorError('unbalanced', bytes.length, `${depth} collection(s) not closed`);
  return { fields, applications };
}
