import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { Journal } from './journal.ts';
import { ManualClock } from './testing.ts';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has reported `lines` committed rounds, then SIGKILLs it. */
function writeAndKill(path: string, lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!killed && out.split('\n').length > lines) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${err}`));
      // The last line may be cut by the kill: only whole lines were committed and reported.
      else resolve(out.split('\n').filter((line) => /^\d+ \d+ \d+ \d+$/.test(line)));
    });
  });
}

describe('crash safety', () => {
  it('keeps every committed row through a SIGKILL mid-stream, replaying the WAL', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-crash-'));
    const path = join(dir, 'journal.sqlite');
    const committed = await writeAndKill(path, 200);
    expect(committed.length).toBeGreaterThanOrEqual(200);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    // The main file alone lacks what only the WAL holds: reopening must replay it.
    const bare = join(dir, 'bare.sqlite');
    copyFileSync(path, bare);
    const bareDb = new Database(bare, { readonly: true });
    const bareSteps = (() => {
      try {
        return bareDb.prepare('SELECT COUNT(*) FROM steps').pluck().get() as number;
      } catch {
        return 0; // not even the schema left the WAL
      }
    })();
    bareDb.close();
    expect(bareSteps).toBeLessThan(committed.length);

    const journal = Journal.open(path, { clock: new ManualClock(), log: silentLogger });
    try {
      expect(journal.integrityCheck()).toEqual(['ok']);
      const db = journal.db;
      const has = (table: string, column: string, id: string): boolean =>
        db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(Number(id)) !== undefined;
      for (const line of committed) {
        const [step, outbox, print, seq] = line.split(' ') as [string, string, string, string];
        expect(has('steps', 'id', step), `step ${step}`).toBe(true);
        expect(has('outbox', 'id', outbox), `outbox ${outbox}`).toBe(true);
        expect(has('prints', 'id', print), `print ${print}`).toBe(true);
        expect(has('audit', 'seq', seq), `audit ${seq}`).toBe(true);
      }
      // The outbox row and the step that caused it committed together or not at all.
      const orphans = db
        .prepare(
          'SELECT COUNT(*) FROM outbox WHERE step_id IS NULL OR step_id NOT IN (SELECT id FROM steps)',
        )
        .pluck()
        .get();
      expect(orphans).toBe(0);
      expect(journal.verifyAudit()).toMatchObject({ ok: true });
      expect(journal.unconfirmedPrints().length).toBeGreaterThanOrEqual(committed.length);
    } finally {
      journal.close();
    }
  });
});
