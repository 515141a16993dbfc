import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ELECTRON_MAIN_BUNDLE } from '../../scripts/node-bundles.mjs';
import { within } from '../support/time.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('the Electron main process entry', () => {
  it('starts the kiosk core and the hardened window from the compiled main, with electron stood in for', async () => {
    // Electron's binary cannot be downloaded here, so Node runs the very file Electron would start,
    // with `electron` resolved to the hand-written stand-ins; everything else is real.
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-electron-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        host: { kind: 'electron', port: 0, openWindow: false },
        devices: { documentPrinter: { mode: 'simulated', outputDir: dir } },
        journal: { path: join(dir, 'journal.sqlite') },
      }),
    );
    const child = spawn(
      process.execPath,
      ['--import', './test/support/electron-host/register.mjs', ELECTRON_MAIN_BUNDLE],
      {
        cwd: repoRoot,
        env: { ...process.env, KIOSK24_CONFIG: config },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const started = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => {
          if (output.includes('kiosk host started in Electron')) resolve();
        });
        child.once('exit', (code) => {
          reject(new Error(`the main process exited with ${code}:\n${output}`));
        });
      });
      await within(started, 'the Electron main process to say its host started', 20_000).catch(
        (error: unknown) => {
          throw new Error(`${(error as Error).message}; its output:\n${output}`);
        },
      );
      expect(output).toContain('kiosk core started');
      expect(output).not.toMatch(/"level":(50|60)/);
      // The files entry.ts hands to the window exist after the build.
      expect(existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))).toBe(true);
      expect(existsSync(join(repoRoot, 'dist', 'electron', 'preload.cjs'))).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // On SIGTERM the kiosk closes its devices and servers; nothing keeps the process alive.
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('a second copy of the Electron kiosk', () => {
  it('quits without opening a single device when another copy holds the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-electron-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        host: { kind: 'electron', port: 0, openWindow: false },
        journal: { path: join(dir, 'journal.sqlite') },
      }),
    );
    const child = spawn(
      process.execPath,
      ['--import', './test/support/electron-host/register.mjs', ELECTRON_MAIN_BUNDLE],
      {
        cwd: repoRoot,
        env: { ...process.env, KIOSK24_CONFIG: config, KIOSK24_TEST_SECOND_INSTANCE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('another kiosk24 is already running');
    expect(output).not.toContain('transport: online');
    expect(output).not.toContain('kiosk core started');
  });
});

describe('the Electron kiosk with a config it cannot use', () => {
  it('exits with status 78 and says which key is wrong, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-electron-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ host: { kind: 'television' } }));
    const child = spawn(
      process.execPath,
      ['--import', './test/support/electron-host/register.mjs', ELECTRON_MAIN_BUNDLE],
      {
        cwd: repoRoot,
        env: { ...process.env, KIOSK24_CONFIG: config },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(output).toContain('host.kind');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('kiosk core started');
  });
});
