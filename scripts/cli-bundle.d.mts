// Types of cli-bundle.mjs, for the TypeScript that builds the CLI before tests and benches.

/** The compiled entry point: what package.json's bin, npm start and the CLI tests run. */
export const CLI_BUNDLE: string;
/** True when the bundle is missing or older than a source it is built from. */
export function cliBundleIsStale(): boolean;
/** Builds dist/cli afresh (old chunks removed, so none is loaded by mistake). */
export function bundleCli(): Promise<void>;
