import { afterEach, describe, expect, it } from 'vitest';
import { tempJournal, type TempJournal } from './testing.ts';

let temp: TempJournal;
afterEach(() => temp.cleanup());

describe('outbox', () => {
  it('stores a submission with a UUID key, pending, due now', () => {
    temp = tempJournal();
    const entry = temp.journal.enqueue('rating', { flowId: 'si-certificate', score: 4, at: 0 });
    expect(entry.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry).toMatchObject({
      kind: 'rating',
      state: 'pending',
      attempts: 0,
      lastError: null,
      stepId: null,
    });
    expect(entry.nextAttemptAt).toBe(temp.clock.now());
    expect(temp.journal.nextDue()?.id).toBe(entry.id);
  });

  it('writes the causing step in the same transaction, and neither when one is refused', () => {
    temp = tempJournal();
    const entry = temp.journal.enqueue(
      'application',
      { flowId: 'si-certificate', operation: 'si.certificate.apply', platformRef: 'APP-2025-0001' },
      {
        idempotencyKey: 'apply-s-1',
        step: {
          sessionRef: 's-1',
          kind: 'platform.asked',
          detail: { operation: 'si.certificate.apply' },
        },
      },
    );
    const steps = temp.journal.steps('s-1');
    expect(steps).toHaveLength(1);
    expect(entry.stepId).toBe(steps[0]?.id);
    expect(() =>
      temp.journal.enqueue(
        'help',
        { reason: 'stuck' },
        { step: { sessionRef: 's-2', kind: 'rating', detail: { score: 9 } } },
      ),
    ).toThrow(/refused/);
    expect(temp.journal.steps('s-2')).toEqual([]);
    expect(temp.journal.outboxCounts()).toEqual({ pending: 1, sent: 0, dead: 0 });
  });

  it('returns the stored submission for a key given twice instead of sending twice', () => {
    temp = tempJournal();
    const a = temp.journal.enqueue(
      'help',
      { reason: 'stuck', screen: 'pay' },
      { idempotencyKey: 'help-1' },
    );
    const b = temp.journal.enqueue(
      'help',
      { reason: 'stuck', screen: 'pay' },
      { idempotencyKey: 'help-1' },
    );
    expect(b.id).toBe(a.id);
    expect(() =>
      temp.journal.enqueue(
        'rating',
        { flowId: 'f', score: 1, at: 0 },
        { idempotencyKey: 'help-1' },
      ),
    ).toThrow(/already used/);
  });

  it('refuses payloads with personal data or unknown keys', () => {
    temp = tempJournal();
    expect(() =>
      temp.journal.enqueue('rating', { flowId: 'f', score: 3, at: 0, comment: 'ok' } as never),
    ).toThrow(/refused/);
    expect(() =>
      temp.journal.enqueue('application', {
        flowId: 'f',
        operation: 'apply',
        platformRef: '32010619560315123X',
      }),
    ).toThrow(/ID number/);
    expect(() => temp.journal.enqueue('help', { reason: 'stuck', screen: '王秀英' })).toThrow(
      /CJK/,
    );
    expect(() => temp.journal.enqueue('nope' as never, {} as never)).toThrow(/unknown outbox kind/);
  });

  it('moves pending to sent or dead only, and lists without payloads', () => {
    temp = tempJournal();
    const j = temp.journal;
    const a = j.enqueue('rating', { flowId: 'f', score: 5, at: 0 });
    const b = j.enqueue('help', { reason: 'device-fault' });
    temp.clock.advance(60_000);
    expect(j.markFailed(b.id, 'ECONNREFUSED 13912345678 张三', temp.clock.now() + 5000)).toBe(true);
    expect(j.markSent(a.id)).toBe(true);
    expect(j.markSent(a.id)).toBe(false);
    const list = j.outboxList();
    expect(list.map((i) => [i.kind, i.state, i.attempts])).toEqual([
      ['help', 'pending', 1],
      ['rating', 'sent', 0],
    ]);
    expect(list[0]).toEqual({
      id: b.id,
      kind: 'help',
      state: 'pending',
      ageMs: 60_000,
      attempts: 1,
      lastError: 'ECONNREFUSED [number] [text]',
      nextAttemptAt: temp.clock.now() + 5000,
    });
    expect(JSON.stringify(list)).not.toContain('payload');
    expect(j.nextDue()).toBeUndefined();
    temp.clock.advance(5000);
    expect(j.nextDue()?.id).toBe(b.id);
    expect(j.expireOutbox(60_000).map((e) => e.id)).toEqual([b.id]);
    expect(j.outboxList({ state: 'dead' })).toHaveLength(1);
    expect(j.markSent(b.id)).toBe(false);
  });
});
