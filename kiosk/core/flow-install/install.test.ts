/**
 * What an install leaves for the kiosk: the served version is loaded from flows.installDir
 * beside flows.directories, a rollback changes what is loaded, and a package whose id a
 * package under flows.directories already uses is refused.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { flowRoots, kioskRequirements, loadInstalledFlows } from '../runner/load-flows.ts';
import { installFlow, rollbackFlow } from './install.ts';
import { packFlow } from './pack.ts';
import { removeTestFolders, testConfig, testFolder, testPackage } from './testing/craft.ts';

afterAll(removeTestFolders);

const log = pino({ enabled: false });

describe('an installed flow', () => {
  it('is what the kiosk loads from flows.installDir, before and after a rollback', async () => {
    const dir = testFolder();
    const config = testConfig(dir);
    for (const version of ['1.0.0', '1.2.0']) {
      const pkg = testPackage(dir, version, { id: 'js-load-test', version });
      await packFlow(pkg, join(dir, `${version}.k24flow`));
      await installFlow(join(dir, `${version}.k24flow`), { config });
    }
    const loaded = () =>
      loadInstalledFlows(flowRoots(config.flows), kioskRequirements(config), log).map(
        (f) => `${f.manifest.id} ${f.manifest.version}`,
      );
    expect(loaded()).toEqual(['js-load-test 1.2.0']);
    rollbackFlow('js-load-test', config);
    expect(loaded()).toEqual(['js-load-test 1.0.0']);
  });

  it('may not take an id a package under flows.directories uses', async () => {
    const dir = testFolder();
    const config = testConfig(dir);
    testPackage(join(dir, 'built-in'), 'clash', { id: 'js-clash-test', version: '1.0.0' });
    const pkg = testPackage(dir, 'pkg', { id: 'js-clash-test', version: '2.0.0' });
    await packFlow(pkg, join(dir, 'clash.k24flow'));
    await expect(installFlow(join(dir, 'clash.k24flow'), { config })).rejects.toThrow(
      /the package check refused it: flow\.json at \/id: flow id "js-clash-test" is already used/,
    );
  });
});
