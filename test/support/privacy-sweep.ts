import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import iconv from 'iconv-lite';
import { personalValues } from '../../kiosk/core/journal/testing.ts';

/**
 * Files larger than this are read only up to it. A kiosk's logs, journal and a browser profile
 * after a test run are far smaller; the cap only keeps a runaway file from eating the test's
 * memory, and a file that reaches it is reported so the sweep never passes by not looking.
 */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Folders are followed this deep; deeper trees are reported rather than silently skipped. */
const MAX_DEPTH = 24;

/** One place the sweep found a resident's value (the value itself is never quoted). */
export interface SweepFinding {
  file: string;
  encoding: string;
  characters: number;
}

/** Every encoding a value can reach disk in: UTF-8 (logs, SQLite), UTF-16LE (Chromium), GB18030. */
function encodings(value: string): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [
    { name: 'utf-8', bytes: Buffer.from(value, 'utf8') },
    { name: 'utf-16le', bytes: Buffer.from(value, 'utf16le') },
  ];
  const gb = iconv.encode(value, 'gb18030');
  if (!gb.equals(out[0]!.bytes)) out.push({ name: 'gb18030', bytes: gb });
  return out;
}

/**
 * Searches every regular file under `roots` (recursively, not following links) for any
 * fictional resident's name, ID or pass number or address, as bytes in every encoding the kiosk
 * or Chromium could write. `exclude` names folders that are paper, not storage (the simulated
 * A4 printer's output tray holds the certificates a resident took away).
 */
export function sweepForPersonalData(
  roots: readonly string[],
  exclude: readonly string[] = [],
  values: readonly string[] = personalValues(),
): { findings: SweepFinding[]; filesRead: number; problems: string[] } {
  const needles = values.flatMap((value) =>
    encodings(value).map((e) => ({ value, encoding: e.name, bytes: e.bytes })),
  );
  const findings: SweepFinding[] = [];
  const problems: string[] = [];
  let filesRead = 0;
  const stack = roots.map((root) => ({ path: root, depth: 0 }));
  while (stack.length > 0) {
    const { path, depth } = stack.pop()!;
    if (exclude.some((dir) => path === dir || !relative(dir, path).startsWith('..'))) continue;
    let info;
    try {
      info = lstatSync(path);
    } catch {
      continue; // removed while we looked (a browser's lock file, a finished temp file)
    }
    if (info.isDirectory()) {
      if (depth >= MAX_DEPTH) {
        problems.push(`${path}: deeper than ${MAX_DEPTH} folders, not searched`);
        continue;
      }
      for (const name of readdirSync(path))
        stack.push({ path: join(path, name), depth: depth + 1 });
      continue;
    }
    if (!info.isFile()) continue;
    if (info.size > MAX_FILE_BYTES) problems.push(`${path}: over ${MAX_FILE_BYTES} bytes, cut`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path).subarray(0, MAX_FILE_BYTES);
    } catch {
      continue;
    }
    filesRead += 1;
    for (const needle of needles) {
      if (bytes.includes(needle.bytes))
        findings.push({ file: path, encoding: needle.encoding, characters: needle.value.length });
    }
  }
  return { findings, filesRead, problems };
}
