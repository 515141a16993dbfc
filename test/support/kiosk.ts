import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from '../../kiosk/browser-host/host.ts';
import { parseConfig, type KioskConfig } from '../../kiosk/core/config/index.ts';
import { findPersonalData } from '../../kiosk/core/journal/testing.ts';
import { startKiosk, type RunningKiosk } from '../../kiosk/core/kiosk.ts';
import type { Logger } from 'pino';
import { silentLogger } from '../../kiosk/core/log.ts';
import { requireTool } from './tools.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A whole kiosk on simulated devices behind the browser host, for end-to-end tests. */
export interface TestKiosk {
  kiosk: RunningKiosk;
  config: KioskConfig;
  url: string;
  /** Where the simulated A4 printer puts its PDFs. */
  documentDir: string;
  /** POSTs to the simulator control API, as the /sim panel does; throws on a non-2xx answer. */
  sim(path: string, body?: unknown): Promise<void>;
  close(): Promise<void>;
}

/** Starts the kiosk on its embedded defaults (simulated devices on socat ptys, sandbox platform). */
export async function startTestKiosk(
  overrides: Record<string, unknown> = {},
  log: Logger = silentLogger,
): Promise<TestKiosk> {
  requireTool('socat', 'socat');
  const documentDir = mkdtempSync(join(tmpdir(), 'kiosk24-e2e-a4-'));
  const config = parseConfig(
    {
      host: { port: 0, openWindow: false },
      devices: { documentPrinter: { mode: 'simulated', outputDir: documentDir } },
      flows: { directories: [join(repoRoot, 'flows')] },
      journal: { path: join(documentDir, 'journal.sqlite') },
      // Speech is synthesised as on a terminal, but a test machine has no sound card to play it.
      speech: { player: 'none' },
      ...overrides,
    },
    { cwd: repoRoot },
  );
  const kiosk = await startKiosk(config, log);
  const host = await startBrowserHost({
    core: kiosk.sessions,
    sim: kiosk.sim,
    port: 0,
    rendererDir: join(repoRoot, 'dist', 'renderer'),
    log,
  });
  return {
    kiosk,
    config,
    url: host.url,
    documentDir,
    sim: async (path, body = {}) => {
      const response = await fetch(new URL(`sim/${path}`, host.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(host.url).origin },
        body: JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`/sim/${path} answered ${response.status}: ${await response.text()}`);
    },
    // Every journey a test drove is checked on the way out: the journal, its WAL and its
    // shared memory, as bytes, hold no fictional resident's name, ID number or address.
    close: async () => {
      const journal = config.journal.path;
      const files = [journal, `${journal}-wal`, `${journal}-shm`];
      const whileOpen = findPersonalData(files);
      await host.close();
      await kiosk.close();
      const afterClose = findPersonalData(files);
      rmSync(documentDir, { recursive: true, force: true });
      const leaks = [...whileOpen, ...afterClose];
      if (leaks.length > 0) throw new Error(`personal data on disk:\n${leaks.join('\n')}`);
    },
  };
}
