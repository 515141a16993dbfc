import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../kiosk/core/config/index.ts';
import { BridgeClient } from '../crash/bridge-client.ts';
import { budget, waitFor } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

/**
 * The .deb for the terminal OS, built as `npm run package:deb` builds it (uncompressed here:
 * compression is dpkg-deb's own work and takes most of a release build's time), then read back
 * with dpkg-deb, unpacked into a scratch root with `dpkg -x` and run from there.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const LIB = 'usr/lib/kiosk24';

let work: string;
let deb: string;
let root: string;

/** Runs a tool to completion; throws with its output when it fails. */
function run(command: string, args: string[], options: { cwd?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: options.cwd ?? repoRoot });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

beforeAll(() => {
  requireTool('dpkg-deb', 'dpkg');
  requireTool('dpkg', 'dpkg');
  work = mkdtempSync(join(tmpdir(), 'kiosk24-deb-test-'));
  const said = run(process.execPath, [
    join(repoRoot, 'scripts', 'package-deb.mjs'),
    '--out',
    work,
    '--compression',
    'none',
  ]);
  const version = (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const arch = run('dpkg', ['--print-architecture']).trim();
  deb = join(work, `kiosk24_${version}_${arch}.deb`);
  expect(said).toContain(`kiosk24_${version}_${arch}.deb`);
  root = join(work, 'root');
  run('dpkg', ['-x', deb, root]);
}, budget(120_000));

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the kiosk24 package', () => {
  it('holds the compiled app, its data files, the launchers, the units, the udev rules and the config, all owned by root', () => {
    const listing = run('dpkg-deb', ['-c', deb]).trim().split('\n');
    const entries = new Map(
      listing.map((line) => {
        const fields = line.split(/\s+/);
        return [fields.slice(5).join(' '), { mode: fields[0], owner: fields[1] }] as const;
      }),
    );
    for (const path of [
      './usr/bin/kiosk24',
      `./${LIB}/kiosk24-ui`,
      `./${LIB}/package.json`,
      `./${LIB}/dist/cli/kiosk24.mjs`,
      `./${LIB}/dist/renderer/index.html`,
      `./${LIB}/dist/electron/main.mjs`,
      `./${LIB}/dist/electron/preload.cjs`,
      `./${LIB}/flows/si-payment-certificate/flow.json`,
      `./${LIB}/printer-templates/fonts/wqy-microhei.ttf`,
      `./${LIB}/drivers/receipt-printer/profiles/generic-80mm-203dpi.json`,
      `./${LIB}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`,
      `./${LIB}/node_modules/zod/package.json`,
      './lib/systemd/system/kiosk24.service',
      './lib/systemd/system/kiosk24-ui.service',
      './lib/udev/rules.d/60-kiosk24.rules',
      './etc/kiosk24/config.yaml',
    ]) {
      expect(entries.has(path), `${path} in the package`).toBe(true);
    }
    expect(entries.get('./usr/bin/kiosk24')?.mode).toBe('-rwxr-xr-x');
    expect(entries.get(`./${LIB}/kiosk24-ui`)?.mode).toBe('-rwxr-xr-x');
    expect([...entries.values()].every((entry) => entry.owner === 'root/root')).toBe(true);
    // Development tools, TypeScript and the compile leftovers of native modules stay out.
    const paths = [...entries.keys()];
    for (const absent of [
      /node_modules\/(tsx|electron|vitest|esbuild|typescript|vite|preact)\//,
      /node_modules\/better-sqlite3\/(deps|src)\//,
      /node_modules\/.*\.(ts|map)$/,
      /prebuilds\/(win32|darwin)/,
    ]) {
      expect(paths.filter((path) => absent.test(path))).toEqual([]);
    }
  });

  it('loads every npm package its bundles import from the installed tree alone, native ones included', () => {
    const lib = join(root, LIB);
    const imports = new Set<string>();
    const listing = run('dpkg-deb', ['-c', deb]);
    for (const match of listing.matchAll(
      /\.\/usr\/lib\/kiosk24\/(dist\/(?:cli|electron)\/\S+\.m?js)$/gm,
    )) {
      const code = readFileSync(join(lib, match[1] ?? ''), 'utf8');
      for (const found of code.matchAll(
        /\bfrom\s*"([^"./][^"]*)"|\bimport\(\s*"([^"./][^"]*)"\s*\)/g,
      )) {
        const specifier = found[1] ?? found[2] ?? '';
        // A package name, not node:*, Electron (the host provides it) or a template's text.
        const packageName = /^(@[a-z0-9._-]+\/)?[a-z0-9._-]+(\/[\w./-]+)?$/.test(specifier);
        if (packageName && specifier !== 'electron') imports.add(specifier);
      }
    }
    expect([...imports]).toEqual(
      expect.arrayContaining(['better-sqlite3', 'serialport', 'node-hid', 'zod']),
    );
    // A module inside the installed tree resolves packages as the installed kiosk does.
    const check = join(lib, 'load-check.mjs');
    writeFileSync(
      check,
      `for (const name of ${JSON.stringify([...imports])}) await import(name);\n` +
        "const { default: Database } = await import('better-sqlite3');\n" +
        "new Database(':memory:').close();\n" +
        "const hid = await import('node-hid');\n" +
        'await hid.devicesAsync();\n',
    );
    try {
      run(process.execPath, [check], { cwd: work });
    } finally {
      rmSync(check);
    }
  });

  it('pins Node to the major its native SQLite module was built for, and names what else it runs with', () => {
    const fields = run('dpkg-deb', ['-f', deb, 'Package', 'Architecture', 'Depends', 'Version']);
    const major = Number(process.versions.node.split('.')[0]);
    expect(fields).toContain('Package: kiosk24');
    expect(fields).toContain(`Architecture: ${run('dpkg', ['--print-architecture']).trim()}`);
    const depends = /^Depends: (.*)$/m.exec(fields)?.[1] ?? '';
    const floor = major === 20 ? '20.19' : String(major);
    expect(depends).toContain(`nodejs (>= ${floor}), nodejs (<< ${major + 1})`);
    for (const tool of ['socat', 'adduser', 'systemd', 'udev']) {
      expect(depends.split(', ')).toContain(tool);
    }
  });

  it('keeps the config as a conffile and makes a kiosk24 system user in the device groups', () => {
    const control = join(work, 'control');
    run('dpkg-deb', ['-e', deb, control]);
    expect(readFileSync(join(control, 'conffiles'), 'utf8').trim()).toBe(
      '/etc/kiosk24/config.yaml',
    );
    const sums = readFileSync(join(control, 'md5sums'), 'utf8');
    expect(sums).toMatch(/^[0-9a-f]{32} {2}usr\/bin\/kiosk24$/m);
    expect(sums).not.toContain('etc/kiosk24');
    for (const script of ['postinst', 'prerm', 'postrm']) {
      run('sh', ['-n', join(control, script)]);
    }
    // The scripts run against stand-ins that log their calls: no user or file of this machine
    // is touched. getent finds every group, and the kiosk users only when USERS is set.
    const fakes = mkdtempSync(join(work, 'fakes-'));
    const log = join(fakes, 'calls.log');
    for (const tool of ['adduser', 'deluser', 'delgroup', 'chown', 'chmod', 'rm', 'systemctl']) {
      writeFileSync(join(fakes, tool), `#!/bin/sh\necho "${tool} $*" >> ${log}\n`, {
        mode: 0o755,
      });
    }
    writeFileSync(join(fakes, 'getent'), '#!/bin/sh\n[ "$1" = group ] || [ -n "$USERS" ]\n', {
      mode: 0o755,
    });
    const script = (name: string, args: string[], env: Record<string, string> = {}): string[] => {
      rmSync(log, { force: true });
      const result = spawnSync('/bin/sh', [join(control, name), ...args], {
        encoding: 'utf8',
        env: { PATH: fakes, ...env },
      });
      expect(result.stderr, `${name} ${args.join(' ')}`).toBe('');
      expect(result.status).toBe(0);
      return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    };

    const installed = script('postinst', ['configure', '']);
    expect(installed).toContain(
      'adduser --quiet --system --group --home /var/lib/kiosk24 --no-create-home --shell /usr/sbin/nologin --gecos kiosk24 terminal core kiosk24',
    );
    for (const group of ['dialout', 'plugdev', 'lp']) {
      expect(installed).toContain(`adduser --quiet kiosk24 ${group}`);
    }
    expect(installed.filter((call) => call.startsWith('adduser --quiet kiosk24-ui '))).toEqual([
      'adduser --quiet kiosk24-ui video',
      'adduser --quiet kiosk24-ui render',
      'adduser --quiet kiosk24-ui input',
    ]);
    expect(installed).toContain('chmod 0640 /etc/kiosk24/config.yaml');

    const purged = script('postrm', ['purge'], { USERS: 'exist' });
    expect(purged).toEqual(
      expect.arrayContaining([
        'deluser --quiet --system kiosk24',
        'deluser --quiet --system kiosk24-ui',
        'rm -rf /etc/kiosk24',
      ]),
    );
    // The journal and audit chain outlive a purge: nothing removes /var/lib/kiosk24.
    expect(purged.filter((call) => call.includes('/var/lib/kiosk24'))).toEqual([]);
    expect(script('postrm', ['remove'], { USERS: 'exist' })).toEqual([]);
  });

  it('ships a config the kiosk accepts, keeping the journal in the service state folder', () => {
    const file = join(root, 'etc/kiosk24/config.yaml');
    const config = parseConfig(parseYaml(readFileSync(file, 'utf8')), { file, cwd: '/' });
    expect(config.journal.path).toBe('/var/lib/kiosk24/journal.sqlite');
    expect(config.host).toMatchObject({ kind: 'browser', bind: '127.0.0.1', openWindow: false });
    expect(config.flows.directories).toEqual([`/${LIB}/flows`]);
    expect(existsSync(join(root, LIB, 'flows'))).toBe(true);
  });

  it('has units systemd-analyze verify accepts without a warning', () => {
    const analyze = requireTool('systemd-analyze', 'systemd');
    // The scratch root gets the host's stock units (targets, getty@) that ours order against;
    // ExecStart= and the unit files themselves are checked inside the scratch root.
    const verifyRoot = join(work, 'verify-root');
    cpSync(root, verifyRoot, { recursive: true });
    cpSync('/lib/systemd/system', join(verifyRoot, 'lib/systemd/system'), {
      recursive: true,
      force: false,
      verbatimSymlinks: true,
    });
    const result = spawnSync(
      analyze,
      [
        'verify',
        `--root=${verifyRoot}`,
        '/lib/systemd/system/kiosk24.service',
        '/lib/systemd/system/kiosk24-ui.service',
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
    const core = readFileSync(join(root, 'lib/systemd/system/kiosk24.service'), 'utf8');
    for (const line of [
      'Type=notify',
      'Restart=always',
      'User=kiosk24',
      'StateDirectory=kiosk24',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
    ]) {
      expect(core.split('\n')).toContain(line);
    }
    expect(core).toMatch(/^WatchdogSec=\d+$/m);
  });

  it('has udev rules that give the serial, hidraw and usb-lp devices to the kiosk24 user', () => {
    const text = readFileSync(join(root, 'lib/udev/rules.d/60-kiosk24.rules'), 'utf8');
    const udevadm = spawnSync('sh', ['-c', 'command -v udevadm'], { encoding: 'utf8' });
    const version = Number(
      spawnSync(udevadm.stdout.trim() || 'false', ['--version'], { encoding: 'utf8' }).stdout,
    );
    if (version >= 254) {
      // udevadm verify exists from systemd 254; older ones get the parser check below only.
      run(udevadm.stdout.trim(), ['verify', join(root, 'lib/udev/rules.d/60-kiosk24.rules')]);
    }
    const rules = text
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) =>
        Object.fromEntries(
          line.split(/,\s*/).map((pair) => {
            const match = /^([A-Z]+)(==|=|\+=)"([^"]*)"$/.exec(pair.trim());
            if (match === null) throw new Error(`not a udev key=value pair: ${pair}`);
            return [`${match[1]}${match[2]}`, match[3] ?? ''];
          }),
        ),
      );
    const ruleFor = (subsystem: string, kernel: string): Record<string, string> | undefined =>
      rules.find((rule) => rule['SUBSYSTEM=='] === subsystem && rule['KERNEL=='] === kernel);
    for (const [subsystem, kernel, group] of [
      ['tty', 'ttyUSB[0-9]*', 'dialout'],
      ['tty', 'ttyACM[0-9]*', 'dialout'],
      ['tty', 'ttyS[0-9]*', 'dialout'],
      ['hidraw', 'hidraw[0-9]*', 'kiosk24'],
      ['usbmisc', 'lp[0-9]*', 'lp'],
    ] as const) {
      expect(ruleFor(subsystem, kernel), `${subsystem} ${kernel}`).toEqual({
        'SUBSYSTEM==': subsystem,
        'KERNEL==': kernel,
        'GROUP=': group,
        'MODE=': '0660',
      });
    }
  });

  describe('the UI launcher', () => {
    /** Runs the installed kiosk24-ui in dry-run mode with a PATH holding only `tools`. */
    function launch(tools: string[], env: Record<string, string> = {}) {
      const bin = mkdtempSync(join(work, 'bin-'));
      for (const tool of tools) {
        writeFileSync(join(bin, tool), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      }
      for (const tool of ['dirname', 'readlink', 'rm', 'mkdir']) {
        writeFileSync(join(bin, tool), `#!/bin/sh\nexec /usr/bin/${tool} "$@"\n`, {
          mode: 0o755,
        });
      }
      return spawnSync('/bin/sh', [join(root, LIB, 'kiosk24-ui')], {
        encoding: 'utf8',
        env: { PATH: bin, KIOSK24_UI_DRY_RUN: '1', ...env },
      });
    }

    it('shows Chromium in kiosk mode under cage', () => {
      const result = launch(['cage', 'chromium']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(
        /^\S+\/cage -- \S+\/chromium --kiosk --app=http:\/\/127\.0\.0\.1:8024\/ /,
      );
    });

    it('says what to install when there is no browser or no compositor', () => {
      const noBrowser = launch(['cage']);
      expect(noBrowser.status).toBe(1);
      expect(noBrowser.stderr).toContain('apt install chromium');
      const noCage = launch(['chromium']);
      expect(noCage.status).toBe(1);
      expect(noCage.stderr).toContain('apt install cage');
    });

    it('refuses to show a page from another machine', () => {
      const result = launch(['cage', 'chromium'], { KIOSK24_UI_URL: 'http://192.0.2.7:8024/' });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('KIOSK24_UI_URL must be the core on this machine');
    });
  });

  it('starts from the scratch root on the simulators, tells systemd it is ready, reaches the attract screen and stops cleanly on SIGTERM', async () => {
    requireTool('socat', 'socat');
    const runDir = join(work, 'run');
    mkdirSync(runDir);
    const configFile = join(runDir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        host: { kind: 'browser', port: 0, openWindow: false },
        devices: { documentPrinter: { mode: 'simulated', outputDir: runDir } },
        flows: { directories: [join(root, LIB, 'flows')] },
        journal: { path: join(runDir, 'journal.sqlite') },
        log: { level: 'warn' },
      }),
    );
    // systemd's end of sd_notify: a unix datagram socket, here received by socat.
    const notifySocket = join(runDir, 'notify.sock');
    const listener = spawn('socat', ['-u', `UNIX-RECV:${notifySocket}`, 'STDOUT']);
    let notified = '';
    listener.stdout.on('data', (chunk: Buffer) => (notified += chunk.toString()));
    await waitFor(() => existsSync(notifySocket), 'the notify socket');

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      NOTIFY_SOCKET: notifySocket,
      WATCHDOG_USEC: '2000000',
      TMPDIR: runDir,
    };
    delete env.KIOSK24_ASSETS;
    delete env.KIOSK24_CONFIG;
    const kiosk = spawn(join(root, 'usr/bin/kiosk24'), ['start', '--config', configFile], {
      cwd: runDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    kiosk.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    kiosk.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      kiosk.once('exit', (code) => resolve(code)),
    );
    try {
      const url = await waitFor(
        () =>
          /browser host at (http:\/\/\S+)/.exec(output)?.[1] ?? (kiosk.exitCode !== null && output),
        'the installed kiosk to serve',
        30_000,
      );
      expect(url, output).toMatch(/^http:\/\//);
      await waitFor(() => notified.includes('READY=1'), 'READY=1 on the notify socket');

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(
        readFileSync(join(root, LIB, 'dist/renderer/index.html'), 'utf8'),
      );
      const bridge = await BridgeClient.connect(url, budget(10_000));
      const attract = await bridge.screen(['attract'], budget(15_000));
      expect(attract.screen.id).toBe('attract');
      await waitFor(() => notified.includes('WATCHDOG=1'), 'a watchdog ping', 10_000);

      kiosk.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      expect(notified).toContain('STOPPING=1');
    } finally {
      kiosk.kill('SIGKILL');
      listener.kill('SIGTERM');
    }
  });
});
