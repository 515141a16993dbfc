import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeElectron } from './electron-available.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-electron-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Lays out a package folder the way electron's installer leaves it. */
function fakePackage(options: {
  pathTxt?: string;
  binary?: boolean;
  executable?: boolean;
}): string {
  if (options.pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), options.pathTxt);
  if (options.binary === true) {
    mkdirSync(join(dir, 'dist'));
    const binary = join(dir, 'dist', 'electron');
    writeFileSync(binary, '#!/bin/sh\nexit 0\n');
    chmodSync(binary, options.executable === false ? 0o644 : 0o755);
  }
  return dir;
}

describe('probeElectron', () => {
  it("reports this machine's missing binary as one line, without starting or downloading anything", () => {
    const probe = probeElectron();
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    expect(probe.reason).toBe(
      "Electron's binary is not installed (its download needs GitHub access); using the browser host instead",
    );
    expect(probe.reason).not.toContain('\n');
  });

  it('says the binary is not installed when the package never wrote path.txt', () => {
    const probe = probeElectron({
      packageDir: fakePackage({}),
      env: { DISPLAY: ':0' },
      platform: 'linux',
    });
    expect(probe).toEqual({
      ok: false,
      reason: expect.stringContaining("Electron's binary is not installed") as string,
    });
  });

  it('says the binary is not installed when path.txt points at a missing file', () => {
    const probe = probeElectron({
      packageDir: fakePackage({ pathTxt: 'electron' }),
      env: { DISPLAY: ':0' },
      platform: 'linux',
    });
    expect(probe).toEqual({
      ok: false,
      reason: expect.stringContaining("Electron's binary is not installed") as string,
    });
  });

  it('says so when the binary is there but not executable', () => {
    const packageDir = fakePackage({ pathTxt: 'electron', binary: true, executable: false });
    const probe = probeElectron({ packageDir, env: { DISPLAY: ':0' }, platform: 'linux' });
    expect(probe).toEqual({
      ok: false,
      reason: expect.stringContaining(
        'is not executable; using the browser host instead',
      ) as string,
    });
  });

  it('says so when there is no display to show the window on', () => {
    const packageDir = fakePackage({ pathTxt: 'electron', binary: true });
    const probe = probeElectron({ packageDir, env: {}, platform: 'linux' });
    expect(probe).toEqual({
      ok: false,
      reason:
        'there is no display (DISPLAY and WAYLAND_DISPLAY are unset); using the browser host instead',
    });
  });

  it('finds an installed executable binary with a display', () => {
    const packageDir = fakePackage({ pathTxt: 'electron', binary: true });
    expect(
      probeElectron({ packageDir, env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' }),
    ).toEqual({
      ok: true,
      binary: join(dir, 'dist', 'electron'),
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const packageDir = fakePackage({ pathTxt: 'electron', binary: true });
    const probe = probeElectron({
      packageDir: join(dir, 'elsewhere'),
      env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: join(packageDir, 'dist') },
      platform: 'linux',
    });
    expect(probe).toEqual({ ok: true, binary: join(dir, 'dist', 'electron') });
  });
});
