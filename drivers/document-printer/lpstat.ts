/**
 * Pure parsers for what the CUPS command-line tools print (run with LANG=C), and the mapping
 * of CUPS printer-state-reasons onto the common device model. Kept free of I/O so every
 * format seen in the field can be pinned down by a unit test on captured output.
 */
import type { DeviceStatus, SupplyState } from '../device/model.ts';

/** What `lpstat -l -p <queue>` says about one queue. */
export interface QueueStatus {
  /** idle / printing from the first line, disabled for a stopped queue. */
  state: 'idle' | 'printing' | 'disabled' | 'unknown';
  /** The printer-state-message line under the first line, when there is one. */
  message: string | undefined;
  /** Raw printer-state-reasons keywords from the `Alerts:` line (`none` dropped). */
  alerts: string[];
}

/** The labels of the detail lines `lpstat -l -p` prints (lpstat.c), never a state message. */
const LPSTAT_KEY =
  /^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault):/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads the job number from `lp` output (`request id is <queue>-<n> (1 file(s))`), in any language. */
export function parseRequestId(stdout: string, queue: string): number | undefined {
  const match = new RegExp(`(?:^|[^\\w-])${escapeRegExp(queue)}-(\\d+)\\b`).exec(stdout);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Parses `lpstat -l -p <queue>` output; lines for other queues are ignored. */
export function parseQueueStatus(stdout: string, queue: string): QueueStatus {
  const lines = stdout.split('\n');
  const first = lines.findIndex((line) => line.startsWith(`printer ${queue} `));
  if (first < 0) return { state: 'unknown', message: undefined, alerts: [] };
  const head = lines[first] ?? '';
  const state = / is idle\./.test(head)
    ? 'idle'
    : / now printing /.test(head)
      ? 'printing'
      : / disabled since /.test(head)
        ? 'disabled'
        : 'unknown';
  // lpstat prints the printer-state-message, if any, on the line right after the header.
  const second = lines[first + 1] ?? '';
  const message =
    second.startsWith('\t') && !LPSTAT_KEY.test(second.trim()) && second.trim() !== 'reason unknown'
      ? second.trim()
      : undefined;
  let alerts: string[] = [];
  for (const line of lines.slice(first + 1)) {
    if (!line.startsWith('\t')) break;
    const text = line.trim();
    if (text.startsWith('Alerts:')) {
      alerts = text
        .slice('Alerts:'.length)
        .split(/[\s,]+/)
        .filter((word) => word.length > 0 && word !== 'none');
    }
  }
  return { state, message, alerts };
}

/** Strips the IPP severity suffix: `media-empty-error` → `media-empty`. */
export function reasonStem(keyword: string): string {
  return keyword.replace(/-(report|warning|error)$/, '');
}

/** A queue's state in the terms of the common device model. */
export interface PrinterCondition {
  status: DeviceStatus;
  paper: SupplyState;
  detail: string;
}

const HARDWARE_STEMS = [
  'cover-open',
  'door-open',
  'interlock-open',
  'fuser-over-temp',
  'fuser-under-temp',
  'input-tray-missing',
];

/**
 * Maps a queue status onto the device model. Paper comes only from reasons; with none the
 * paper is taken as full, since plain USB printers report nothing until they run out.
 */
export function conditionOf(queue: QueueStatus): PrinterCondition {
  const stems = new Set(queue.alerts.map(reasonStem));
  const paper: SupplyState = stems.has('media-jam')
    ? 'jammed'
    : stems.has('media-empty') || stems.has('media-needed')
      ? 'out'
      : stems.has('media-low')
        ? 'low'
        : 'full';
  const reasons = queue.alerts.length === 0 ? '' : ` (${queue.alerts.join(', ')})`;
  const note = queue.message === undefined ? '' : `: ${queue.message}`;
  if (queue.state === 'unknown')
    return { status: 'noDevice', paper: 'unknown', detail: 'the CUPS queue does not exist' };
  if (queue.state === 'disabled' || stems.has('paused') || stems.has('moving-to-paused')) {
    return {
      status: 'offline',
      paper,
      detail: `queue disabled or paused${note}${reasons}; run cupsenable after fixing the printer`,
    };
  }
  if (stems.has('offline') || stems.has('connecting-to-device') || stems.has('shutdown')) {
    return { status: 'offline', paper, detail: `printer not reachable${note}${reasons}` };
  }
  if (paper === 'jammed' || HARDWARE_STEMS.some((stem) => stems.has(stem))) {
    return { status: 'hardwareError', paper, detail: `printer fault${note}${reasons}` };
  }
  if (paper === 'out') return { status: 'online', paper, detail: `paper out${reasons}` };
  return {
    status: queue.state === 'printing' ? 'busy' : 'online',
    paper,
    detail: `${queue.state}${note}${reasons}`,
  };
}

/** Job numbers of `queue` listed by `lpstat -o <queue>` or `lpstat -W completed -o <queue>`. */
export function parseJobList(stdout: string, queue: string): Set<number> {
  const ids = new Set<number>();
  const line = new RegExp(`^${escapeRegExp(queue)}-(\\d+)\\s`);
  for (const text of stdout.split('\n')) {
    const match = line.exec(text);
    if (match?.[1] !== undefined) ids.add(Number(match[1]));
  }
  return ids;
}
