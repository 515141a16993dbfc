import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { fuseMap, KIOSK_FUSES, kioskFuseConfig } from './fuses.ts';

describe('the fuses for the packaged kiosk binary', () => {
  it('switch off run-as-node, NODE_OPTIONS and the inspector, and lock the app to its checked archive', () => {
    expect(fuseMap()).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('name each fuse once and say why it is set', () => {
    expect(new Set(KIOSK_FUSES.map((setting) => setting.fuse)).size).toBe(KIOSK_FUSES.length);
    for (const setting of KIOSK_FUSES) expect(setting.why.length).toBeGreaterThan(10);
  });

  it('set every fuse @electron/fuses knows, so a new one stops packaging until decided here', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(KIOSK_FUSES.map((setting) => setting.fuse).sort()).toEqual(known.sort());
  });

  it('are handed to flipFuses as a version 1 wire with every fuse required', () => {
    expect(kioskFuseConfig()).toEqual({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.WasmTrapHandlers]: true,
    });
  });
});
