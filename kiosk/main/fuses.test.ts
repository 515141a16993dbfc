import { describe, expect, it } from 'vitest';
import { fuseMap, KIOSK_FUSES } from './fuses.ts';

describe('the fuses for the packaged kiosk binary', () => {
  it('switch off run-as-node, NODE_OPTIONS and the inspector, and lock the app to its checked archive', () => {
    expect(fuseMap()).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      EnableCookieEncryption: true,
    });
  });

  it('name each fuse once and say why it is set', () => {
    expect(new Set(KIOSK_FUSES.map((setting) => setting.fuse)).size).toBe(KIOSK_FUSES.length);
    for (const setting of KIOSK_FUSES) expect(setting.why.length).toBeGreaterThan(10);
  });
});
