/**
 * CupsDocumentPrinter against a real, private CUPS scheduler: its own config, spool and logs in
 * a temporary folder, listening on a free loopback port, so the machine's CUPS is untouched.
 * The queue uses CUPS's own AppSocket backend (`socket://`) pointed at a TCP listener in this
 * test, which plays the printer and receives exactly the bytes CUPS sends it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceError } from '../../drivers/device/errors.ts';
import { CupsDocumentPrinter } from '../../drivers/document-printer/cups-printer.ts';
import { renderCertificate } from '../../printer-templates/certificate/render.ts';
import { templateSample } from '../../printer-templates/certificate/templates.ts';
import { budget, waitFor } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const cupsd = requireTool('cupsd', 'cups-daemon');
const lpadmin = requireTool('lpadmin', 'cups-client');
requireTool('lp', 'cups-client');
const lpstat = requireTool('lpstat', 'cups-client');
const cupsdisable = requireTool('cupsdisable', 'cups-client');
const cupsenable = requireTool('cupsenable', 'cups-client');

const QUEUE = 'kiosk24-a4';

/** A one-connection-per-job AppSocket "printer": resolves each job's bytes when CUPS closes. */
class SocketPrinter {
  readonly jobs: Buffer[] = [];
  private waiters: ((job: Buffer) => void)[] = [];
  readonly server: Server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      this.jobs.push(job);
      this.waiters.shift()?.(job);
    });
    socket.on('error', (error) => this.errors.push(error));
  });
  readonly errors: Error[] = [];

  nextJob(timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no job reached the socket printer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push((job) => {
        clearTimeout(timer);
        resolve(job);
      });
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** lp and lpstat answer a private, idle scheduler at once; a loaded machine needs longer. */
const COMMAND_TIMEOUT_MS = budget(15_000);

/** A driver for `queue` on the private scheduler. */
const cups = (queue: string): CupsDocumentPrinter =>
  new CupsDocumentPrinter({ queue, server, commandTimeoutMs: COMMAND_TIMEOUT_MS });

let root: string;
let scheduler: ChildProcess | undefined;
let server: string;
let printerPort: number;
const socketPrinter = new SocketPrinter();

const cupsEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  CUPS_SERVER: server,
  LANG: 'C',
  LC_ALL: 'C',
});
const errorLog = (): string => {
  const path = join(root, 'log', 'error_log');
  return existsSync(path)
    ? readFileSync(path, 'utf8').split('\n').slice(-20).join('\n')
    : '(no error_log)';
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk24-cups-'));
  // cupsd drops to user lp for backends; lp must be able to walk into the spool.
  chmodSync(root, 0o755);
  for (const sub of ['conf', 'spool', 'spool/tmp', 'cache', 'state', 'log'])
    mkdirSync(join(root, sub), { recursive: true, mode: 0o755 });
  const port = await freePort();
  server = `127.0.0.1:${port}`;
  writeFileSync(
    join(root, 'conf', 'cups-files.conf'),
    [
      `ServerRoot ${join(root, 'conf')}`,
      `RequestRoot ${join(root, 'spool')}`,
      `TempDir ${join(root, 'spool', 'tmp')}`,
      `CacheDir ${join(root, 'cache')}`,
      `StateDir ${join(root, 'state')}`,
      `ErrorLog ${join(root, 'log', 'error_log')}`,
      `AccessLog ${join(root, 'log', 'access_log')}`,
      `PageLog ${join(root, 'log', 'page_log')}`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  // No authentication: the scheduler listens on loopback only and lives for this test alone.
  writeFileSync(
    join(root, 'conf', 'cupsd.conf'),
    [
      `Listen ${server}`,
      'LogLevel info',
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  scheduler = spawn(
    cupsd,
    ['-f', '-c', join(root, 'conf', 'cupsd.conf'), '-s', join(root, 'conf', 'cups-files.conf')],
    {
      stdio: 'ignore',
    },
  );
  let lastError = '';
  await waitFor(
    () => {
      try {
        return execFileSync(lpstat, ['-r'], { env: cupsEnv(), encoding: 'utf8' }).includes(
          'scheduler is running',
        );
      } catch (error) {
        // lpstat exits non-zero until the scheduler listens; anything else shows up in the log.
        lastError = String(error);
        return false;
      }
    },
    'cupsd to answer lpstat -r',
    10_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)} (last: ${lastError})\n${errorLog()}`);
  });

  await new Promise<void>((resolve) => socketPrinter.server.listen(0, '127.0.0.1', resolve));
  printerPort = (socketPrinter.server.address() as AddressInfo).port;
  execFileSync(lpadmin, ['-p', QUEUE, '-E', '-v', `socket://127.0.0.1:${printerPort}`], {
    env: cupsEnv(),
  });
}, budget(60_000));

afterAll(async () => {
  scheduler?.kill('SIGTERM');
  if (scheduler !== undefined && scheduler.exitCode === null) {
    await new Promise((resolve) => scheduler?.once('exit', resolve));
  }
  await new Promise((resolve) => socketPrinter.server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('CupsDocumentPrinter on a private CUPS scheduler', () => {
  it('reads an idle, enabled queue as online with paper assumed full', async () => {
    const printer = cups(QUEUE);
    const state = await printer.selfTest();
    expect([state.status, state.supplies.paper, state.simulated]).toEqual([
      'online',
      'full',
      false,
    ]);
  });

  it('prints a certificate: returns <queue>-<n>, the job completes and the printer receives the exact PDF', async () => {
    const printer = cups(QUEUE);
    const pdf = await renderCertificate(
      'si-payment-certificate',
      templateSample('si-payment-certificate'),
    );
    const arriving = socketPrinter.nextJob(budget(20_000));
    const { jobId } = await printer.print(pdf, {
      title: 'si-payment-certificate',
      signal: new AbortController().signal,
    });
    expect(jobId).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
    const received = await arriving;
    expect(Buffer.compare(received, Buffer.from(pdf))).toBe(0);
    let state = '';
    await waitFor(
      async () => (state = await printer.jobState(jobId)) === 'completed',
      `CUPS to report job ${jobId} completed`,
      10_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)} (last state: ${state})\n${errorLog()}`);
    });
  });

  it('reports a disabled queue as offline and refuses to print with the disconnected flag', async () => {
    const printer = cups(QUEUE);
    execFileSync(cupsdisable, [QUEUE], { env: cupsEnv() });
    try {
      expect((await printer.refresh()).status).toBe('offline');
      const pdf = await renderCertificate(
        'hpf-deposit-certificate',
        templateSample('hpf-deposit-certificate'),
      );
      const error: unknown = await printer
        .print(pdf, { title: 'hpf', signal: new AbortController().signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceError);
      expect((error as DeviceError).disconnected).toBe(true);
    } finally {
      execFileSync(cupsenable, [QUEUE], { env: cupsEnv() });
    }
    expect((await printer.refresh()).status).toBe('online');
  });

  it('reports a queue CUPS does not know as noDevice and refuses to print with that flag', async () => {
    const printer = cups('no-such-queue');
    expect((await printer.selfTest()).status).toBe('noDevice');
    const pdf = await renderCertificate(
      'si-payment-certificate',
      templateSample('si-payment-certificate'),
    );
    const error: unknown = await printer
      .print(pdf, { title: 'si', signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect((error as DeviceError).noDevice).toBe(true);
  });

  it('tells listeners when the queue state changes', async () => {
    const printer = cups(QUEUE);
    await printer.refresh();
    const seen: string[] = [];
    printer.onStateChange((state) => seen.push(state.status));
    execFileSync(cupsdisable, [QUEUE], { env: cupsEnv() });
    await printer.refresh();
    execFileSync(cupsenable, [QUEUE], { env: cupsEnv() });
    await printer.refresh();
    expect(seen).toEqual(['offline', 'online']);
  });
});
