import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestKiosk, type TestKiosk } from './kiosk.ts';
import { sweepForPersonalData, type SweepFinding } from './privacy-sweep.ts';
import { budget } from './time.ts';
import { requireTool } from './tools.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A whole kiosk and a Chromium with a profile on disk, everything under one folder to search. */
export interface PrivacyRun {
  page: Page;
  kiosk: TestKiosk;
  /** Closes Chromium and the kiosk, then searches everything they left for residents' values. */
  finish(): Promise<{ findings: SweepFinding[]; filesRead: number; problems: string[] }>;
}

/**
 * Starts the kiosk and Chromium so that everything either could leave behind lands in one new
 * folder: the kiosk's log (at debug level, the most it ever writes), its journal, the process's
 * temporary files (TMPDIR points into the folder for the run) and Chromium's own profile
 * (local storage, IndexedDB, caches, cookies, crash reports). Only the simulated A4 printer's
 * tray is left out of the search: it is the paper the resident took away.
 */
export async function startPrivacyRun(): Promise<PrivacyRun> {
  const root = mkdtempSync(join(tmpdir(), 'kiosk24-privacy-'));
  const temp = join(root, 'tmp');
  const profile = join(root, 'chromium-profile');
  mkdirSync(temp);
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = temp;
  const logFile = join(root, 'kiosk.log');
  const destination = pino.destination({ dest: logFile, sync: true });
  const log = pino({ level: 'debug' }, destination);
  const kiosk = await startTestKiosk(
    { journal: { path: join(root, 'data', 'journal.sqlite') } },
    log,
  );
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: requireTool('chromium', 'chromium'),
    timeout: budget(30_000),
    viewport: { width: 1080, height: 1920 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(budget(30_000));
  await page.goto(kiosk.url);
  return {
    page,
    kiosk,
    finish: async () => {
      const paper = kiosk.documentDir;
      await context.close();
      await kiosk.close();
      destination.flushSync();
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      const result = sweepForPersonalData(
        [root, join(repoRoot, 'test-output', 'privacy')],
        [paper],
      );
      if (result.findings.length === 0) rmSync(root, { recursive: true, force: true });
      return result;
    },
  };
}
