import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { budget, waitFor } from '../../test/support/time.ts';
import { requireTool } from '../../test/support/tools.ts';
import { silentLogger } from './log.ts';
import { connectServiceManager, pingInterval, type ServiceNotifier } from './service-manager.ts';

/** What systemd would receive: a socat listening on a unix datagram socket, lines timestamped. */
interface Listener {
  socket: string;
  lines: { text: string; at: number }[];
  stop(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(abstract = false): Promise<Listener> {
  requireTool('socat', 'socat');
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-notify-'));
  const name = `kiosk24-notify-test-${process.pid}-${Date.now()}`;
  const socket = abstract ? `@${name}` : join(dir, 'notify.sock');
  const address = abstract ? `ABSTRACT-RECV:${name}` : `UNIX-RECV:${socket}`;
  const child = spawn('socat', ['-u', address, 'STDOUT'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Listener['lines'] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const at = Date.now();
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ text, at });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The listener exists once socat has bound it: a probe datagram is sent without an error.
  const sendProbe = (): Promise<boolean> =>
    new Promise((resolve) => {
      const probe = spawn('socat', ['-u', 'STDIN', address.replace('-RECV:', '-SENDTO:')]);
      probe.once('exit', (code) => resolve(code === 0));
      probe.stdin.end('probe\n');
    });
  await waitFor(sendProbe, `socat to listen on ${socket}`);
  await waitFor(() => lines.some((line) => line.text === 'probe'), 'the probe datagram');
  const listener: Listener = {
    socket,
    lines,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cleanups.push(() => listener.stop());
  return listener;
}

function connect(env: Record<string, string>): ServiceNotifier {
  const notifier = connectServiceManager({ env, log: silentLogger });
  if (notifier === undefined) throw new Error('expected a notifier for NOTIFY_SOCKET');
  cleanups.push(() => notifier.close());
  return notifier;
}

const texts = (listener: Listener): string[] => listener.lines.map((line) => line.text);
const pings = (listener: Listener): number[] =>
  listener.lines.filter((line) => line.text === 'WATCHDOG=1').map((line) => line.at);

describe('the service manager notifier', () => {
  it('does nothing when the kiosk was not started by systemd (no NOTIFY_SOCKET)', () => {
    expect(connectServiceManager({ env: {}, log: silentLogger })).toBeUndefined();
    expect(connectServiceManager({ env: { NOTIFY_SOCKET: '' }, log: silentLogger })).toBe(
      undefined,
    );
  });

  it('refuses a NOTIFY_SOCKET or WATCHDOG_USEC systemd would never set, naming the variable', () => {
    expect(() => connect({ NOTIFY_SOCKET: 'relative/notify' })).toThrow(/NOTIFY_SOCKET/);
    expect(() => connect({ NOTIFY_SOCKET: '/run/x,fork' })).toThrow(/NOTIFY_SOCKET/);
    expect(() => connect({ NOTIFY_SOCKET: `/${'x'.repeat(200)}` })).toThrow(/NOTIFY_SOCKET/);
    expect(() => pingInterval({ WATCHDOG_USEC: '20s' })).toThrow(/WATCHDOG_USEC.*20s/);
    expect(() => pingInterval({ WATCHDOG_USEC: '-5' })).toThrow(/WATCHDOG_USEC/);
  });

  it('pings at half the watchdog period, only when the watchdog is meant for this process', () => {
    expect(pingInterval({})).toBeUndefined();
    expect(pingInterval({ WATCHDOG_USEC: '20000000' })).toBe(10_000);
    expect(pingInterval({ WATCHDOG_USEC: '20000000', WATCHDOG_PID: String(process.pid) })).toBe(
      10_000,
    );
    expect(pingInterval({ WATCHDOG_USEC: '20000000', WATCHDOG_PID: '1' })).toBeUndefined();
    // A period too short to keep is pinged at the floor rather than in a busy loop.
    expect(pingInterval({ WATCHDOG_USEC: '10' })).toBe(50);
  });

  it('sends READY=1 with a status, then WATCHDOG=1 pings, then STOPPING=1 over a real unix datagram socket', async () => {
    const listener = await listen();
    const notifier = connect({ NOTIFY_SOCKET: listener.socket, WATCHDOG_USEC: '200000' });
    expect(notifier.pingIntervalMs).toBe(100);
    notifier.ready('serving at http://127.0.0.1:8024/');
    await waitFor(() => pings(listener).length >= 3, 'three WATCHDOG=1 pings');
    notifier.stopping();
    await waitFor(() => texts(listener).includes('STOPPING=1'), 'STOPPING=1');
    await notifier.close();
    const received = texts(listener).filter((text) => text !== 'probe');
    expect(received.slice(0, 2)).toEqual(['READY=1', 'STATUS=serving at http://127.0.0.1:8024/']);
    expect(received.at(-1)).toBe('STOPPING=1');
    // No ping follows the stop: systemd is told once that the kiosk is going.
    expect(received.indexOf('STOPPING=1')).toBe(received.length - 1);
  });

  it('reaches a socket in the abstract namespace (NOTIFY_SOCKET=@name)', async () => {
    const listener = await listen(true);
    const notifier = connect({ NOTIFY_SOCKET: listener.socket });
    expect(notifier.pingIntervalMs).toBeUndefined();
    notifier.ready('serving');
    await waitFor(() => texts(listener).includes('READY=1'), 'READY=1 on the abstract socket');
    await notifier.close();
  });

  it('stops pinging while the event loop is blocked, so systemd sees a hung core', async () => {
    const listener = await listen();
    const blockMs = budget(1500);
    // The notifier runs in a child whose event loop the test can block on command.
    const module = fileURLToPath(new URL('./service-manager.ts', import.meta.url));
    const script = `
      import { connectServiceManager } from ${JSON.stringify(module)};
      import { writeSync } from 'node:fs';
      import pino from 'pino';
      const notifier = connectServiceManager({ log: pino({ level: 'silent' }) });
      notifier.ready('serving');
      process.stdin.on('data', (command) => {
        if (String(command).trim() !== 'block') return;
        writeSync(1, 'blocking\\n');
        const until = Date.now() + ${blockMs};
        while (Date.now() < until);
        writeSync(1, 'unblocked\\n');
      });
      process.stdin.on('end', () => void notifier.close());`;
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: { ...process.env, NOTIFY_SOCKET: listener.socket, WATCHDOG_USEC: '200000' },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    let said = '';
    child.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));

    await waitFor(() => pings(listener).length >= 3, 'pings before the block', 20_000);
    child.stdin?.write('block\n');
    await waitFor(() => said.includes('unblocked'), 'the child to block and come back', 20_000);
    const before = pings(listener).length;
    await waitFor(() => pings(listener).length >= before + 3, 'pings after the block');
    child.stdin?.end();
    await exited;

    const times = pings(listener);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
    // Pings run every 100 ms; only a loop that cannot turn leaves a hole the length of the block.
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(blockMs / 2);
  });
});
