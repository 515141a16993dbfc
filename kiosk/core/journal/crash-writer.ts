/**
 * The child process of the crash test (crash.test.ts): writes steps, outbox submissions, prints
 * and audit entries as fast as it can and reports each committed id on stdout, until the test
 * SIGKILLs it mid-stream. Run: node --import tsx crash-writer.ts <journal path>.
 */
import { writeSync } from 'node:fs';
import { silentLogger } from '../log.ts';
import { Journal } from './journal.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: crash-writer.ts <journal path>');
const journal = Journal.open(path, { clock: { now: () => Date.now() }, log: silentLogger });
// Stop SQLite from folding the WAL back into the file, so what the test finds after the kill
// can only have come from replaying the WAL.
journal.db.pragma('wal_autocheckpoint = 0');

for (let i = 0; ; i++) {
  const session = `crash-${i}`;
  const step = journal.step(session, 'journey.started', { flowId: 'si-certificate' });
  const out = journal.enqueue(
    'rating',
    { flowId: 'si-certificate', score: 1 + (i % 5), at: i },
    {
      idempotencyKey: `rating-${i}`,
      step: { sessionRef: session, kind: 'rating', detail: { score: 1 + (i % 5) } },
    },
  );
  const print = journal.printStarted({
    sessionRef: session,
    device: 'receipt',
    jobId: `job-${i}`,
    summary: `receipt ${i}`,
  });
  const seq = journal.audit('maintenance.action', { action: 'crash.test', target: `n/${i}` });
  // Reported only after every write above has committed: the test may rely on each line.
  writeSync(1, `${step} ${out.id} ${print} ${seq}\n`);
}
