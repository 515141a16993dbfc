/**
 * Test helpers for the journal: a journal in a fresh temporary folder on a clock the test
 * moves by hand, removed afterwards. Used by the journal's own tests and by the engineers who
 * wire it into sessions and capabilities.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD_PROFILES } from '../../../drivers/id-card/profiles.ts';
import { silentLogger } from '../log.ts';
import { seedResidents } from '../platform/sandbox/residents.ts';
import { Journal, type JournalOptions } from './journal.ts';

/** A clock that stands still until the test moves it. */
export class ManualClock {
  constructor(public ms = Date.UTC(2025, 0, 6, 9, 0, 0)) {}
  /** The current time. */
  now(): number {
    return this.ms;
  }
  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A journal in its own temporary folder; `cleanup()` closes it and removes the folder. */
export interface TempJournal {
  journal: Journal;
  dir: string;
  path: string;
  clock: ManualClock;
  reopen(): Journal;
  cleanup(): void;
}

/** Opens a journal in a new temporary folder. */
export function tempJournal(
  options: Partial<JournalOptions> & { clock?: ManualClock } = {},
): TempJournal {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-journal-'));
  const path = join(dir, 'data', 'journal.sqlite');
  const clock = options.clock ?? new ManualClock();
  const open = (): Journal => Journal.open(path, { log: silentLogger, ...options, clock });
  const temp: TempJournal = {
    journal: open(),
    dir,
    path,
    clock,
    reopen() {
      temp.journal.close();
      temp.journal = open();
      return temp.journal;
    },
    cleanup() {
      temp.journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/** Every name, ID or pass number and address of the fictional residents, from both registers. */
export function personalValues(): string[] {
  const profiles = [...CARD_PROFILES, ...seedResidents().map((r) => r.profile)];
  const values = profiles.flatMap((p) => [
    p.name,
    p.nameEn,
    p.idNumber,
    p.passNumber,
    p.address,
    p.appendedAddress,
  ]);
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= 2))];
}

/**
 * Searches files as bytes (UTF-8 and UTF-16LE) for any fictional resident's personal value;
 * returns one line per finding, naming the file and the kind of value but not the value.
 */
export function findPersonalData(files: readonly string[]): string[] {
  const values = personalValues();
  const found: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const value of values) {
      for (const encoded of [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')]) {
        if (bytes.includes(encoded))
          found.push(`${file} holds a resident value (${value.length} characters)`);
      }
    }
  }
  return found;
}
