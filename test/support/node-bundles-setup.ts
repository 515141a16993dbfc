// Vitest global setup: the CLI tests and the Electron main smoke test run the compiled entry
// points (dist/cli, dist/electron/main.mjs), so they are rebuilt here whenever a source is
// newer. `npm test` has just built them and this costs one stat walk; a developer running one
// test file after an edit gets bundles of the code they edited.
import { bundleNodeEntries, nodeBundlesAreStale } from '../../scripts/node-bundles.mjs';

/** Rebuilds the Node bundles before any test runs, when one is missing or stale. */
export default async function setup(): Promise<void> {
  if (nodeBundlesAreStale()) await bundleNodeEntries();
}
