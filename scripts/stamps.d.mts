// Types of stamps.mjs, for the TypeScript tests of the stamp logic.

/** The repository root these scripts belong to. */
export const ROOT: string;
/** What decides whether set-up must run again, and where its stamp is kept. */
export const SETUP: { stamp: string; files: string[] };
/** What decides whether the build must run again, what it must have produced, and its stamp. */
export const BUILD: { stamp: string; dirs: string[]; files: string[]; outputs: string[] };
/** The digest of the set-up inputs under `root`: their contents and the Node runtime's ABI. */
export function setupDigest(root?: string): string;
/** The digest of the build inputs under `root`: every file's path, size and modification time. */
export function buildDigest(root?: string): string;
/** True when the stamp at `stampFile` holds exactly `digest`. */
export function stampMatches(stampFile: string, digest: string): boolean;
/** Records that a step succeeded for inputs with this digest. */
export function writeStamp(stampFile: string, digest: string): void;
/** Whether set-up must run, with the digest to stamp once it has. */
export function setupState(root?: string): { stale: boolean; digest: string };
/** Whether the build must run, with the digest to stamp once it has. */
export function buildState(root?: string): { stale: boolean; digest: string };
