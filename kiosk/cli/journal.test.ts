/**
 * `kiosk24 journal verify` and `kiosk24 journal outbox`, run as a technician runs them beside a
 * kiosk that has the journal open: the audit chain verifies until a row is edited, the outbox
 * shows what is still to be sent and nothing of what was sent, a missing journal is named and
 * not created, and no input gives a stack trace.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../core/journal/migrations.ts';
import { ManualClock, tempJournal, type TempJournal } from '../core/journal/testing.ts';
import { runKiosk24 } from './testing/run-kiosk24.ts';

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A config file naming `journalPath`, written next to it. */
function configFor(temp: TempJournal): string {
  const file = join(temp.dir, 'kiosk.yaml');
  writeFileSync(file, `journal:\n  path: ${JSON.stringify(temp.path)}\n`);
  return file;
}

/**
 * A journal as a kiosk leaves it: audit entries, steps, and submissions of which one was sent,
 * one failed twice, one given up (dead) and one untouched. The recent ones are 3 h 12 min old
 * (and a few seconds, so the age is stable while the command runs).
 */
function busyJournal(): TempJournal {
  const temp = tempJournal({ clock: new ManualClock(Date.now() - DAY - 3 * HOUR - 12.5 * MINUTE) });
  const { journal, clock } = temp;
  journal.audit('maintenance.entered', { method: 'pin' });
  journal.audit('pin.wrong', { attempt: 1 });
  journal.audit('maintenance.action', { action: 'printer.selftest', result: 'ok' });
  journal.audit('maintenance.exited', { reason: 'done' });
  journal.step('session-old', 'journey.started', { flowId: 'si-payment-certificate' });
  journal.enqueue('help', { flowId: 'si-payment-certificate', reason: 'stuck' });
  clock.advance(DAY);
  journal.step('session-new', 'journey.started', { flowId: 'si-payment-certificate' });
  const sent = journal.enqueue(
    'application',
    { flowId: 'si-payment-certificate', operation: 'certificate.issue', platformRef: 'APP-7Q2' },
    { step: { sessionRef: 'session-new', kind: 'outcome', detail: { result: 'completed' } } },
  );
  const failing = journal.enqueue('rating', {
    flowId: 'si-payment-certificate',
    sessionRef: 'session-new',
    score: 5,
    at: clock.now(),
  });
  journal.enqueue('help', { reason: 'device-fault' });
  journal.markSent(sent.id);
  journal.markFailed(failing.id, 'platform unreachable (ECONNREFUSED)', clock.now() + MINUTE);
  journal.markFailed(failing.id, 'platform answered 503', clock.now() + 2 * MINUTE);
  journal.expireOutbox(12 * HOUR);
  return temp;
}

describe('kiosk24 journal verify', () => {
  let temp: TempJournal;
  let config: string;
  beforeAll(() => {
    temp = busyJournal();
    config = configFor(temp);
  });
  afterAll(() => temp.cleanup());

  it('reports a sound chain in a line, beside the kiosk that has it open', async () => {
    const run = await runKiosk24(['journal', 'verify', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^audit chain ok \(4 entries, (sm3|sha256)\)$/m);
    expect(run.stdout).toContain(temp.path);
    expect(run.stderr).toBe('');
  });

  it('prints exactly ok, entries, algorithm and firstBroken with --json', async () => {
    const run = await runKiosk24(['journal', 'verify', '--json', '--config', config]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      entries: 4,
      algorithm: temp.journal.verifyAudit().algorithm,
      firstBroken: null,
    });
  });

  it('names the first broken entry once a detail is edited, and exits 1', async () => {
    const db = new Database(temp.path);
    db.prepare('UPDATE audit SET detail = ? WHERE seq = 2').run('{"attempt":7}');
    db.close();
    const text = await runKiosk24(['journal', 'verify', '--config', config]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('audit chain BROKEN at seq 2: hash mismatch');
    expect(text.stdout + text.stderr).not.toMatch(STACK_LINE);
    const json = await runKiosk24(['journal', 'verify', '--json', '--config', config]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      entries: 4,
      firstBroken: { seq: 2, reason: 'hash mismatch' },
    });
  });
});

describe('kiosk24 journal outbox', () => {
  let temp: TempJournal;
  let config: string;
  beforeAll(() => {
    temp = busyJournal();
    config = configFor(temp);
  });
  afterAll(() => temp.cleanup());

  it('lists pending and dead submissions with their age, attempts and last error', async () => {
    const run = await runKiosk24(['journal', 'outbox', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('outbox: 2 pending, 1 dead, 1 sent');
    const lines = run.stdout.split('\n');
    const row = (id: number): string => lines.find((l) => l.startsWith(`  ${id} `)) ?? '';
    expect(row(1)).toMatch(/dead +help +1 d 3 h +0 +-$/);
    expect(row(3)).toMatch(/pending +rating +3 h 12 min +2 +platform answered 503$/);
    expect(row(4)).toMatch(/pending +help +3 h 12 min +0 +-$/);
    expect(row(2)).toBe('');
    expect(run.stdout).not.toContain('APP-7Q2');
    expect(run.stdout).not.toContain('session-new');
  });

  it('includes sent submissions with --all', async () => {
    const run = await runKiosk24(['journal', 'outbox', '--all', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}2 +sent +application +3 h 12 min +0 +-$/m);
    expect(run.stdout).not.toContain('APP-7Q2');
  });

  it('prints exactly id, kind, state, ageMs, attempts and lastError with --json', async () => {
    const run = await runKiosk24(['journal', 'outbox', '--json', '--config', config]);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(items.map((item) => Object.keys(item).sort())).toEqual(
      Array(3).fill(['ageMs', 'attempts', 'id', 'kind', 'lastError', 'state']),
    );
    expect(items.map(({ ageMs: _, ...rest }) => rest)).toEqual([
      { id: 4, kind: 'help', state: 'pending', attempts: 0, lastError: null },
      { id: 3, kind: 'rating', state: 'pending', attempts: 2, lastError: 'platform answered 503' },
      { id: 1, kind: 'help', state: 'dead', attempts: 0, lastError: null },
    ]);
    expect(items[0]?.ageMs).toBeGreaterThanOrEqual(3 * HOUR + 12 * MINUTE);
    const all = await runKiosk24(['journal', 'outbox', '--json', '--all', '--config', config]);
    expect((JSON.parse(all.stdout) as { id: number }[]).map((item) => item.id)).toEqual([
      4, 3, 2, 1,
    ]);
    expect(all.stdout).not.toContain('APP-7Q2');
  });
});

describe('kiosk24 journal on a missing journal or a bad command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-journal-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the missing file and what to do, and does not create it', async () => {
    for (const sub of ['verify', 'outbox']) {
      const run = await runKiosk24(['journal', sub], undefined, { cwd: dir });
      const path = join(dir, 'data', 'journal.sqlite');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`there is no journal at ${path}`);
      expect(run.stderr).toContain('--config');
      expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(path)).toBe(false);
      expect(existsSync(join(dir, 'data'))).toBe(false);
    }
  });

  it('reads a journal at an older schema version without migrating it', async () => {
    const file = join(dir, 'old.sqlite');
    const db = new Database(file);
    migrate(db, 2);
    db.close();
    const config = join(dir, 'old.yaml');
    writeFileSync(config, `journal:\n  path: ${JSON.stringify(file)}\n`);
    const verify = await runKiosk24(['journal', 'verify', '--json', '--config', config]);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, entries: 0, firstBroken: null });
    const outbox = await runKiosk24(['journal', 'outbox', '--config', config]);
    expect(outbox.code).toBe(0);
    expect(outbox.stdout).toContain('nothing waiting to be sent');
    const after = new Database(file, { readonly: true });
    expect(schemaVersion(after)).toBe(2);
    after.close();
  });

  it('refuses a file that is not a journal in one line', async () => {
    const file = join(dir, 'not-a-journal.sqlite');
    writeFileSync(file, 'hello, this is not SQLite\n'.repeat(100));
    const config = join(dir, 'kiosk.yaml');
    writeFileSync(config, `journal:\n  path: ${JSON.stringify(file)}\n`);
    const run = await runKiosk24(['journal', 'verify', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  });

  it('answers a bad option or subcommand with the usage and exit 2', async () => {
    for (const args of [
      ['journal', 'verify', '--bogus'],
      ['journal', 'verify', '--config'],
      ['journal', 'rewrite'],
      ['journal'],
      ['journal', 'verify', '--all'],
    ]) {
      const run = await runKiosk24(args, undefined, { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('usage: kiosk24 journal');
      expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    }
  });
});
