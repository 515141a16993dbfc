import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/time.ts';
import { installFlow, rollbackFlow } from '../flow-install/install.ts';
import { packFlow } from '../flow-install/pack.ts';
import {
  removeTestFolders,
  testConfig,
  testFolder,
  testPackage,
} from '../flow-install/testing/craft.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import type { KioskConfig } from '../config/index.ts';
import type { FlowPackage } from './flow-package.ts';
import { FlowWatch, type FlowRefusal } from './flow-watch.ts';
import { flowRoots, kioskRequirements, loadInstalledFlows } from './load-flows.ts';

const log = pino({ enabled: false });
const watches: FlowWatch[] = [];
afterEach(() => {
  for (const w of watches.splice(0)) w.close();
});
afterAll(removeTestFolders);

async function install(dir: string, config: KioskConfig, id: string, version: string) {
  const pkg = testPackage(join(dir, 'src', id), version, { id, version });
  await packFlow(pkg, join(dir, `${id}-${version}.k24flow`));
  await installFlow(join(dir, `${id}-${version}.k24flow`), { config, allowDowngrade: true });
}

function watching(
  config: KioskConfig,
  options: { recheckMs?: number; installed?: Set<Requirement> } = {},
) {
  const sets: FlowPackage[][] = [];
  const refusals: FlowRefusal[] = [];
  const installed = options.installed ?? kioskRequirements(config);
  const flows = loadInstalledFlows(flowRoots(config.flows), installed, log);
  const watch = new FlowWatch({
    installDir: config.flows.installDir,
    flows,
    installed,
    log,
    onFlows: (next) => sets.push(next),
    onRefused: (r) => refusals.push(r),
    ...(options.recheckMs === undefined ? {} : { recheckMs: options.recheckMs }),
  });
  watches.push(watch);
  const served = (): string[] =>
    (sets.at(-1) ?? flows).map((f) => `${f.manifest.id} ${f.manifest.version}`);
  return { watch, sets, refusals, served };
}

describe('the flow watcher', () => {
  it('hands on the new set after an install and after a rollback, keeping unchanged packages', async () => {
    const dir = testFolder();
    const config = testConfig(dir);
    await install(dir, config, 'js-watch-a', '1.0.0');
    await install(dir, config, 'js-watch-b', '1.0.0');
    const w = watching(config);
    await install(dir, config, 'js-watch-a', '1.1.0');
    await waitFor(() => w.served().includes('js-watch-a 1.1.0'), 'the watcher to see 1.1.0');
    expect(w.served()).toContain('js-watch-b 1.0.0');
    const [first] = w.sets;
    rollbackFlow('js-watch-a', config);
    await waitFor(() => w.served().includes('js-watch-a 1.0.0'), 'the watcher to see the rollback');
    // The flow nothing happened to is the very package loaded before, not a reload of it.
    const b = (set: FlowPackage[] | undefined) => set?.find((f) => f.manifest.id === 'js-watch-b');
    expect(b(w.sets.at(-1))).toBe(b(first));
  });

  it('notices an install by its periodic re-check where no change event could reach it', async () => {
    // The install root does not exist when the watcher starts, so nothing watches it.
    const dir = testFolder();
    const config = testConfig(dir);
    const w = watching(config, { recheckMs: 50 });
    await install(dir, config, 'js-watch-c', '1.0.0');
    await waitFor(() => w.served().includes('js-watch-c 1.0.0'), 'the re-check to find the flow');
  });

  it('refuses a version needing a device the kiosk lacks, once, and keeps the one served', async () => {
    const dir = testFolder();
    const config = testConfig(dir);
    await install(dir, config, 'js-watch-d', '1.0.0');
    // This kiosk has no scanner; install checks against the config, which has one.
    const w = watching(config, {
      installed: new Set(['idCardReader', 'platform', 'documentPrinter']),
    });
    const pkg = testPackage(join(dir, 'src', 'scan'), '2.0.0', {
      id: 'js-watch-d',
      version: '2.0.0',
      requires: ['idCardReader', 'platform', 'documentPrinter', 'scanner'],
    });
    await packFlow(pkg, join(dir, 'scan.k24flow'));
    await installFlow(join(dir, 'scan.k24flow'), { config });
    const [refusal] = await waitFor(() => w.refusals.length > 0 && w.refusals, 'the refusal');
    expect(refusal).toMatchObject({ flowId: 'js-watch-d', version: '2.0.0' });
    expect(refusal?.problems.join('\n')).toMatch(/scanner/);
    w.watch.check();
    w.watch.check();
    expect(w.refusals).toHaveLength(1);
    expect(w.sets).toEqual([]);
    expect(w.served()).toEqual(['js-watch-d 1.0.0']);
  });
});
