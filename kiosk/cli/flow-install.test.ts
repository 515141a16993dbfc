/**
 * kiosk24 flow keygen, pack, sign, install, rollback and list, run as a vendor and an operator
 * run them: through the compiled command, with one-line refusals, exit codes 0/1/2, and an
 * audit entry for every install and rollback.
 */
import { readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../core/journal/journal.ts';
import { removeTestFolders, testFolder, testPackage } from '../core/flow-install/testing/craft.ts';
import { trappingFlow } from '../core/flow-test/testing/hostile-flows.ts';
import { hashMaintenancePin } from '../core/maintenance/pin.ts';
import { runKiosk24 } from './testing/run-kiosk24.ts';

afterAll(removeTestFolders);

const STACK_LINE = /^\s+at /m;
const ID = 'js-nanjing-queue';
let dir: string;
let publicKey: string;

/** Runs kiosk24 in the test folder and checks it printed no stack trace. */
async function kiosk24(...args: string[]) {
  const run = await runKiosk24(args, undefined, { cwd: dir });
  expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  return run;
}

const PRODUCTION_PARTS = {
  maintenance: { pinHash: hashMaintenancePin('13579') },
  devices: {
    idCard: { mode: 'serial', path: '/dev/ttyUSB0' },
    scanner: { mode: 'serial', path: '/dev/ttyACM0' },
    receiptPrinter: { mode: 'serial', path: '/dev/ttyS1' },
    documentPrinter: { mode: 'cups', queue: 'certificate-a4' },
  },
  platform: { mode: 'remote', baseUrl: 'https://zwfw.example.gov.cn/kiosk-gateway' },
  help: { remoteUrl: 'https://zwfw.example.gov.cn/remote-help' },
};

function writeConfig(name: string, production: boolean, scope = ['js-nanjing-*']): string {
  const config = {
    production,
    // A production config names real devices and platform (production refuses simulators);
    // installing opens none of them.
    ...(production ? PRODUCTION_PARTS : {}),
    flows: {
      directories: ['built-in'],
      installDir: 'installed',
      trustedKeys: { 'nanjing-vendor': { publicKey, scope } },
    },
    journal: { path: 'journal.sqlite' },
  };
  writeFileSync(join(dir, name), JSON.stringify(config));
  return name;
}

beforeAll(async () => {
  dir = testFolder();
  testPackage(dir, 'v1', { id: ID, version: '1.0.0' });
  testPackage(dir, 'v2', { id: ID, version: '2.0.0' });
  testPackage(dir, 'future', { id: ID, version: '3.0.0', minKioskVersion: '99.0.0' });
  const keygen = await kiosk24('flow', 'keygen', '--out', 'keys');
  expect(keygen.code).toBe(0);
  publicKey = /publicKey: (\S+)/.exec(keygen.stdout)?.[1] ?? '';
  for (const name of ['v1', 'v2', 'future']) {
    expect((await kiosk24('flow', 'pack', name, '--out', `${name}.k24flow`)).code).toBe(0);
    const sign = await kiosk24('flow', 'sign', `${name}.k24flow`, '--key', 'keys/flow-signing.key');
    expect(sign.code).toBe(0);
  }
  await kiosk24('flow', 'pack', 'v2', '--out', 'unsigned.k24flow');
});

describe('an operator in production', () => {
  it('installs v1, then v2 keeping v1, rolls back, and the list and audit say so', async () => {
    const config = writeConfig('production.json', true);
    const first = await kiosk24('flow', 'install', 'v1.k24flow', '--config', config);
    expect(first.stdout).toContain(
      `installed ${ID} 1.0.0 (signer: nanjing-vendor; previous: none)`,
    );
    expect(first.code).toBe(0);
    const second = await kiosk24('flow', 'install', 'v2.k24flow', '--config', config);
    expect(second.stdout).toContain(
      `installed ${ID} 2.0.0 (signer: nanjing-vendor; previous: 1.0.0)`,
    );
    expect(readlinkSync(join(dir, 'installed', ID, 'current'))).toBe('2.0.0');

    const listed = await kiosk24('flow', 'list', '--json', '--config', config);
    const [flow] = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(Object.keys(flow ?? {}).sort()).toEqual(
      ['id', 'installedAt', 'previous', 'signer', 'source', 'version'].sort(),
    );
    expect(flow).toMatchObject({
      id: ID,
      version: '2.0.0',
      source: 'installed',
      signer: 'nanjing-vendor',
      previous: '1.0.0',
    });

    const back = await kiosk24('flow', 'rollback', ID, '--config', config);
    expect(back.stdout).toContain(`rolled ${ID} back from 2.0.0 to 1.0.0`);
    const after = JSON.parse(
      (await kiosk24('flow', 'list', '--json', '--config', config)).stdout,
    ) as unknown[];
    expect(after).toMatchObject([{ id: ID, version: '1.0.0', previous: '2.0.0' }]);

    const journal = Journal.open(join(dir, 'journal.sqlite'), {
      clock: { now: () => Date.now() },
      log: pino({ enabled: false }),
    });
    const entries = journal.auditEntries().filter((e) => e.kind.startsWith('flow.'));
    journal.close();
    expect(entries.map((e) => [e.kind, e.detail.version ?? e.detail.to])).toEqual([
      ['flow.installed', '1.0.0'],
      ['flow.installed', '2.0.0'],
      ['flow.rolledBack', '1.0.0'],
    ]);
    expect(entries[1]?.detail).toMatchObject({
      flowId: ID,
      from: '1.0.0',
      signer: 'nanjing-vendor',
    });
  });

  it('refuses an unsigned archive and a key outside its scope', async () => {
    const unsigned = await kiosk24(
      'flow',
      'install',
      'unsigned.k24flow',
      '--config',
      writeConfig('p2.json', true),
    );
    expect(unsigned.stdout.trim()).toBe(
      `kiosk24 flow install: ${ID} 2.0.0 is not signed (production: true); have the vendor sign it with kiosk24 flow sign`,
    );
    expect(unsigned.code).toBe(1);
    const scoped = await kiosk24(
      'flow',
      'install',
      'v2.k24flow',
      '--config',
      writeConfig('p3.json', true, ['js-suzhou-*']),
    );
    expect(scoped.stdout).toMatch(
      /key "nanjing-vendor" may sign js-suzhou-\*, not js-nanjing-queue/,
    );
    expect(scoped.code).toBe(1);
  });

  it('refuses a downgrade unless --allow-downgrade is given', async () => {
    const config = writeConfig('p4.json', true);
    await kiosk24('flow', 'install', 'v2.k24flow', '--config', config);
    const refused = await kiosk24('flow', 'install', 'v1.k24flow', '--config', config);
    expect(refused.stdout).toContain(
      `${ID} 1.0.0 is older than the installed 2.0.0; pass --allow-downgrade`,
    );
    expect(refused.code).toBe(1);
    const allowed = await kiosk24(
      'flow',
      'install',
      'v1.k24flow',
      '--config',
      config,
      '--allow-downgrade',
    );
    expect(allowed.code).toBe(0);
    expect(readlinkSync(join(dir, 'installed', ID, 'current'))).toBe('1.0.0');
  });

  it('refuses a package for a newer kiosk, naming both versions', async () => {
    const run = await kiosk24(
      'flow',
      'install',
      'future.k24flow',
      '--config',
      writeConfig('p5.json', true),
    );
    expect(run.stdout).toMatch(
      /needs kiosk24 99\.0\.0 or newer, and this kiosk runs \d+\.\d+\.\d+/,
    );
    expect(run.code).toBe(1);
  });
});

describe('a vendor', () => {
  it('installs an unsigned archive in the sandbox with a warning', async () => {
    const run = await kiosk24(
      'flow',
      'install',
      'unsigned.k24flow',
      '--config',
      writeConfig('sandbox.json', false),
    );
    expect(run.stdout).toContain('warning: js-nanjing-queue 2.0.0 is not signed; installed anyway');
    expect(run.code).toBe(0);
  });

  it('cannot pack a package the check refuses, nor overwrite a key pair', async () => {
    testPackage(dir, 'broken', { id: 'Bad Id', version: '1.0.0' });
    const pack = await kiosk24('flow', 'pack', 'broken', '--out', 'broken.k24flow');
    expect(pack.stdout).toMatch(
      /^kiosk24 flow pack: the package check refused .*broken: flow\.json at \/id/,
    );
    expect(pack.stdout.trim().split('\n')).toHaveLength(1);
    expect(pack.code).toBe(1);
    const keygen = await kiosk24('flow', 'keygen', '--out', 'keys');
    expect(keygen.stdout).toMatch(/already exists; keep the existing key pair/);
    expect(keygen.code).toBe(1);
  });

  it('packs a package that flow test refuses only without --require-test, and a kiosk with flows.requireTest refuses to install it', async () => {
    // Passes flow check, but traps a session: flow test refuses it with the path.
    trappingFlow(dir);
    const strict = await kiosk24(
      'flow',
      'pack',
      'hostile-trap',
      '--require-test',
      '--out',
      'trap.k24flow',
    );
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^kiosk24 flow pack: .*flow test/);
    expect((await kiosk24('flow', 'pack', 'hostile-trap', '--out', 'trap.k24flow')).code).toBe(0);
    const config = 'require-test.json';
    writeFileSync(
      join(dir, config),
      JSON.stringify({
        flows: { directories: ['built-in'], installDir: 'installed-strict', requireTest: true },
        journal: { path: 'journal-strict.sqlite' },
      }),
    );
    const install = await kiosk24('flow', 'install', 'trap.k24flow', '--config', config);
    expect(install.stdout).toContain(
      'flows.requireTest is set and kiosk24 flow test fails the package',
    );
    expect(install.code).toBe(1);
  });

  it('gets exit code 2 and the usage for a missing argument or unknown option', async () => {
    expect((await kiosk24('flow', 'pack', 'v1')).code).toBe(2);
    expect((await kiosk24('flow', 'install')).code).toBe(2);
    const bad = await kiosk24('flow', 'sign', 'v1.k24flow', '--kee', 'x');
    expect(bad.stdout).toContain("Unknown option '--kee'");
    expect(bad.code).toBe(2);
  });
});
