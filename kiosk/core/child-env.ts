/**
 * The environment kiosk24 hands the programs it starts (Electron, Chromium). A child gets an
 * allow-list of the variables it needs to find a display, a locale and the kiosk's own
 * settings, and nothing else: the parent's environment is not trusted, because a variable such
 * as NODE_OPTIONS, ELECTRON_RUN_AS_NODE or LD_PRELOAD turns the kiosk's browser into a way to
 * run someone else's code. Fuses switch some of these off in the packaged Electron binary; the
 * scrub also covers the development binary, Chromium, and fuses a build forgot.
 */

/** Variables passed by exact name, each for a reason a kiosk child has. */
export const PASSED_NAMES: readonly string[] = [
  // Finding programs and the user's folders.
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  // Language and time zone of the terminal.
  'LANG',
  'LANGUAGE',
  'TZ',
  // The display: X11 (with its auth cookie) or Wayland (e.g. under the cage compositor).
  'DISPLAY',
  'XAUTHORITY',
  'WAYLAND_DISPLAY',
  'XDG_RUNTIME_DIR',
  'XDG_SESSION_TYPE',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_CACHE_HOME',
  // The session bus: Chromium reaches the OS key store (cookie encryption) through it.
  'DBUS_SESSION_BUS_ADDRESS',
  // systemd: the service watchdog and the journal, for a child that runs the core itself.
  'NOTIFY_SOCKET',
  'WATCHDOG_USEC',
  'WATCHDOG_PID',
  'JOURNAL_STREAM',
  'INVOCATION_ID',
];

/** Variables passed by prefix: the locale categories and the kiosk's own settings. */
export const PASSED_PREFIXES: readonly string[] = ['LC_', 'KIOSK24_'];

/**
 * Names never passed, whatever a caller asks for: they load code into the child (Node and
 * Electron switches, the dynamic loader's preload and search paths, GTK modules) or turn
 * Electron into a plain Node.
 */
export const NEVER_PASSED: readonly RegExp[] = [
  /^NODE_/,
  /^ELECTRON_/,
  /^LD_/,
  /^DYLD_/,
  /^GTK_MODULES$/,
  /^GTK_PATH$/,
  /^CHROME_/,
];

/** True when `name` is one a child must never see. */
export function isNeverPassed(name: string): boolean {
  return NEVER_PASSED.some((pattern) => pattern.test(name));
}

function isPassed(name: string, extra: readonly string[]): boolean {
  if (isNeverPassed(name)) return false;
  return (
    PASSED_NAMES.includes(name) ||
    extra.includes(name) ||
    PASSED_PREFIXES.some((prefix) => name.startsWith(prefix))
  );
}

/**
 * The environment for a child process: the allowed variables of `env` (default: this
 * process's), plus the `extra` names a caller needs. Asking for a name that is never passed
 * is a programming error and throws, so the mistake shows at once rather than as a leak.
 */
export function childEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  extra: readonly string[] = [],
): Record<string, string> {
  const refused = extra.filter(isNeverPassed);
  if (refused.length > 0) {
    throw new TypeError(
      `childEnvironment cannot pass ${refused.join(', ')}: these variables load code into a child process; pass the setting another way`,
    );
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && isPassed(name, extra)) out[name] = value;
  }
  return out;
}
