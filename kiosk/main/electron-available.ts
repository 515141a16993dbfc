import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Whether this machine can run the Electron host; when not, the one-line reason why. */
export type ElectronProbe = { ok: true; binary: string } | { ok: false; reason: string };

/** Where to look; tests point these at a made-up package and environment. */
export interface ElectronProbeOptions {
  /** The `electron` npm package's folder. Default: resolved from this project. */
  packageDir?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

const FALLBACK = 'using the browser host instead';

function findPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch (error) {
    // Not installed at all is an ordinary answer for this probe, not a failure.
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The binary path the electron package would hand out, worked out the way its index.js does
 * (path.txt names the executable inside dist/). The index itself is never loaded: when the
 * binary is missing it starts a download, which must not happen as a side effect of a probe.
 */
function binaryPath(
  packageDir: string,
  env: Record<string, string | undefined>,
): string | undefined {
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') return join(override, executable ?? 'electron');
  return executable === undefined || executable === ''
    ? undefined
    : join(packageDir, 'dist', executable);
}

function hasDisplay(env: Record<string, string | undefined>, platform: NodeJS.Platform): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY) || Boolean(env.WAYLAND_DISPLAY);
}

/**
 * Tells whether the Electron host can start here: the electron package's binary exists and
 * is executable, and there is a display to show it on. Never starts Electron, never throws.
 */
export function probeElectron(options: ElectronProbeOptions = {}): ElectronProbe {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  try {
    const packageDir = options.packageDir ?? findPackageDir();
    if (packageDir === undefined) {
      return { ok: false, reason: `the electron package is not installed; ${FALLBACK}` };
    }
    const binary = binaryPath(packageDir, env);
    if (binary === undefined || !existsSync(binary)) {
      return {
        ok: false,
        reason: `Electron's binary is not installed (its download needs GitHub access); ${FALLBACK}`,
      };
    }
    try {
      accessSync(binary, platform === 'win32' ? constants.F_OK : constants.X_OK);
    } catch {
      return { ok: false, reason: `Electron's binary at ${binary} is not executable; ${FALLBACK}` };
    }
    if (!hasDisplay(env, platform)) {
      return {
        ok: false,
        reason: `there is no display (DISPLAY and WAYLAND_DISPLAY are unset); ${FALLBACK}`,
      };
    }
    return { ok: true, binary };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { ok: false, reason: `Electron could not be checked (${detail}); ${FALLBACK}` };
  }
}
