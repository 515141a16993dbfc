import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '../contract.ts';
import { buildRenderer, createScriptedCore } from '../../test/support/browser.ts';
import { requireTool } from '../../test/support/tools.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';
import { kioskWindowArgs, openKioskWindow } from './open-window.ts';
import { budget } from '../../test/support/time.ts';

describe('the kiosk window command line', () => {
  const args = kioskWindowArgs('http://127.0.0.1:9/', '/tmp/profile', false);

  it('opens the URL full-screen as an app with a fresh profile', () => {
    expect(args).toEqual(
      expect.arrayContaining([
        '--kiosk',
        '--app=http://127.0.0.1:9/',
        '--user-data-dir=/tmp/profile',
      ]) as string[],
    );
  });

  it('switches off first-run, sync, QUIC and background networking', () => {
    expect(args).toEqual(
      expect.arrayContaining([
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-default-browser-check',
      ]) as string[],
    );
  });

  it('turns the sandbox off only when running as root', () => {
    expect(args).not.toContain('--no-sandbox');
    expect(kioskWindowArgs('http://x/', '/p', true)).toContain('--no-sandbox');
  });
});

describe('opening the kiosk window', () => {
  it('declines without a display, so the caller prints the URL', async () => {
    const result = await openKioskWindow('http://127.0.0.1:9/', { env: { PATH: '/usr/bin' } });
    expect(result).toEqual({
      opened: false,
      reason: expect.stringContaining('no display') as string,
    });
  });

  it('declines with the fix when Chromium is not where it was said to be', async () => {
    const result = await openKioskWindow('http://127.0.0.1:9/', {
      env: { DISPLAY: ':99' },
      chromiumPath: '/nonexistent/chromium',
    });
    expect(result).toMatchObject({
      opened: false,
      reason: expect.stringContaining('chromiumPath') as string,
    });
  });
});

describe('the environment Chromium is started with', () => {
  it('is scrubbed: the display and kiosk settings pass, NODE_OPTIONS, ELECTRON_* and LD_PRELOAD do not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-fake-chromium-'));
    try {
      // A stand-in browser that writes down the environment it was given and exits.
      const fake = join(dir, 'chromium');
      writeFileSync(fake, `#!/bin/sh\nenv > '${join(dir, 'env.txt')}'\n`);
      chmodSync(fake, 0o755);
      const window = await openKioskWindow('http://127.0.0.1:9/', {
        chromiumPath: fake,
        env: {
          PATH: '/usr/bin:/bin',
          DISPLAY: ':42',
          KIOSK24_CONFIG: '/etc/kiosk24/kiosk.json',
          NODE_OPTIONS: '--require ./evil.js',
          ELECTRON_RUN_AS_NODE: '1',
          LD_PRELOAD: '/tmp/evil.so',
        },
      });
      if (!window.opened) throw new Error(`the stand-in browser did not start: ${window.reason}`);
      expect(await window.exited).toBe(0);
      const names = readFileSync(join(dir, 'env.txt'), 'utf8')
        .split('\n')
        .map((line) => line.split('=')[0]);
      expect(names).toEqual(expect.arrayContaining(['PATH', 'DISPLAY', 'KIOSK24_CONFIG']));
      expect(names).not.toContain('NODE_OPTIONS');
      expect(names).not.toContain('ELECTRON_RUN_AS_NODE');
      expect(names).not.toContain('LD_PRELOAD');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a kiosk window on a real (virtual) display', () => {
  let xvfb: ChildProcess;
  let display: string;
  let host: BrowserHost;
  let dir: string;
  const core = createScriptedCore();

  beforeAll(async () => {
    const xvfbPath = requireTool('Xvfb', 'xvfb');
    requireTool('chromium', 'chromium');
    // Xvfb picks a free display itself and writes its number once it accepts clients.
    const args = ['-displayfd', '1', '-screen', '0', '1080x1920x24', '-nolisten', 'tcp'];
    xvfb = spawn(xvfbPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    display = `:${await displayNumber(xvfb)}`;
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-xvfb-'));
    buildRenderer(dir);
    host = await startBrowserHost({ core, rendererDir: dir });
  });

  afterAll(async () => {
    await host?.close();
    if (xvfb?.exitCode === null) {
      const gone = new Promise((resolve) => xvfb.once('exit', resolve));
      xvfb.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'starts Chromium on the renderer, which says hello to the core; close ends it and removes its profile',
    async () => {
      const before = new Set(profileDirs());
      const window = await openKioskWindow(host.url, { env: { ...process.env, DISPLAY: display } });
      if (!window.opened) throw new Error(`window did not open: ${window.reason}`);
      try {
        const fresh = profileDirs().filter((name) => !before.has(name));
        expect(fresh).toHaveLength(1);
        // A real Chromium under Xvfb on a busy two-core board can take a while to start.
        const hello = await core.waitFor((message) => message.type === 'hello', 0, 50_000);
        expect(hello).toEqual({ type: 'hello', contractVersion: CONTRACT_VERSION });
        expect(core.connections()).toBe(1);
      } finally {
        await window.close();
      }
      expect(profileDirs().filter((name) => !before.has(name))).toEqual([]);
      await expect.poll(() => core.connections()).toBe(0);
    },
    budget(60_000),
  );
});

function profileDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('kiosk24-window-'));
}

/** Reads the display number Xvfb writes to stdout under `-displayfd 1`. */
function displayNumber(xvfb: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdout?.setEncoding('utf8');
    xvfb.stdout?.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before it started`)));
  });
}
