/**
 * `kiosk24 journal`: the technician's read-only view of the kiosk's journal. `verify` walks
 * the audit chain, `outbox` lists the submissions still to leave the kiosk. The journal is
 * opened read-only beside a running kiosk (WAL lets a reader in), and is never created or
 * migrated here. The journal holds no personal data and these commands show no payloads.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../core/config/index.ts';
import type { AuditVerification } from '../../core/journal/audit.ts';
import type { OutboxListItem } from '../../core/journal/outbox.ts';
import { JournalReadError, ReadOnlyJournal } from '../../core/journal/read-only.ts';
import type { CommandIo } from './device-args.ts';

const USAGE = `usage: kiosk24 journal verify|outbox [--config FILE] [--json] [--all]

  verify   walk the audit chain; exit 0 when it holds, 1 naming the first broken entry
  outbox   pending and dead submissions: kind, age, attempts, last error (never payloads)

  --config FILE   the kiosk's config, for journal.path (default: KIOSK24_CONFIG, else
                  data/journal.sqlite in the working directory)
  --json          verify: {"ok", "entries", "algorithm", "firstBroken"}
                  outbox: [{"id", "kind", "state", "ageMs", "attempts", "lastError"}]
  --all           outbox: include the submissions already sent

  The journal is opened read-only, so a running kiosk is not disturbed; it is never created.`;

/** How many submissions of each state the outbox view shows, newest first. */
const LIST_LIMIT = 200;

/** Exit codes: 0 done (chain holds), 1 broken chain or unreadable journal, 2 usage error. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One submission as `kiosk24 journal outbox --json` prints it. */
interface OutboxJson {
  id: number;
  kind: string;
  state: string;
  ageMs: number;
  attempts: number;
  lastError: string | null;
}

/** Runs `kiosk24 journal <subcommand> ...`; returns the exit code and never throws. */
export function journalCommand(
  args: string[],
  io: CommandIo = { out: console.log, err: console.error },
): number {
  try {
    return run(args, io);
  } catch (error) {
    // Never a stack trace for a technician: an internal fault is one line.
    io.err(`kiosk24 journal: unexpected error: ${messageOf(error)}`);
    return EXIT.failed;
  }
}

function run(args: string[], io: CommandIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`kiosk24 journal: ${messageOf(error)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const [sub, ...extra] = positionals;
  if ((sub !== 'verify' && sub !== 'outbox') || extra.length > 0) {
    const what = sub === undefined ? 'a subcommand is required' : `unknown subcommand "${sub}"`;
    io.err(`kiosk24 journal: ${extra.length > 0 ? 'too many arguments' : what}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (sub === 'verify' && values.all) {
    io.err(`kiosk24 journal: --all applies to outbox only\n\n${USAGE}`);
    return EXIT.usage;
  }

  let path: string;
  try {
    path = loadConfig(values.config).journal.path;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`kiosk24 journal: the config cannot be used:\n${error.message}`);
    return EXIT.failed;
  }
  // Checked first: opening would create the file, and a technician who named the wrong config
  // must be told so rather than shown an empty journal.
  if (!existsSync(path)) {
    io.err(
      `kiosk24 journal: there is no journal at ${path}. The kiosk creates it at its first start; ` +
        'if it has run, name its config with --config FILE (or KIOSK24_CONFIG) so journal.path points at it.',
    );
    return EXIT.failed;
  }
  let journal: ReadOnlyJournal;
  try {
    journal = ReadOnlyJournal.open(path);
  } catch (error) {
    if (!(error instanceof JournalReadError)) throw error;
    io.err(`kiosk24 journal: ${error.message}`);
    return EXIT.failed;
  }
  try {
    return sub === 'verify'
      ? verify(journal, values.json, io)
      : outbox(journal, { json: values.json, all: values.all }, io);
  } catch (error) {
    io.err(`kiosk24 journal: cannot read the journal ${path}: ${messageOf(error)}`);
    return EXIT.failed;
  } finally {
    journal.close();
  }
}

function verify(journal: ReadOnlyJournal, json: boolean, io: CommandIo): number {
  const result: AuditVerification = journal.verifyAudit();
  if (json) {
    const { ok, entries, algorithm, firstBroken } = result;
    io.out(
      JSON.stringify({
        ok,
        entries,
        algorithm,
        firstBroken:
          firstBroken === null ? null : { seq: firstBroken.seq, reason: firstBroken.reason },
      }),
    );
  } else {
    io.out(`journal ${journal.path}`);
    const size = `${result.entries} ${result.entries === 1 ? 'entry' : 'entries'}, ${result.algorithm}`;
    if (result.firstBroken === null) {
      io.out(`audit chain ok (${size})`);
    } else {
      const { seq, reason } = result.firstBroken;
      io.out(`audit chain BROKEN at seq ${seq}: ${printable(reason)} (${size})`);
      io.out(
        reason.startsWith('algorithm ')
          ? `  this runtime's OpenSSL cannot compute ${result.algorithm}; verify on one that can.`
          : `  entry ${seq} was changed, removed or reordered after it was written, and no entry ` +
              'from there on can be trusted. Keep the journal file unchanged and report it.',
      );
    }
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

function outbox(
  journal: ReadOnlyJournal,
  options: { json: boolean; all: boolean },
  io: CommandIo,
): number {
  const now = Date.now();
  const counts = journal.outboxCounts();
  const items = options.all
    ? journal.outboxList(now, { limit: LIST_LIMIT })
    : [
        ...journal.outboxList(now, { state: 'pending', limit: LIST_LIMIT }),
        ...journal.outboxList(now, { state: 'dead', limit: LIST_LIMIT }),
      ].sort((a, b) => b.id - a.id);
  if (options.json) {
    io.out(JSON.stringify(items.map(toJson)));
    return EXIT.ok;
  }
  io.out(`journal ${journal.path}`);
  io.out(`outbox: ${counts.pending} pending, ${counts.dead} dead, ${counts.sent} sent`);
  const total = options.all
    ? counts.pending + counts.dead + counts.sent
    : counts.pending + counts.dead;
  if (items.length === 0) {
    io.out(options.all ? '  the outbox is empty' : '  nothing waiting to be sent');
    return EXIT.ok;
  }
  io.out(
    table([
      ['id', 'state', 'kind', 'age', 'attempts', 'last error'],
      ...items.map((item) => [
        String(item.id),
        item.state,
        printable(item.kind),
        formatAge(item.ageMs),
        String(item.attempts),
        item.lastError === null ? '-' : printable(item.lastError),
      ]),
    ]),
  );
  if (items.length < total) io.out(`  (the newest ${items.length} of ${total} shown)`);
  return EXIT.ok;
}

/** Exactly the fields `--json` promises: the next attempt and anything else stay out. */
function toJson(item: OutboxListItem): OutboxJson {
  return {
    id: item.id,
    kind: item.kind,
    state: item.state,
    ageMs: item.ageMs,
    attempts: item.attempts,
    lastError: item.lastError,
  };
}

/** An age for people: 45 s, 12 min, 3 h 12 min, 2 d 5 h. */
function formatAge(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (minutes < 1) return `${seconds} s`;
  if (hours < 1) return `${minutes} min`;
  if (days < 1) return `${hours} h ${minutes % 60} min`;
  return `${days} d ${hours % 24} h`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows
    .map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd())
    .join('\n');
}

/** Keeps a stored string from moving the technician's cursor or colouring the terminal. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] || error.name : String(error);
}
