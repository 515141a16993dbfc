/**
 * The Electron fuses the kiosk wants flipped in its binary. Fuses are bits baked into the
 * Electron executable, so they are applied at packaging time (scripts/package-electron.mjs
 * hands `kioskFuseConfig()` to @electron/fuses' `flipFuses`), not at run time. The main
 * process never imports this file: it is the packaging step's input, and its test keeps it
 * from drifting.
 */
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

/** The fuse names as @electron/fuses spells them (the keys of FuseV1Options). */
export type FuseName = keyof typeof FuseV1Options;

/** One fuse setting and why the kiosk wants it. */
export interface FuseSetting {
  fuse: FuseName;
  enabled: boolean;
  why: string;
}

/**
 * The fuses for the packaged kiosk binary: every fuse the library knows is set on purpose, so
 * an Electron upgrade that adds one makes packaging stop (strictlyRequireAllFuses) until a
 * person decides it here.
 */
export const KIOSK_FUSES: readonly FuseSetting[] = [
  {
    fuse: 'RunAsNode',
    enabled: false,
    why: 'ELECTRON_RUN_AS_NODE would turn the kiosk binary into a plain Node shell',
  },
  {
    fuse: 'EnableCookieEncryption',
    enabled: true,
    why: 'cookies on disk are encrypted with the OS key store',
  },
  {
    fuse: 'EnableNodeOptionsEnvironmentVariable',
    enabled: false,
    why: 'NODE_OPTIONS could preload code into the main process',
  },
  {
    fuse: 'EnableNodeCliInspectArguments',
    enabled: false,
    why: '--inspect would open a debugger port into the main process',
  },
  {
    fuse: 'EnableEmbeddedAsarIntegrityValidation',
    enabled: true,
    why: 'a modified app archive refuses to load (checked by Electron on macOS and Windows only; see kiosk/main/README.md for Linux)',
  },
  {
    fuse: 'OnlyLoadAppFromAsar',
    enabled: true,
    why: 'the app runs only from its packaged archive, not from a folder beside it',
  },
  {
    fuse: 'LoadBrowserProcessSpecificV8Snapshot',
    enabled: false,
    why: 'the kiosk ships no V8 snapshot of its own, so there is no second snapshot file to trust',
  },
  {
    fuse: 'GrantFileProtocolExtraPrivileges',
    enabled: false,
    why: 'the page loads from app://, so file:// needs none of the extra rights a file page gets',
  },
  {
    fuse: 'WasmTrapHandlers',
    enabled: true,
    why: "Electron's default: V8 traps out-of-bounds WebAssembly memory access with signal handlers",
  },
];

/** The settings as a `{ [FuseName]: boolean }` map, for reading and for logs. */
export function fuseMap(): Record<FuseName, boolean> {
  return Object.fromEntries(KIOSK_FUSES.map(({ fuse, enabled }) => [fuse, enabled])) as Record<
    FuseName,
    boolean
  >;
}

/** The exact config `flipFuses` is given: version 1 wire, every fuse explicit. */
export function kioskFuseConfig(): FuseConfig {
  const config: Record<number, boolean> = {};
  for (const { fuse, enabled } of KIOSK_FUSES) config[FuseV1Options[fuse]] = enabled;
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    ...config,
  } as FuseConfig;
}
