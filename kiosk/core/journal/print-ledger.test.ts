import { afterEach, describe, expect, it } from 'vitest';
import { tempJournal, type TempJournal } from './testing.ts';

let temp: TempJournal;
afterEach(() => temp.cleanup());

const receipt = {
  sessionRef: 's-1',
  device: 'receipt',
  jobId: 'job-1',
  summary: 'si-certificate 张*丰 110105********002X',
} as const;

describe('print ledger', () => {
  it('records a job with its print.started step before it is sent, then its confirmation', () => {
    temp = tempJournal();
    const id = temp.journal.printStarted(receipt);
    expect(temp.journal.unconfirmedPrints().map((p) => p.id)).toEqual([id]);
    temp.clock.advance(3000);
    const done = temp.journal.printConfirmed(id);
    expect(done).toMatchObject({ state: 'confirmed', finishedAt: done.startedAt + 3000 });
    expect(temp.journal.unconfirmedPrints()).toEqual([]);
    expect(temp.journal.steps('s-1').map((s) => [s.kind, s.detail])).toEqual([
      ['print.started', { printId: id, device: 'receipt' }],
      ['print.confirmed', { printId: id }],
    ]);
    expect(() => temp.journal.printConfirmed(id)).toThrow(/already confirmed/);
    expect(() => temp.journal.printConfirmed(999)).toThrow(/no print 999/);
  });

  it('records a failure with a scrubbed reason', () => {
    temp = tempJournal();
    const id = temp.journal.printStarted({ ...receipt, device: 'document', jobId: 'cups-17' });
    const failed = temp.journal.printFailed(id, 'paperOut while printing 李明华');
    expect(failed).toMatchObject({ state: 'failed', failure: 'paperOut while printing [text]' });
    expect(temp.journal.steps('s-1')[1]?.detail).toEqual({
      printId: id,
      reason: 'paperOut while printing [text]',
    });
    expect(temp.journal.unconfirmedPrints()).toEqual([]);
  });

  it('shows jobs left unconfirmed by a restart until a technician resolves them, and audits that', () => {
    temp = tempJournal();
    const a = temp.journal.printStarted(receipt);
    const b = temp.journal.printStarted({ ...receipt, jobId: 'job-2' });
    const journal = temp.reopen();
    expect(journal.unconfirmedPrints().map((p) => p.jobId)).toEqual(['job-1', 'job-2']);
    expect(journal.resolvePrint(a, 'reprinted', 'tech-007')).toMatchObject({
      resolution: 'reprinted',
      resolvedBy: 'tech-007',
    });
    expect(journal.unconfirmedPrints().map((p) => p.id)).toEqual([b]);
    expect(() => journal.resolvePrint(a, 'abandoned', 'tech-007')).toThrow(
      /not awaiting resolution/,
    );
    expect(() => journal.resolvePrint(b, 'lost' as never, 'tech-007')).toThrow(/refused/);
    expect(journal.verifyAudit()).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses summaries that are not masked and fields that are not identifiers', () => {
    temp = tempJournal();
    expect(() =>
      temp.journal.printStarted({ ...receipt, summary: '王秀英 320102198808084526' }),
    ).toThrow(/refused at summary/);
    expect(() =>
      temp.journal.printStarted({ ...receipt, summary: 'si-certificate 王秀英' }),
    ).toThrow(/two Han/);
    expect(() => temp.journal.printStarted({ ...receipt, summary: 'x'.repeat(121) })).toThrow(
      /summary/,
    );
    expect(() => temp.journal.printStarted({ ...receipt, jobId: '黄家明' })).toThrow(/jobId/);
    expect(() => temp.journal.printStarted({ ...receipt, device: 'fax' as never })).toThrow(
      /device/,
    );
    expect(temp.journal.unconfirmedPrints()).toEqual([]);
    expect(temp.journal.steps('s-1')).toEqual([]);
  });
});
