import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_PROFILES } from '../../../drivers/id-card/profiles.ts';
import { maskIdNumber, maskName } from '../privacy/mask.ts';
import { findPersonalData, personalValues, tempJournal, type TempJournal } from './testing.ts';

let temp: TempJournal;
afterEach(() => temp.cleanup());

/** Runs a day's worth of journeys, including callers that try to slip personal data in. */
function runJourneys(t: TempJournal): number {
  const j = t.journal;
  let refused = 0;
  const attempt = (write: () => unknown): void => {
    try {
      write();
    } catch {
      refused++;
    }
  };
  CARD_PROFILES.forEach((profile, i) => {
    const session = `s-${i}`;
    j.step(session, 'journey.started', { flowId: 'si-certificate', language: 'zh-CN' });
    j.step(session, 'identity.method', { method: i % 2 === 0 ? 'card' : 'qr' });
    j.step(session, 'platform.asked', { operation: 'si.certificate.query' });
    j.enqueue(
      'application',
      { flowId: 'si-certificate', operation: 'si.certificate.apply', platformRef: `APP-${i}` },
      {
        step: {
          sessionRef: session,
          kind: 'platform.asked',
          detail: { operation: 'si.certificate.apply' },
        },
      },
    );
    const summary = `si-certificate ${maskName(profile.name)} ${maskIdNumber(profile.idNumber)}`;
    const print = j.printStarted({
      sessionRef: session,
      device: 'document',
      jobId: `job-${i}`,
      summary,
    });
    if (i % 2 === 0) j.printConfirmed(print);
    else j.printFailed(print, `paperOut for ${profile.name} ${profile.idNumber}`);
    const failed = j.enqueue('rating', { flowId: 'si-certificate', score: 5, at: i });
    j.markFailed(
      failed.id,
      `HTTP 400 ${profile.idNumber} ${profile.name} ${profile.address ?? ''}`,
      t.clock.now() + 1000,
    );
    // What a careless caller might pass: each must be refused before anything is written.
    attempt(() =>
      j.step(session, 'identity.method', { method: 'card', name: profile.name } as never),
    );
    attempt(() => j.step(profile.idNumber, 'rating', { score: 4 }));
    attempt(() => j.step(session, 'outcome', { result: 'error', code: profile.idNumber }));
    attempt(() => j.enqueue('help', { reason: 'stuck', screen: profile.name }));
    attempt(() =>
      j.enqueue('application', { flowId: 'f', operation: 'apply', platformRef: profile.idNumber }),
    );
    attempt(() =>
      j.printStarted({
        sessionRef: session,
        device: 'receipt',
        jobId: 'x',
        summary: `${profile.name}`,
      }),
    );
    attempt(() =>
      j.printStarted({
        sessionRef: session,
        device: 'receipt',
        jobId: 'x',
        summary: profile.address ?? profile.idNumber,
      }),
    );
    attempt(() => j.audit('maintenance.action', { action: 'lookup', target: profile.idNumber }));
    j.step(session, 'outcome', { result: 'completed' });
    j.step(session, 'wipe', { reason: 'ended', ok: true });
  });
  return refused;
}

describe('no personal data on disk', () => {
  it('leaves no resident name, ID number or address in the database, its WAL or its shm', () => {
    temp = tempJournal();
    const refused = runJourneys(temp);
    expect(refused).toBe(CARD_PROFILES.length * 8);
    const files = [temp.path, `${temp.path}-wal`, `${temp.path}-shm`].filter((f) => existsSync(f));
    expect(files.length).toBe(3);
    expect(personalValues().length).toBeGreaterThan(10);
    // SQLite stores text as UTF-8 here; UTF-16 is checked too in case that ever changes.
    expect(findPersonalData(files)).toEqual([]);
    // And the data that should be there is: the search above looked at real rows.
    expect(readFileSync(`${temp.path}-wal`).includes(Buffer.from('si-certificate'))).toBe(true);
  });

  it('finds a resident value planted in a file, so the search above can fail', () => {
    temp = tempJournal();
    writeFileSync(
      `${temp.path}-planted`,
      Buffer.from(`x${CARD_PROFILES[0]?.name ?? ''}y`, 'utf16le'),
    );
    expect(findPersonalData([`${temp.path}-planted`])).toHaveLength(1);
  });
});
