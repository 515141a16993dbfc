import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listProfiles, loadProfile, loadProfileFile, ReceiptProfileError } from './profile.ts';

function profileError(run: () => unknown): ReceiptProfileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReceiptProfileError) return error;
    throw error;
  }
  throw new Error('expected a ReceiptProfileError');
}

describe('the bundled printer profiles', () => {
  it('include the 80 mm, 58 mm and Epson TM-T88 models', () => {
    expect(listProfiles()).toEqual(
      expect.arrayContaining(['generic-80mm-203dpi', 'generic-58mm-203dpi', 'epson-tm-t88']),
    );
  });

  it('give the 80 mm printer 576 dots, 48/64/24 columns, cutter, Chinese and ASB', () => {
    expect(loadProfile('generic-80mm-203dpi')).toMatchObject({
      dotsPerLine: 576,
      columns: { fontA: 48, fontB: 64, cjk: 24 },
      cutter: true,
      chinese: true,
      autoStatusBack: true,
    });
  });

  it('give the 58 mm printer 384 dots and 32/42/16 columns', () => {
    expect(loadProfile('generic-58mm-203dpi')).toMatchObject({
      dotsPerLine: 384,
      columns: { fontA: 32, fontB: 42, cjk: 16 },
    });
  });

  it('give the TM-T88 512 dots, 42/56 columns and no Chinese font', () => {
    expect(loadProfile('epson-tm-t88')).toMatchObject({
      dotsPerLine: 512,
      columns: { fontA: 42, fontB: 56 },
      chinese: false,
    });
  });
});

describe('loading a bad printer profile', () => {
  it('names the file and the key that is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-profile-'));
    try {
      const file = join(dir, 'broken.json');
      const good = loadProfile('generic-80mm-203dpi');
      writeFileSync(file, JSON.stringify({ ...good, columns: { ...good.columns, fontA: 'wide' } }));
      const error = profileError(() => loadProfileFile(file));
      expect(error.file).toBe(file);
      expect(error.key).toBe('columns.fontA');
      expect(error.message).toContain('columns.fontA');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown key rather than ignoring a typo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-profile-'));
    try {
      const file = join(dir, 'typo.json');
      writeFileSync(file, JSON.stringify({ ...loadProfile('generic-58mm-203dpi'), cuter: true }));
      expect(profileError(() => loadProfileFile(file)).message).toContain('cuter');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a profile name that is not a bundled file', () => {
    expect(profileError(() => loadProfile('no-such-printer')).file).toContain('no-such-printer');
    expect(() => loadProfile('../etc/passwd')).toThrow(ReceiptProfileError);
  });
});
