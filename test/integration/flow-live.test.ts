/**
 * A running kiosk and `kiosk24 flow install` / `rollback`: the kiosk serves a newly installed or
 * rolled-back version from the first moment no session is open, never inside a session, and a
 * version that fails the kiosk's checks leaves the one served before it in place.
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, type KioskSnapshot } from '../../kiosk/contract.ts';
import { parseConfig, type KioskConfig } from '../../kiosk/core/config/index.ts';
import { installFlow, rollbackFlow } from '../../kiosk/core/flow-install/install.ts';
import { packFlow } from '../../kiosk/core/flow-install/pack.ts';
import {
  removeTestFolders,
  testFolder,
  testPackage,
} from '../../kiosk/core/flow-install/testing/craft.ts';
import { startKiosk, type RunningKiosk } from '../../kiosk/core/kiosk.ts';
import { SANDBOX_MAINTENANCE_PIN } from '../../kiosk/core/maintenance/pin.ts';
import { silentLogger } from '../../kiosk/core/log.ts';
import { waitFor } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const ID = 'js-live-test';

let kiosk: RunningKiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});
afterAll(removeTestFolders);

/** Packs and installs `version` of the test flow, titled so the menu shows which is served. */
async function install(dir: string, config: KioskConfig, version: string): Promise<void> {
  const title = { 'zh-CN': `测试事项 ${version}`, en: `Live test ${version}` };
  const pkg = testPackage(join(dir, 'src'), version, { id: ID, version, title, order: 20 });
  await packFlow(pkg, join(dir, `${version}.k24flow`));
  await installFlow(join(dir, `${version}.k24flow`), { config, allowDowngrade: true });
}

/** A kiosk on simulated devices with `config`, and a renderer connected to it. */
async function start(config: KioskConfig) {
  requireTool('socat', 'socat');
  kiosk = await startKiosk(config, silentLogger);
  let last: KioskSnapshot | undefined;
  const link = kiosk.sessions.connect((m) => {
    if (m.type === 'snapshot') last = m.snapshot;
  });
  link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
  const snapshot = (): KioskSnapshot => {
    if (!last) throw new Error('no snapshot yet');
    return last;
  };
  return {
    kiosk,
    snapshot,
    press: (event: string, data?: Record<string, string>) =>
      link.receive({ type: 'action', event, ...(data ? { data } : {}) }),
    /** Everything the attract screen shows, as text; empty on any other screen. */
    attract: (): string => {
      const { screen } = snapshot();
      return screen.id === 'attract' ? JSON.stringify(screen) : '';
    },
    /** The labels on the menu screen, or undefined on any other screen. */
    menu: (): string[] | undefined => {
      const { screen } = snapshot();
      if (screen.id !== 'menu') return undefined;
      return screen.blocks.flatMap((b) =>
        b.kind === 'choices' ? b.choices.map((c) => c.label) : [],
      );
    },
  };
}

function kioskConfig(dir: string): KioskConfig {
  mkdirSync(join(dir, 'a4'), { recursive: true });
  mkdirSync(join(dir, 'built-in'), { recursive: true });
  return parseConfig(
    {
      locale: 'en',
      devices: {
        documentPrinter: { mode: 'simulated', outputDir: join(dir, 'a4') },
        receiptPrinter: { mode: 'none' },
        scanner: { mode: 'none' },
      },
      // Only the installed flow, so the attract screen (which names the first few services by
      // order) always names it.
      flows: { directories: [join(dir, 'built-in')], installDir: join(dir, 'installed') },
      journal: { path: join(dir, 'journal.sqlite') },
    },
    { cwd: dir },
  );
}

describe('a running kiosk with an installed flow', () => {
  it('keeps an open session on the version it started with and serves a new install or a rollback from the next session', async () => {
    const dir = testFolder();
    const config = kioskConfig(dir);
    await install(dir, config, '1.0.0');
    const k = await start(config);
    expect(k.attract()).toContain('Live test 1.0.0');

    k.press('session.start');
    await waitFor(() => k.menu()?.includes('Live test 1.0.0'), 'the menu offering version 1.0.0');
    await install(dir, config, '2.0.0');
    await waitFor(() => k.kiosk.sessions.flowSet.waiting, 'the kiosk noticing version 2.0.0');
    // Inside the session nothing changes: the menu still offers 1.0.0, and choosing it runs it.
    expect(k.menu()).toContain('Live test 1.0.0');
    expect(k.menu()).not.toContain('Live test 2.0.0');
    k.press('service.chosen', { serviceId: ID });
    await waitFor(() => k.snapshot().screen.id !== 'menu', 'the test flow to start');
    expect(k.kiosk.flows.find((f) => f.manifest.id === ID)?.manifest.version).toBe('1.0.0');

    k.press('session.end');
    await waitFor(() => !k.snapshot().inSession, 'the session to end');
    expect(k.kiosk.flows.find((f) => f.manifest.id === ID)?.manifest.version).toBe('2.0.0');
    expect(k.attract()).toContain('Live test 2.0.0');
    k.press('session.start');
    await waitFor(() => k.menu()?.includes('Live test 2.0.0'), 'the menu offering version 2.0.0');
    k.press('session.end');
    await waitFor(() => !k.snapshot().inSession, 'the second session to end');

    // Between sessions a rollback is served at once.
    rollbackFlow(ID, config);
    await waitFor(
      () => k.attract()?.includes('Live test 1.0.0'),
      'the attract screen offering version 1.0.0 again after the rollback',
    );
    expect(k.attract()).not.toContain('Live test 2.0.0');
  });

  it('keeps serving the old version when the new one fails its check, and audits why', async () => {
    const dir = testFolder();
    const config = kioskConfig(dir);
    await install(dir, config, '1.0.0');
    const k = await start(config);
    // A version put there by hand (not by install) that does not even parse.
    const flowDir = join(config.flows.installDir, ID);
    mkdirSync(join(flowDir, '3.0.0', 'package'), { recursive: true });
    writeFileSync(join(flowDir, '3.0.0', 'package', 'flow.json'), '{ not json');
    symlinkSync('3.0.0', join(flowDir, '.link-hand'));
    renameSync(join(flowDir, '.link-hand'), join(flowDir, 'current'));

    const refused = await waitFor(
      () => k.kiosk.journal.auditEntries().find((e) => e.kind === 'flow.refused'),
      'a flow.refused audit entry',
    );
    expect(refused.detail).toMatchObject({ flowId: ID, version: '3.0.0' });
    expect(k.kiosk.sessions.flowSet.waiting).toBe(false);
    expect(k.kiosk.flows.find((f) => f.manifest.id === ID)?.manifest.version).toBe('1.0.0');
    k.press('session.start');
    await waitFor(() => k.menu()?.includes('Live test 1.0.0'), 'the menu still offering 1.0.0');
  });

  it('rolls back from maintenance, serving the previous version once the technician leaves', async () => {
    const dir = testFolder();
    const config = kioskConfig(dir);
    await install(dir, config, '1.0.0');
    await install(dir, config, '2.0.0');
    const k = await start(config);
    k.press('maintenance.request');
    for (const digit of SANDBOX_MAINTENANCE_PIN) k.press('maintenance.pin.digit', { digit });
    k.press('maintenance.pin.submit');
    await waitFor(() => k.snapshot().screen.id === 'maintenance/overview', 'the overview');
    k.press('maintenance.info');
    k.press('maintenance.flow.rollback', { flow: ID });
    await waitFor(
      () => JSON.stringify(k.snapshot().screen.blocks).includes(`Rolled ${ID} back: 2.0.0 → 1.0.0`),
      'the page saying the flow was rolled back',
    );
    // Maintenance is a session of its own: the kiosk serves 2.0.0 until the technician leaves.
    expect(k.kiosk.sessions.flowSet.waiting).toBe(true);
    expect(k.kiosk.flows.find((f) => f.manifest.id === ID)?.manifest.version).toBe('2.0.0');
    k.press('maintenance.exit');
    await waitFor(
      () => k.attract()?.includes('Live test 1.0.0'),
      'the attract screen offering 1.0.0 after maintenance',
    );
    const entries = k.kiosk.journal.auditEntries();
    expect(entries.find((e) => e.kind === 'flow.rolledBack')?.detail).toMatchObject({
      flowId: ID,
      from: '2.0.0',
      to: '1.0.0',
    });
    expect(entries.find((e) => e.kind === 'maintenance.action')?.detail).toEqual({
      action: 'maintenance.flow.rollback',
      target: ID,
      result: 'ok',
    });
  });
});
