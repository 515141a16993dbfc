import { describe, expect, it } from 'vitest';
import { childEnvironment, isNeverPassed, PASSED_NAMES, PASSED_PREFIXES } from './child-env.ts';

const hostile = {
  NODE_OPTIONS: '--require /tmp/evil.js',
  NODE_PATH: '/tmp/evil',
  ELECTRON_RUN_AS_NODE: '1',
  ELECTRON_ENABLE_LOGGING: '1',
  LD_PRELOAD: '/tmp/evil.so',
  LD_LIBRARY_PATH: '/tmp',
  DYLD_INSERT_LIBRARIES: '/tmp/evil.dylib',
  GTK_MODULES: 'evil',
  CHROME_DEVEL_SANDBOX: '/tmp/sandbox',
  AWS_SECRET_ACCESS_KEY: 'not for a browser',
  npm_config_registry: 'https://example.invalid/',
};

const wanted = {
  PATH: '/usr/bin:/bin',
  HOME: '/var/lib/kiosk24',
  DISPLAY: ':0',
  XAUTHORITY: '/run/user/999/Xauthority',
  WAYLAND_DISPLAY: 'wayland-0',
  XDG_RUNTIME_DIR: '/run/user/999',
  LANG: 'zh_CN.UTF-8',
  LC_TIME: 'zh_CN.UTF-8',
  KIOSK24_CONFIG: '/etc/kiosk24/kiosk.json',
  KIOSK24_ASSETS: '/opt/kiosk24',
  NOTIFY_SOCKET: '/run/systemd/notify',
};

describe('the environment a child process gets', () => {
  it('keeps the display, locale, paths and kiosk settings it needs', () => {
    expect(childEnvironment({ ...wanted, ...hostile })).toEqual(wanted);
  });

  it('never carries Node, Electron, loader or GTK switches, nor unrelated secrets', () => {
    const env = childEnvironment({ ...wanted, ...hostile });
    for (const name of Object.keys(hostile)) expect(env).not.toHaveProperty(name);
  });

  it('adds a name a caller asks for, but refuses one that loads code, naming it', () => {
    expect(
      childEnvironment({ ...wanted, HTTPS_PROXY: 'http://proxy:3128' }, ['HTTPS_PROXY']),
    ).toEqual({ ...wanted, HTTPS_PROXY: 'http://proxy:3128' });
    expect(() => childEnvironment(wanted, ['NODE_OPTIONS', 'LD_PRELOAD'])).toThrow(
      'cannot pass NODE_OPTIONS, LD_PRELOAD',
    );
  });

  it('reads this process environment when given none', () => {
    const env = childEnvironment();
    expect(env.PATH).toBe(process.env.PATH);
    expect(Object.keys(env).some(isNeverPassed)).toBe(false);
  });

  it('has no allowed name or prefix that the never-passed rules would catch', () => {
    expect(PASSED_NAMES.filter(isNeverPassed)).toEqual([]);
    expect(PASSED_PREFIXES.filter((prefix) => isNeverPassed(`${prefix}X`))).toEqual([]);
  });
});
