/**
 * The Electron fuses the kiosk wants flipped in its binary. Fuses are bits baked into the
 * Electron executable, so they are applied at packaging time (with @electron/fuses on the
 * packaged binary), not at run time; the binary is not available on development machines.
 * This list is the packaging step's input, and its test keeps it from drifting.
 */

/** The fuse names as @electron/fuses spells them (FuseV1Options). */
export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar';

/** One fuse setting and why the kiosk wants it. */
export interface FuseSetting {
  fuse: FuseName;
  enabled: boolean;
  why: string;
}

/** The fuses for the packaged kiosk binary. */
export const KIOSK_FUSES: readonly FuseSetting[] = [
  {
    fuse: 'RunAsNode',
    enabled: false,
    why: 'ELECTRON_RUN_AS_NODE would turn the kiosk binary into a plain Node shell',
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
    fuse: 'OnlyLoadAppFromAsar',
    enabled: true,
    why: 'the app runs only from its packaged archive, not from a folder beside it',
  },
  {
    fuse: 'EnableEmbeddedAsarIntegrityValidation',
    enabled: true,
    why: 'a modified app archive refuses to load',
  },
  {
    fuse: 'EnableCookieEncryption',
    enabled: true,
    why: 'cookies on disk are encrypted with the OS key store',
  },
];

/** The settings as the `{ [FuseName]: boolean }` map that `flipFuses` takes. */
export function fuseMap(): Record<FuseName, boolean> {
  return Object.fromEntries(KIOSK_FUSES.map(({ fuse, enabled }) => [fuse, enabled])) as Record<
    FuseName,
    boolean
  >;
}
