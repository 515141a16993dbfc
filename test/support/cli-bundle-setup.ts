// Vitest global setup: the CLI tests run the compiled kiosk24 (dist/cli), so it is rebuilt
// here whenever a source is newer. `npm test` has just built it and this costs one stat walk;
// a developer running one test file after an edit gets a bundle of the code they edited.
import { bundleCli, cliBundleIsStale } from '../../scripts/cli-bundle.mjs';

/** Rebuilds dist/cli before any test runs, when it is missing or stale. */
export default async function setup(): Promise<void> {
  if (cliBundleIsStale()) await bundleCli();
}
