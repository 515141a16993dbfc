import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { looksLikeIdNumber, scrubError, summaryProblem } from './personal-data.ts';
import { tempJournal, type TempJournal } from './testing.ts';

let temp: TempJournal;
afterEach(() => temp.cleanup());

describe('Journal.open', () => {
  it('creates the folder and sets WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    temp = tempJournal();
    const { db } = temp.journal;
    expect(statSync(dirname(temp.path)).isDirectory()).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(temp.journal.integrityCheck()).toEqual(['ok']);
  });

  it('keeps what was written across a reopen', () => {
    temp = tempJournal();
    temp.journal.step('s-1', 'journey.started', { flowId: 'si-certificate' });
    expect(temp.reopen().steps('s-1')).toHaveLength(1);
  });
});

describe('steps', () => {
  it('writes each kind with its detail and the clock time, in order', () => {
    temp = tempJournal();
    const j = temp.journal;
    j.step('s-1', 'journey.started', {
      flowId: 'si-certificate',
      flowVersion: '1.2.0',
      language: 'zh-CN',
    });
    temp.clock.advance(1000);
    j.step('s-1', 'identity.method', { method: 'card' });
    j.step('s-1', 'platform.asked', { operation: 'si.certificate.query' });
    j.step('s-1', 'rating', { score: 5 });
    j.step('s-1', 'outcome', { result: 'completed' });
    j.step('s-1', 'wipe', { reason: 'ended', ok: true });
    j.step('s-2', 'journey.started', { flowId: 'other' });
    const steps = j.steps('s-1');
    expect(steps.map((s) => s.kind)).toEqual([
      'journey.started',
      'identity.method',
      'platform.asked',
      'rating',
      'outcome',
      'wipe',
    ]);
    expect(steps[0]?.detail).toEqual({
      flowId: 'si-certificate',
      flowVersion: '1.2.0',
      language: 'zh-CN',
    });
    expect(steps[1]?.at).toBe(steps[0]!.at + 1000);
  });

  it('refuses a key the kind does not allow, so a name cannot ride along', () => {
    temp = tempJournal();
    expect(() =>
      temp.journal.step('s-1', 'identity.method', { method: 'card', name: '李明华' } as never),
    ).toThrow(/identity.method detail refused.*name/);
    expect(temp.journal.steps('s-1')).toEqual([]);
  });

  it('refuses ID numbers, CJK text, long digit runs and over-long values, without echoing them', () => {
    temp = tempJournal();
    const bad = [
      { flowId: '32010619560315123X' },
      { flowId: 'flow-320102198808084526' },
      { flowId: '李明华' },
      { flowId: 'tel13912345678' },
      { flowId: 'x'.repeat(65) },
      { flowId: 'has space' },
    ];
    for (const detail of bad) {
      let message = '';
      try {
        temp.journal.step('s-1', 'journey.started', detail);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/refused/);
      expect(message).not.toContain(detail.flowId);
    }
    expect(() =>
      temp.journal.step('s-1', 'print.failed', { printId: 1, reason: '打印机 卡纸' }),
    ).toThrow(/CJK/);
    expect(() => temp.journal.step('s-1', 'rating', { score: 6 })).toThrow(/refused/);
    expect(() => temp.journal.step('s-1', 'nope' as never, {} as never)).toThrow(
      /unknown step kind/,
    );
  });

  it('refuses a session reference that could be personal data', () => {
    temp = tempJournal();
    expect(() => temp.journal.step('320102198808084526', 'rating', { score: 3 })).toThrow(
      /session reference/,
    );
    expect(() => temp.journal.step('王秀英', 'rating', { score: 3 })).toThrow(/session reference/);
  });
});

describe('personal-data guards', () => {
  it('recognises GB 11643 shapes with or without a valid checksum', () => {
    expect(looksLikeIdNumber('32010619560315123X')).toBe(true);
    expect(looksLikeIdNumber('id=32010619560315123x;')).toBe(true);
    expect(looksLikeIdNumber('320106195603151230')).toBe(true);
    expect(looksLikeIdNumber('320106********123X')).toBe(false);
  });

  it('accepts masked summaries and refuses unmasked names and numbers', () => {
    expect(summaryProblem('si-certificate 张*丰 110105********002X')).toBeNull();
    expect(summaryProblem('receipt 欧**娜 SI-2024-000123')).toBeNull();
    expect(summaryProblem('si-certificate 李明华')).toMatch(/two Han/);
    expect(summaryProblem('si-certificate 张*丰 32010619560315123X')).toMatch(/ID number/);
    expect(summaryProblem('江苏省南京市鼓楼区示例路88号')).toMatch(/two Han/);
    expect(summaryProblem('GBR320000880512')).toMatch(/digits/);
  });

  it('scrubs error text to bounded ASCII without numbers or names', () => {
    const scrubbed = scrubError(
      `HTTP 409: 320102198808084526 王秀英 already applied ${'x'.repeat(400)}`,
    );
    expect(scrubbed).not.toContain('320102198808084526');
    expect(scrubbed).not.toMatch(/王|秀|英/);
    expect(scrubbed).toContain('[number] [text]');
    expect(scrubbed.length).toBeLessThanOrEqual(200);
  });
});

describe('references', () => {
  it('accepts any UUID as a session ref or idempotency key, whatever digits it holds', () => {
    temp = tempJournal();
    const digitHeavy = '12345678-1234-4123-8123-123456789012';
    expect(() => temp.journal.step(digitHeavy, 'rating', { score: 3 })).not.toThrow();
    const entry = temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: digitHeavy });
    expect(entry.idempotencyKey).toBe(digitHeavy);
    expect(() =>
      temp.journal.enqueue('help', { reason: 'stuck' }, { idempotencyKey: 'k-32010619560315123X' }),
    ).toThrow(/ID number/);
  });
});
