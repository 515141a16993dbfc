import { describe, expect, it } from 'vitest';
import { IdleTimer, type Clock } from './idle.ts';

/** A clock that only moves when the test says so. */
class FakeClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

function setup(timeout = 60, warning = 10) {
  const clock = new FakeClock();
  const log: string[] = [];
  const timer = new IdleTimer(
    timeout,
    warning,
    {
      onWarning: (s) => log.push(`warn ${s}`),
      onWarningCleared: () => log.push('cleared'),
      onExpired: () => log.push('expired'),
    },
    clock,
  );
  return { clock, log, timer };
}

describe('the idle timer', () => {
  it('warns with a countdown and then ends the session', () => {
    const { clock, log, timer } = setup();
    timer.start();
    clock.advance(49_000);
    expect(log).toEqual([]);
    clock.advance(1_000);
    expect(log).toEqual(['warn 10']);
    clock.advance(10_000);
    expect(log.at(-1)).toBe('expired');
    expect(log.filter((l) => l.startsWith('warn'))).toHaveLength(10);
  });

  it('starts over when the resident touches the screen during the warning', () => {
    const { clock, log, timer } = setup();
    timer.start();
    clock.advance(55_000);
    timer.activity();
    expect(log.at(-1)).toBe('cleared');
    clock.advance(49_000);
    expect(log.includes('expired')).toBe(false);
    clock.advance(11_000);
    expect(log.at(-1)).toBe('expired');
  });

  it('never expires while the kiosk is busy printing, and counts again afterwards', () => {
    const { clock, log, timer } = setup();
    timer.start();
    clock.advance(30_000);
    timer.setBusy(true);
    clock.advance(300_000);
    expect(log).toEqual([]);
    timer.setBusy(false);
    clock.advance(59_000);
    expect(log.includes('expired')).toBe(false);
    clock.advance(1_000);
    expect(log.at(-1)).toBe('expired');
  });

  it('refuses a warning as long as the timeout', () => {
    expect(() => setup(30, 30)).toThrow(/must be shorter/);
  });
});
