import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextEvent, within } from '../../test/support/time.ts';
import { createLogger } from '../core/log.ts';
import { watchStopSignals, type StopOptions, type StopSignals } from './stop-signals.ts';

/** A budget short enough for a test, long against the steps that are meant to fit in it. */
const TEST_BUDGET_MS = 300;

let watching: StopSignals | undefined;

afterEach(() => watching?.dispose());

/** Watches for stop signals with a logger whose lines the test reads back, as parsed JSON. */
function watch(options: StopOptions = {}): {
  signals: StopSignals;
  lines: { level: number; msg: string }[];
  exit: ReturnType<typeof vi.fn>;
} {
  const lines: { level: number; msg: string }[] = [];
  const log = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    }),
  });
  const exit = vi.fn();
  watching = watchStopSignals(log, { exit, ...options });
  return { signals: watching, lines, exit };
}

describe('stopping on a signal', () => {
  it('keeps a signal that came while starting and runs the steps in order once asked, exiting 0', async () => {
    const { signals, lines } = watch();
    process.emit('SIGTERM', 'SIGTERM');
    expect(await within(signals.requested, 'the stop request')).toBe('SIGTERM');
    const order: string[] = [];
    const code = await signals.stop([
      { name: 'window', run: () => Promise.resolve(void order.push('window')) },
      { name: 'host', run: () => Promise.resolve(void order.push('host')) },
      { name: 'core', run: () => Promise.resolve(void order.push('core')) },
    ]);
    expect(code).toBe(0);
    expect(order).toEqual(['window', 'host', 'core']);
    expect(lines.map((l) => l.msg)).toEqual(['stop requested', 'stopped']);
    expect(lines.every((l) => l.level <= 30)).toBe(true);
  });

  it('notes a second signal during the stop and still stops once, with exit 0', async () => {
    const { signals, lines } = watch();
    process.emit('SIGINT', 'SIGINT');
    let runs = 0;
    let release: () => void = () => undefined;
    const stopping = signals.stop([
      { name: 'core', run: () => new Promise<void>((resolve) => ((release = resolve), runs++)) },
    ]);
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGTERM', 'SIGTERM');
    release();
    expect(await stopping).toBe(0);
    expect(await signals.stop([])).toBe(0);
    expect(runs).toBe(1);
    expect(lines.filter((l) => l.msg === 'already stopping')).toHaveLength(2);
    expect(lines.every((l) => l.level <= 30)).toBe(true);
  });

  it('runs the later steps when one fails, and exits 1 with the failure logged', async () => {
    const { signals, lines, exit } = watch();
    let coreClosed = false;
    const code = await signals.stop([
      { name: 'host', run: () => Promise.reject(new Error('port stuck')) },
      { name: 'core', run: () => Promise.resolve(void (coreClosed = true)) },
    ]);
    expect(code).toBe(1);
    expect(coreClosed).toBe(true);
    expect(lines.find((l) => l.level === 50)?.msg).toBe('a stop step failed');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
  });

  it('kills the children and exits 1 when a step runs over the budget', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {
      stdio: 'ignore',
    });
    await nextEvent(child, 'spawn', 'the stand-in child to start');
    const gone = nextEvent(child, 'exit', 'the stand-in child to be killed');
    const { signals, lines, exit } = watch({
      budgetMs: TEST_BUDGET_MS,
      children: () => [child.pid!],
    });
    const code = await signals.stop([
      { name: 'closing the kiosk core', run: () => new Promise<void>(() => undefined) },
    ]);
    expect(code).toBe(1);
    expect((await gone)[1]).toBe('SIGKILL');
    expect(lines.at(-1)).toMatchObject({
      level: 50,
      step: 'closing the kiosk core',
      killed: 1,
    });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
  });
});
