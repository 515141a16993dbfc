/**
 * Tells systemd how the kiosk is doing, by the sd_notify protocol: `READY=1` once the kiosk
 * serves, `WATCHDOG=1` at half the watchdog period while the event loop turns, `STOPPING=1` at
 * shutdown. A core whose event loop hangs stops pinging, and systemd (`WatchdogSec=` in
 * kiosk24.service) kills and restarts it.
 *
 * How the datagrams leave: sd_notify is one datagram on the unix socket `NOTIFY_SOCKET` names,
 * and Node cannot send unix datagrams (node:dgram speaks only UDP). The choices were:
 * - the `sd-notify` npm package: a native addon compiled by node-gyp at install against
 *   libsystemd headers; one more native module to build per architecture and Node ABI;
 * - spawning `systemd-notify` per message: each runs for a moment and exits, and systemd drops
 *   a message whose sender has already gone when it reads it ("cannot find unit for notify
 *   message"), even with `NotifyAccess=all` (see sd_notify(3)); a lost `WATCHDOG=1` is a restart;
 * - one long-lived `socat -u STDIN UNIX-SENDTO:$NOTIFY_SOCKET` child, fed a line per message:
 *   socat sends every read of its stdin as one datagram, and because it lives as long as the
 *   kiosk, systemd can always attribute its messages to the unit (`NotifyAccess=all`).
 * The kiosk uses the last. socat is already a dependency (the simulators use it), no build step
 * is added, and the pings still come from this process's event loop: a blocked loop writes
 * nothing, so the watchdog sees the hang. Two writes read at once arrive as one datagram with
 * two lines, which the protocol allows (newline-separated assignments).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';

/**
 * The shortest ping interval honoured. A shorter one would spend the event loop on pings and a
 * timer that short cannot be kept under load anyway; systemd is still pinged, just at this pace.
 */
const MIN_PING_INTERVAL_MS = 50;

/** How long socat gets to send `STOPPING=1` and exit before it is killed at shutdown. */
const SENDER_EXIT_MS = 2000;

/** The longest `NOTIFY_SOCKET` accepted: a unix socket path has room for 107 bytes. */
const MAX_SOCKET_PATH = 107;

/** What the core tells the service manager; every call is a no-op after {@link close}. */
export interface ServiceNotifier {
  /** The watchdog ping interval in ms, or undefined when systemd asked for no watchdog. */
  readonly pingIntervalMs: number | undefined;
  /** The kiosk serves: `READY=1` with a status line, and the watchdog pings begin. */
  ready(status: string): void;
  /** Shutdown has begun: `STOPPING=1`, and the pings end. */
  stopping(): void;
  /** Ends the sender; resolves once it has sent what it was given and exited. */
  close(): Promise<void>;
}

/** Where to read the protocol's variables and how to start the sender; tests pass their own. */
export interface ServiceNotifierOptions {
  env?: Record<string, string | undefined>;
  log: Logger;
  /** The socat binary; default `socat` from PATH. */
  socat?: string;
}

/** The socat address for `NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace. */
function socatAddress(socket: string): string {
  if (socket.length > MAX_SOCKET_PATH || /[\0\n,:!]/.test(socket)) {
    throw new Error(
      `NOTIFY_SOCKET (${JSON.stringify(socket.slice(0, 40))}…) is not a socket path systemd would set; unset it or start the kiosk from its systemd unit`,
    );
  }
  if (socket.startsWith('@')) return `ABSTRACT-SENDTO:${socket.slice(1)}`;
  if (!socket.startsWith('/')) {
    throw new Error(`NOTIFY_SOCKET must be an absolute path or @name, not ${socket}`);
  }
  return `UNIX-SENDTO:${socket}`;
}

/**
 * The ping interval systemd asks for: half of `WATCHDOG_USEC`, as sd_watchdog_enabled(3)
 * advises, or undefined when there is no watchdog or it is meant for another process.
 */
export function pingInterval(env: Record<string, string | undefined>): number | undefined {
  const usec = env.WATCHDOG_USEC;
  if (usec === undefined || usec === '') return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(usec)) {
    throw new Error(`WATCHDOG_USEC must be a whole number of microseconds, not ${usec}`);
  }
  const pid = env.WATCHDOG_PID;
  if (pid !== undefined && pid !== '' && pid !== String(process.pid)) return undefined;
  return Math.max(MIN_PING_INTERVAL_MS, Math.floor(Number(usec) / 2000));
}

/**
 * Connects to the service manager when systemd started the kiosk (`NOTIFY_SOCKET` is set);
 * returns undefined otherwise, so a kiosk started by hand behaves exactly as before.
 * Throws on a malformed `NOTIFY_SOCKET` or `WATCHDOG_USEC`.
 */
export function connectServiceManager(
  options: ServiceNotifierOptions,
): ServiceNotifier | undefined {
  const env = options.env ?? process.env;
  const socket = env.NOTIFY_SOCKET;
  if (socket === undefined || socket === '') return undefined;
  const address = socatAddress(socket);
  const intervalMs = pingInterval(env);
  const log = options.log;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const sender: ChildProcess = spawn(options.socat ?? 'socat', ['-u', 'STDIN', address], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let senderError = '';
  sender.stderr?.on('data', (chunk: Buffer) => (senderError += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    sender.once('error', (error) => {
      log.warn(
        { err: error },
        'kiosk24 cannot tell systemd its state: socat did not start (install the socat package)',
      );
      resolve();
    });
    sender.once('exit', (code, signal) => {
      if (!closed) {
        log.warn(
          { code, signal, detail: senderError.trim().slice(0, 500) },
          'kiosk24 lost its line to systemd: the socat sender exited',
        );
      }
      resolve();
    });
  });
  // A write after socat has gone is reported once by the exit handler, not per message.
  sender.stdin?.on('error', () => undefined);
  const send = (message: string): void => {
    if (closed || sender.stdin?.writable !== true) return;
    sender.stdin.write(`${message}\n`);
  };
  const stopPings = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  return {
    pingIntervalMs: intervalMs,
    ready(status) {
      send(`READY=1\nSTATUS=${status.replace(/\n/g, ' ')}`);
      if (intervalMs !== undefined && timer === undefined && !closed) {
        timer = setInterval(() => send('WATCHDOG=1'), intervalMs);
        // The pings must never be what keeps a stopping kiosk alive.
        timer.unref();
      }
    },
    stopping() {
      stopPings();
      send('STOPPING=1');
    },
    async close() {
      stopPings();
      if (closed) return exited;
      closed = true;
      sender.stdin?.end();
      const kill = setTimeout(() => sender.kill('SIGKILL'), SENDER_EXIT_MS);
      await exited;
      clearTimeout(kill);
    },
  };
}
