import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnvironment } from '../core/child-env.ts';

/** Options for {@link openKioskWindow}. */
export interface KioskWindowOptions {
  chromiumPath?: string;
  /** The environment to look for a display in; Chromium gets its allowed part (core/child-env.ts). */
  env?: NodeJS.ProcessEnv;
}

/** A Chromium kiosk window that was started. */
export interface OpenedKioskWindow {
  opened: true;
  pid: number;
  /** Resolves with the exit code (or null when killed by a signal) once Chromium has gone. */
  exited: Promise<number | null>;
  /** Ends Chromium (TERM, then KILL after 5 s) and removes its profile folder. */
  close(): Promise<void>;
}

/** Why no window was opened; the caller prints the URL instead. */
export interface UnopenedKioskWindow {
  opened: false;
  reason: string;
}

/**
 * The Chromium command line for a kiosk window. Every run gets a fresh profile folder so no
 * resident's page state survives a restart, and background services that phone home are off.
 */
export function kioskWindowArgs(url: string, profileDir: string, asRoot: boolean): string[] {
  const args = [
    '--kiosk',
    `--app=${url}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-default-browser-check',
    '--noerrdialogs',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    `--user-data-dir=${profileDir}`,
  ];
  // Chromium refuses to start as root with its sandbox on; only then is it switched off.
  if (asRoot) args.push('--no-sandbox');
  return args;
}

/**
 * Opens the renderer full-screen in Chromium when a display exists; otherwise says why not,
 * so a headless machine (or a technician over SSH) gets the URL to open elsewhere.
 */
export async function openKioskWindow(
  url: string,
  options: KioskWindowOptions = {},
): Promise<OpenedKioskWindow | UnopenedKioskWindow> {
  const env = options.env ?? process.env;
  const chromiumPath = options.chromiumPath ?? '/usr/bin/chromium';
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { opened: false, reason: 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    // Only the fact matters here: the caller is told and falls back to printing the URL.
    return {
      opened: false,
      reason: `Chromium was not found at ${chromiumPath}; install the "chromium" package or pass chromiumPath`,
    };
  }

  const profileDir = mkdtempSync(join(tmpdir(), 'kiosk24-window-'));
  const removeProfile = (): void => rmSync(profileDir, { recursive: true, force: true });
  const child = spawn(chromiumPath, kioskWindowArgs(url, profileDir, process.getuid?.() === 0), {
    env: childEnvironment(env),
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      removeProfile();
      resolve(code);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (error) {
    removeProfile();
    return { opened: false, reason: `Chromium did not start: ${(error as Error).message}` };
  }

  return {
    opened: true,
    pid: child.pid ?? -1,
    exited,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return void (await exited);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
