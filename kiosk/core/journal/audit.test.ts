import { getHashes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, preferredAlgorithm } from './audit.ts';
import { tempJournal, type TempJournal } from './testing.ts';

const DAY = 24 * 60 * 60 * 1000;
let temp: TempJournal;
afterEach(() => temp.cleanup());

/** Writes one entry of every kind a caller may write; returns how many. */
function fill(t: TempJournal): number {
  const j = t.journal;
  j.audit('maintenance.entered', { method: 'pin', by: 'tech-007' });
  j.audit('pin.wrong', { attempt: 1 });
  j.audit('pin.lockout', { attempts: 5, untilMs: t.clock.now() + 900_000 });
  j.audit('maintenance.action', { action: 'printer.test', result: 'ok' });
  j.audit('flow.installed', { flowId: 'si-certificate', version: '1.3.0' });
  j.audit('flow.rolledBack', { flowId: 'si-certificate', from: '1.3.0', to: '1.2.0' });
  j.audit('config.changed', { keys: 'kiosk.id,platform.url', source: 'maintenance' });
  j.audit('maintenance.exited', { reason: 'done' });
  return 8;
}

describe('audit chain', () => {
  it('uses SM3 where OpenSSL has it, records it, and verifies a sound chain', () => {
    temp = tempJournal();
    const n = fill(temp);
    const expected = getHashes().includes('sm3') ? 'sm3' : 'sha256';
    expect(preferredAlgorithm()).toBe(expected);
    expect(
      temp.journal.db.prepare(`SELECT value FROM meta WHERE key = 'audit.algorithm'`).pluck().get(),
    ).toBe(expected);
    expect(temp.journal.verifyAudit()).toEqual({
      ok: true,
      entries: n,
      algorithm: expected,
      firstBroken: null,
    });
  });

  it('never mixes algorithms: a chain keeps the one it was created with', () => {
    temp = tempJournal();
    temp.journal.db.prepare(`UPDATE meta SET value = 'sha256' WHERE key = 'audit.algorithm'`).run();
    const journal = temp.reopen();
    journal.audit('pin.wrong', { attempt: 1 });
    expect(journal.verifyAudit()).toMatchObject({ ok: true, algorithm: 'sha256' });
  });

  it('hashes prev ‖ seq ‖ at ‖ kind ‖ canonical JSON', () => {
    temp = tempJournal();
    temp.journal.audit('pin.wrong', { attempt: 2 });
    const row = temp.journal.db.prepare('SELECT * FROM audit').get() as Record<
      string,
      string | number
    >;
    expect(row.detail).toBe('{"attempt":2}');
    expect(row.hash).toBe(
      auditHash(
        preferredAlgorithm(),
        '0'.repeat(64),
        1,
        Number(row.at),
        'pin.wrong',
        '{"attempt":2}',
      ),
    );
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,"x"]},"b":1}',
    );
  });

  it('names the first broken seq when a detail is tampered with', () => {
    temp = tempJournal();
    fill(temp);
    temp.journal.db.prepare(`UPDATE audit SET detail = '{"attempt":9}' WHERE seq = 2`).run();
    expect(temp.journal.verifyAudit()).toMatchObject({
      ok: false,
      firstBroken: { seq: 2, reason: 'hash mismatch' },
    });
  });

  it('names the first broken seq when a row is deleted', () => {
    temp = tempJournal();
    fill(temp);
    temp.journal.db.prepare('DELETE FROM audit WHERE seq = 4').run();
    expect(temp.journal.verifyAudit()).toMatchObject({
      ok: false,
      firstBroken: { seq: 5, reason: 'seq gap' },
    });
  });

  it('names the first broken seq when rows are reordered', () => {
    temp = tempJournal();
    fill(temp);
    const db = temp.journal.db;
    db.transaction(() => {
      db.prepare('UPDATE audit SET seq = -1 WHERE seq = 3').run();
      db.prepare('UPDATE audit SET seq = 3 WHERE seq = 6').run();
      db.prepare('UPDATE audit SET seq = 6 WHERE seq = -1').run();
    })();
    expect(temp.journal.verifyAudit()).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
  });

  it('finds a rewritten hash through the next entry, and a deleted oldest entry as a missing checkpoint', () => {
    temp = tempJournal();
    fill(temp);
    const db = temp.journal.db;
    db.prepare(`UPDATE audit SET hash = ? WHERE seq = 5`).run('f'.repeat(64));
    expect(temp.journal.verifyAudit().firstBroken).toEqual({ seq: 5, reason: 'hash mismatch' });
    db.prepare('DELETE FROM audit WHERE seq <= 5').run();
    expect(temp.journal.verifyAudit().firstBroken).toEqual({
      seq: 6,
      reason: 'missing checkpoint',
    });
  });

  it('prunes entries past the retention behind a checkpoint, and stays verifiable', () => {
    temp = tempJournal();
    fill(temp);
    temp.clock.advance(200 * DAY);
    temp.journal.audit('maintenance.entered', { method: 'key' });
    temp.journal.audit('maintenance.exited', { reason: 'timeout' });
    expect(temp.journal.pruneAudit()).toBe(8);
    const rows = temp.journal.db
      .prepare('SELECT seq, kind, detail FROM audit ORDER BY seq')
      .all() as { seq: number; kind: string; detail: string }[];
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [9, 'maintenance.entered'],
      [10, 'maintenance.exited'],
      [11, 'checkpoint'],
    ]);
    expect(JSON.parse(rows[2]!.detail)).toMatchObject({
      prunedThroughSeq: 8,
      prunedCount: 8,
      retainDays: 180,
    });
    expect(temp.journal.verifyAudit()).toMatchObject({ ok: true, entries: 3 });
    expect(temp.journal.pruneAudit()).toBe(0);

    // Everything old, checkpoint included: the next checkpoint still chains on.
    temp.clock.advance(200 * DAY);
    expect(temp.journal.pruneAudit(30)).toBe(3);
    expect(temp.journal.verifyAudit()).toMatchObject({ ok: true, entries: 1 });
    temp.journal.audit('pin.wrong', { attempt: 1 });
    expect(temp.journal.verifyAudit()).toMatchObject({ ok: true, entries: 2 });

    // A forged start (the checkpoint deleted) is caught.
    temp.journal.db.prepare(`DELETE FROM audit WHERE kind = 'checkpoint'`).run();
    expect(temp.journal.verifyAudit().firstBroken).toEqual({
      seq: 13,
      reason: 'missing checkpoint',
    });
  });

  it('refuses unknown kinds, caller-written checkpoints and details with personal data', () => {
    temp = tempJournal();
    expect(() => temp.journal.audit('checkpoint' as never, {} as never)).toThrow(
      /not an audit kind/,
    );
    expect(() =>
      temp.journal.audit('maintenance.entered', { method: 'pin', by: '李明华' }),
    ).toThrow(/CJK/);
    expect(() =>
      temp.journal.audit('config.changed', { keys: 'a,b', value: 'secret' } as never),
    ).toThrow(/refused/);
    expect(temp.journal.verifyAudit()).toMatchObject({ ok: true, entries: 0 });
  });
});
