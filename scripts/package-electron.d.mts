// Types of package-electron.mjs, for the tests that package the app and read it back.
import type { FuseConfig } from '@electron/fuses';

/** Where the packaged app is written. */
export const PACKAGE_DIR: string;
/** Electron's distribution as its npm package installs it (absent when the download failed). */
export const ELECTRON_DIST: string;

/** What kiosk24-app.json records about a package. */
export interface PackageReport {
  name: string;
  version: string;
  electronAbi: number | null;
  archive: { file: string; headerSha256: string; entries: number };
  fuses: {
    applied: boolean;
    /** Why they were not applied, when they were not. */
    reason?: string;
    /** The binary they were applied to, relative to the package folder. */
    binary?: string;
    config: FuseConfig;
  };
  nativeModules: { file: string; abi: number | 'napi' | 'unknown' }[];
  packages: string[];
}

/** Options of {@link packageElectronApp}. */
export interface PackageOptions {
  /** What flipFuses is given (kiosk/main/fuses.ts kioskFuseConfig()). */
  fuseConfig: FuseConfig;
  /** Absolute paths of the data files and folders to pack (assets.ts). */
  assetPaths: string[];
  /** Default dist/electron-app. */
  outDir?: string;
  /** Electron's distribution folder; default the npm package's. */
  electronDist?: string;
  /** Runs scripts/build.mjs first; default true. */
  build?: boolean;
  log?: (line: string) => void;
}

/** Builds the packaged app; resolves with where it is and what it holds. */
export function packageElectronApp(
  options: PackageOptions,
): Promise<{ outDir: string; archive: string; report: PackageReport }>;
/** Every package folder the given packages need at run time, their dependencies included. */
export function runtimePackageDirs(names: string[]): string[];
/** The runtime ABI a native module was built for. */
export function nativeAbiOf(file: string): number | 'napi' | 'unknown';
/** SHA-256 of the archive header: the value Electron's asar integrity check compares. */
export function asarHeaderHash(archive: string): string;
/** Flips the fuses in `binary` and reads them back; throws when any differs. */
export function applyFuses(binary: string, fuseConfig: FuseConfig): Promise<unknown>;
