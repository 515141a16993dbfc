// Types of node-bundles.mjs, for the TypeScript that builds the bundles before tests and benches.

/** The compiled kiosk24: what package.json's bin, npm start and the CLI tests run. */
export const CLI_BUNDLE: string;
/** The compiled Electron main process: the file `kiosk24 start` hands the Electron binary. */
export const ELECTRON_MAIN_BUNDLE: string;
/** True when a bundle is missing or older than a source it is built from. */
export function nodeBundlesAreStale(): boolean;
/** Builds both bundles; dist/cli afresh, so no chunk of an older build is loaded by mistake. */
export function bundleNodeEntries(): Promise<void>;
