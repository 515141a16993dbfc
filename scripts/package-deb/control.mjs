// The DEBIAN/control fields of the kiosk24 package, and the checks that make its Node pin true.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** ELF e_machine of each Debian architecture, to check a native module was built for it. */
const ELF_MACHINE = { amd64: 62, arm64: 183, armhf: 40, i386: 3 };

/**
 * The kiosk's native modules: better-sqlite3 is compiled against one Node ABI (V8's, not
 * N-API), so the package pins Node to the major it was built with. node-hid and serialport are
 * N-API prebuilds that load under any Node from 20 on.
 */
const ABI_BOUND_MODULE = 'better-sqlite3';
const ABI_BOUND_BINARY = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/**
 * What the installed kiosk runs with besides Node: socat (simulated devices, and the sd_notify
 * sender), adduser (postinst), the C/C++ runtime and libudev/libusb the native modules link
 * against, systemd and udev for the units and rules.
 */
const DEPENDS = [
  'socat',
  'adduser',
  'libc6',
  'libstdc++6',
  'libgcc-s1 | libgcc1',
  'libudev1',
  'libusb-1.0-0',
  'systemd',
  'udev',
];

/** The UI unit's window (Chromium under cage) and the A4 printer's CUPS client. */
const RECOMMENDS = ['chromium | chromium-browser', 'cage', 'cups-client'];

/**
 * Checks that the ABI-bound native module in `root` loads in this Node and was built for
 * `debianArch`; returns the Node version range the package must depend on.
 */
export function nodeRange(root, debianArch) {
  const elf = readFileSync(join(root, ABI_BOUND_BINARY));
  const machine = elf.readUInt16LE(18);
  if (elf.readUInt32BE(0) !== 0x7f454c46 || machine !== ELF_MACHINE[debianArch]) {
    throw new Error(
      `${ABI_BOUND_BINARY} is not a ${debianArch} binary (ELF machine ${machine}). Build the package on a ${debianArch} machine: native modules cannot be cross-built here.`,
    );
  }
  try {
    const Database = createRequire(join(root, 'package.json'))(ABI_BOUND_MODULE);
    new Database(':memory:').close();
  } catch (error) {
    throw new Error(
      `${ABI_BOUND_MODULE} does not load in Node ${process.version} (${error.message.split('\n')[0]}). Package with the Node the terminals will run, after "npm rebuild ${ABI_BOUND_MODULE}".`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const floor = /^>=\s*(\d+)\.(\d+)/.exec(manifest.engines?.node ?? '');
  const major = Number(process.versions.node.split('.')[0]);
  if (floor === null) throw new Error('package.json engines.node must read ">=MAJOR.MINOR"');
  const lowest = Number(floor[1]) === major ? `${floor[1]}.${floor[2]}` : `${major}`;
  if (Number(floor[1]) > major) {
    throw new Error(`kiosk24 needs Node ${manifest.engines.node}; this is ${process.version}`);
  }
  return { lowest, below: `${major + 1}` };
}

/** DEBIAN/control as text. */
export function controlFile({ version, arch, installedKiB, node }) {
  const depends = [`nodejs (>= ${node.lowest})`, `nodejs (<< ${node.below})`, ...DEPENDS];
  return [
    'Package: kiosk24',
    `Version: ${version}`,
    `Architecture: ${arch}`,
    `Maintainer: ${process.env.KIOSK24_DEB_MAINTAINER ?? 'kiosk24 maintainers <maintainers@kiosk24.invalid>'}`,
    `Installed-Size: ${installedKiB}`,
    `Depends: ${depends.join(', ')}`,
    `Recommends: ${RECOMMENDS.join(', ')}`,
    'Section: misc',
    'Priority: optional',
    'Description: firmware-app for 7x24 government self-service terminals',
    ' kiosk24 runs a self-service terminal: residents identify with an ID card or a',
    ' phone QR code, print certificates and receipts and file applications, through',
    ' declarative flow packages. This package holds the core (kiosk24.service, with',
    ' the systemd watchdog), the touchscreen UI (kiosk24-ui.service: Electron, or',
    ' Chromium under the cage compositor) and udev rules for the terminal devices.',
    ` Node ${node.lowest} up to (not including) ${node.below} is required because the`,
    ' SQLite module is compiled for one Node ABI.',
    '',
  ].join('\n');
}
