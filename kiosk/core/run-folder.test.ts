import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRunFolder, RUN_FOLDER_PREFIX } from './run-folder.ts';

const bases: string[] = [];
afterEach(() => {
  for (const base of bases.splice(0)) rmSync(base, { recursive: true, force: true });
});

function base(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-runs-test-'));
  bases.push(dir);
  return dir;
}

describe('the run folder', () => {
  it('removes what a killed run left behind and keeps a live kiosk’s folder', () => {
    const root = base();
    const deadPid = spawnSync('true').pid;
    const dead = join(root, `${RUN_FOLDER_PREFIX}${deadPid}-0badf00d`);
    mkdirSync(join(dead, 'kiosk24-a4-x'), { recursive: true });
    writeFileSync(join(dead, 'kiosk24-a4-x', 'job-1.pdf'), '王秀英');
    const other = spawn('sleep', ['30']);
    try {
      const live = join(root, `${RUN_FOLDER_PREFIX}${other.pid ?? 0}-1234abcd`);
      mkdirSync(live);
      const unrelated = join(root, 'kiosk24-runs-notes');
      mkdirSync(unrelated);

      const claimed = claimRunFolder(root);
      expect(claimed.removed).toEqual([dead]);
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(unrelated)).toBe(true);
      expect(claimed.dir.startsWith(join(root, `${RUN_FOLDER_PREFIX}${process.pid}-`))).toBe(true);
      expect(existsSync(claimed.dir)).toBe(true);
      claimed.release();
      expect(existsSync(claimed.dir)).toBe(false);
    } finally {
      other.kill();
    }
  });

  it('removes a folder an earlier process with this id left, but not one this process holds', () => {
    const root = base();
    const earlier = join(root, `${RUN_FOLDER_PREFIX}${process.pid}-0ldrun00`);
    mkdirSync(earlier);
    writeFileSync(join(earlier, 'left.pdf'), 'x');
    const first = claimRunFolder(root);
    expect(existsSync(earlier)).toBe(false);
    const second = claimRunFolder(root);
    expect(existsSync(first.dir)).toBe(true);
    expect(second.dir).not.toBe(first.dir);
    first.release();
    second.release();
  });
});
