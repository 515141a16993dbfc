import { describe, expect, it } from 'vitest';
import {
  conditionOf,
  parseJobList,
  parseQueueStatus,
  parseRequestId,
  reasonStem,
} from './lpstat.ts';

// Captured from CUPS 2.4 `LANG=C lpstat -l -p kiosk` (tails trimmed), and shaped after lpstat.c
// for the reasons a test scheduler cannot produce on demand (media-empty, media-jam).
const IDLE = `printer kiosk is idle.  enabled since Sun Nov 22 04:22:23 2026
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: kiosk
\tAlerts: none
\tLocation: 
\tConnection: direct
`;
const PRINTING_UNREACHABLE = `printer kiosk now printing kiosk-7.  enabled since Sun Nov 22 04:23:42 2026
\tThe printer may not exist or is unavailable at this time.
\tForm mounted:
\tContent types: any
\tDescription: kiosk
\tAlerts: none
`;
const DISABLED = `printer kiosk disabled since Sun Nov 22 04:23:47 2026 -
\treason unknown
\tForm mounted:
\tDescription: kiosk
\tAlerts: paused
`;
const withAlerts = (alerts: string): string => IDLE.replace('Alerts: none', `Alerts: ${alerts}`);

describe('parseRequestId', () => {
  it('reads the job number from the English lp answer', () => {
    expect(parseRequestId('request id is kiosk-42 (1 file(s))\n', 'kiosk')).toBe(42);
  });

  it('reads it from a translated answer too', () => {
    expect(parseRequestId('请求 ID 为 kiosk-7（1 个文件）\n', 'kiosk')).toBe(7);
  });

  it('does not take the job of a queue whose name merely ends the same', () => {
    expect(parseRequestId('request id is old-kiosk-3 (1 file(s))', 'kiosk')).toBeUndefined();
  });

  it('treats the queue name literally, not as a pattern', () => {
    expect(parseRequestId('request id is a.b-5 (1 file(s))', 'a.b')).toBe(5);
    expect(parseRequestId('request id is axb-5 (1 file(s))', 'a.b')).toBeUndefined();
  });
});

describe('parseQueueStatus', () => {
  it('reads an idle queue with no alerts', () => {
    expect(parseQueueStatus(IDLE, 'kiosk')).toEqual({
      state: 'idle',
      message: undefined,
      alerts: [],
    });
  });

  it('reads the state message printed under a busy queue', () => {
    expect(parseQueueStatus(PRINTING_UNREACHABLE, 'kiosk')).toEqual({
      state: 'printing',
      message: 'The printer may not exist or is unavailable at this time.',
      alerts: [],
    });
  });

  it('reads a disabled queue and its alerts', () => {
    expect(parseQueueStatus(DISABLED, 'kiosk')).toEqual({
      state: 'disabled',
      message: undefined,
      alerts: ['paused'],
    });
  });

  it('reports an unknown state when the queue is not in the output', () => {
    expect(parseQueueStatus('', 'kiosk').state).toBe('unknown');
  });
});

describe('conditionOf', () => {
  const condition = (text: string): ReturnType<typeof conditionOf> =>
    conditionOf(parseQueueStatus(text, 'kiosk'));

  it('strips severity suffixes to find the reason stem', () => {
    expect(
      ['media-empty-error', 'toner-low-report', 'media-low-warning', 'paused'].map(reasonStem),
    ).toEqual(['media-empty', 'toner-low', 'media-low', 'paused']);
  });

  it('maps an idle queue to online with paper taken as full', () => {
    expect(condition(IDLE)).toMatchObject({ status: 'online', paper: 'full' });
  });

  it('maps media-empty and media-needed to paper out', () => {
    expect(
      condition(withAlerts('media-empty-warning media-empty-error media-needed')),
    ).toMatchObject({ paper: 'out' });
    expect(condition(withAlerts('media-needed'))).toMatchObject({ paper: 'out' });
  });

  it('maps media-low to low paper while still online', () => {
    expect(condition(withAlerts('media-low-report'))).toMatchObject({
      status: 'online',
      paper: 'low',
    });
  });

  it('maps media-jam to a jammed supply and a hardware error', () => {
    expect(condition(withAlerts('media-jam-error'))).toMatchObject({
      status: 'hardwareError',
      paper: 'jammed',
    });
  });

  it('maps offline-report and connecting-to-device to offline', () => {
    expect(condition(withAlerts('offline-report'))).toMatchObject({ status: 'offline' });
    expect(condition(withAlerts('connecting-to-device'))).toMatchObject({ status: 'offline' });
  });

  it('maps a disabled or paused queue to offline and says how to re-enable it', () => {
    const disabled = condition(DISABLED);
    expect(disabled.status).toBe('offline');
    expect(disabled.detail).toContain('cupsenable');
  });

  it('maps a printing queue to busy', () => {
    expect(condition(PRINTING_UNREACHABLE).status).toBe('busy');
  });

  it('maps a missing queue to noDevice', () => {
    expect(condition('')).toMatchObject({ status: 'noDevice', paper: 'unknown' });
  });
});

describe('parseJobList', () => {
  it('collects the job numbers of the queue from lpstat -o output', () => {
    const out = `kiosk-7                 root             33792   Sun Nov 22 04:23:42 2026
kiosk-6                 root             33792   Sun Nov 22 04:23:38 2026
other-9                 root              1024   Sun Nov 22 04:23:38 2026
`;
    expect([...parseJobList(out, 'kiosk')]).toEqual([7, 6]);
  });

  it('returns no jobs for empty output', () => {
    expect(parseJobList('', 'kiosk').size).toBe(0);
  });
});
