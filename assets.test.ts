import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assetPath, assetRoot, type Asset } from './assets.ts';

describe('the asset module', () => {
  it('finds the repository as the asset root when the sources run in place', () => {
    expect(assetRoot()).toBe(fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, ''));
  });

  // dist/ is built, not committed; the compiled CLI test covers those from a bundle.
  it.each<Asset>([
    'packageJson',
    'receiptProfiles',
    'receiptTemplates',
    'certificateTemplates',
    'certificateFont',
    'builtInFlows',
    'flowTemplate',
  ])('names a file the repository ships: %s', (asset) => {
    expect(existsSync(assetPath(asset))).toBe(true);
  });

  it('joins a file name inside a folder asset', () => {
    expect(existsSync(assetPath('receiptProfiles', 'generic-80mm-203dpi.json'))).toBe(true);
  });
});
