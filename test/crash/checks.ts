import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CARD_PROFILES } from '../../drivers/id-card/profiles.ts';
import { Journal } from '../../kiosk/core/journal/journal.ts';
import { silentLogger } from '../../kiosk/core/log.ts';
import type { StoredRating } from '../../kiosk/core/platform/sandbox/index.ts';
import type { JourneyWitness } from './journey.ts';
import { budget } from '../support/time.ts';

/**
 * The checks of "Nothing lost" after the kill loop: every rating the journal accepted reached
 * the platform exactly once, no print is unconfirmed without maintenance knowing, the audit
 * chain and the file are sound, and no resident's data is anywhere on disk. Each check returns
 * problems as sentences (empty when all is well), so a failure reads as a report.
 */

/** An outbox rating row as the journal holds it. */
export interface OutboxRating {
  id: number;
  key: string;
  state: string;
  score: number;
}

/** The outbox's rating rows in id order, read without writing anything. */
export function outboxRatings(journalPath: string): OutboxRating[] {
  const db = new Database(journalPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT id, idempotency_key AS key, state, payload FROM outbox WHERE kind = 'rating' ORDER BY id`,
      )
      .all() as { id: number; key: string; state: string; payload: string }[];
    return rows.map((r) => ({ ...r, score: (JSON.parse(r.payload) as { score: number }).score }));
  } finally {
    db.close();
  }
}

/** The ratings the sandbox stored, in the order it received them. */
export async function sandboxRatings(platformUrl: string): Promise<StoredRating[]> {
  const response = await fetch(`${platformUrl}/sandbox/ratings`, {
    signal: AbortSignal.timeout(budget(10_000)),
  });
  if (!response.ok) throw new Error(`/sandbox/ratings answered ${response.status}`);
  return ((await response.json()) as { ratings: StoredRating[] }).ratings;
}

/** Every accepted rating at the platform exactly once; with `inOrder`, in outbox id order. */
export function ratingProblems(
  outbox: OutboxRating[],
  stored: StoredRating[],
  witness: JourneyWitness,
  inOrder: boolean,
): string[] {
  const problems: string[] = [];
  const byKey = new Map(outbox.map((r) => [r.key, r]));
  const seen = new Map<string, number>();
  for (const rating of stored) {
    const key = rating.idempotencyKey ?? '(no key)';
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!byKey.has(key))
      problems.push(
        `the platform holds rating ${rating.ratingId} whose key the journal does not know`,
      );
  }
  for (const [key, count] of seen)
    if (count > 1) problems.push(`the platform holds key ${key} ${count} times`);
  for (const row of outbox) {
    if (row.state !== 'sent') problems.push(`outbox rating ${row.id} is ${row.state}, not sent`);
    if (!seen.has(row.key)) problems.push(`outbox rating ${row.id} never reached the platform`);
  }
  // A thank-you screen means the rating was journaled: each score seen must be in the outbox.
  for (let score = 1; score <= 5; score++) {
    const thanked = witness.thanked.filter((s) => s === score).length;
    const kept = outbox.filter((r) => r.score === score).length;
    if (kept < thanked)
      problems.push(
        `${thanked} residents were thanked for score ${score} but the outbox holds ${kept}`,
      );
  }
  if (inOrder) {
    const ids = stored.map((r) => byKey.get(r.idempotencyKey ?? '')?.id ?? -1);
    ids.forEach((id, i) => {
      const before = ids[i - 1];
      if (i > 0 && before !== undefined && id < before) {
        problems.push(`the platform received outbox rating ${id} after ${before}`);
      }
    });
  }
  return problems;
}

/** Integrity, audit chain, and every unfinished print known to maintenance. */
export function journalProblems(journalPath: string, witness: JourneyWitness): string[] {
  const problems: string[] = [];
  const journal = Journal.open(journalPath, {
    clock: { now: () => Date.now() },
    log: silentLogger,
  });
  try {
    const integrity = journal.integrityCheck();
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    const audit = journal.verifyAudit();
    if (!audit.ok) problems.push(`audit chain does not verify: ${JSON.stringify(audit)}`);
    const open = journal.db
      .prepare(`SELECT id FROM prints WHERE state = 'started'`)
      .pluck()
      .all() as number[];
    const listed = new Set(journal.unconfirmedPrints().map((p) => p.id));
    for (const id of open) {
      if (!listed.has(id))
        problems.push(`print ${id} is unconfirmed but maintenance is not shown it`);
    }
    const confirmed = journal.db
      .prepare(`SELECT COUNT(*) FROM prints WHERE device = 'document' AND state = 'confirmed'`)
      .pluck()
      .get() as number;
    if (confirmed < witness.documentsTaken) {
      problems.push(
        `${witness.documentsTaken} documents were handed out but ${confirmed} are confirmed`,
      );
    }
  } finally {
    journal.close();
  }
  return problems;
}

/** The fictional residents' personal data, as the bytes it could be written in. */
function personalNeedles(): { what: string; bytes: Buffer }[] {
  const needles: { what: string; bytes: Buffer }[] = [];
  for (const profile of CARD_PROFILES) {
    const fields = {
      name: profile.name,
      idNumber: profile.idNumber,
      address: profile.address,
      appendedAddress: profile.appendedAddress,
      passNumber: profile.passNumber,
    };
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined || value.length < 3) continue;
      for (const encoding of ['utf8', 'utf16le'] as const) {
        needles.push({
          what: `${profile.id} ${field} (${encoding})`,
          bytes: Buffer.from(value, encoding),
        });
      }
    }
  }
  return needles;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true);
}

/** Files under `dirs` (and log lines) holding a resident's name, ID number or address. */
export function personalDataProblems(dirs: string[], logLines: string[] = []): string[] {
  const needles = personalNeedles();
  const problems: string[] = [];
  for (const file of dirs.flatMap(filesUnder)) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(needle.bytes)) problems.push(`${file} holds ${needle.what}`);
    }
  }
  const log = Buffer.from(logLines.join('\n'), 'utf8');
  for (const needle of needles)
    if (log.includes(needle.bytes)) problems.push(`the kiosk log holds ${needle.what}`);
  return problems;
}

/** Run folders of the given kiosk processes still in the system temp folder. */
export function systemRunFolders(pids: readonly number[]): string[] {
  const ours = new Set(pids);
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith('kiosk24-run-') && ours.has(Number(name.split('-')[2])))
    .map((name) => `run folder ${name} of a crash-test kiosk is in the system temp folder`);
}

/** Processes whose command line mentions `root` (socat children of a killed kiosk). */
export function orphanProcesses(root: string): string[] {
  try {
    const out = execFileSync('pgrep', ['-a', '-f', root], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => `process still running: ${line}`);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []; // pgrep: nothing matched
    throw error;
  }
}
