import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors.ts';

/**
 * Reads a config file and parses it by its extension. Syntax errors name the file and the
 * line, because "Unexpected token" with no place sends a technician hunting through the file.
 */

/** The file extensions the kiosk accepts, and how each is parsed. */
export const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

function syntaxError(
  file: string,
  line: number | undefined,
  detail: string,
  cause: unknown,
): ConfigError {
  const where = line === undefined ? '(file)' : `(line ${line})`;
  return new ConfigError(
    file,
    [
      {
        path: where,
        shown: undefined,
        problem: `is not valid: ${detail}`,
        allowed: 'fix the syntax at that line',
      },
    ],
    { syntax: true, cause },
  );
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * Where JSON.parse gave up. V8 reports a position for most errors but not for "Unexpected
 * token", so then the shortest prefix that fails for a reason other than running out of input
 * is searched for: its last character is the culprit.
 */
function jsonErrorOffset(text: string, message: string): number {
  const reported = /at position (\d+)/.exec(message);
  if (reported?.[1] !== undefined) return Number(reported[1]);
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (/end of JSON input/.test(reason)) return false;
      const at = /at position (\d+)/.exec(reason);
      return at?.[1] === undefined || Number(at[1]) < length;
    }
  };
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsInside(middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const detail = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '');
    throw syntaxError(file, lineOf(text, jsonErrorOffset(text, message)), detail, error);
  }
}

function parseYaml(file: string, text: string): unknown {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0].line ?? lineOf(text, first.pos[0]);
    throw syntaxError(file, line, first.message.split('\n')[0] ?? first.code, first);
  }
  return document.toJS() as unknown;
}

/** Reads and parses `file`; throws a `ConfigError` naming the file (and line) on failure. */
export function readConfigSource(file: string): unknown {
  const extension = extname(file).toLowerCase();
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ConfigError(
      file,
      [
        {
          path: '(file)',
          shown: JSON.stringify(extension === '' ? file : extension),
          problem: 'is not a config file type the kiosk reads',
          allowed: `a file ending in ${CONFIG_EXTENSIONS.join(', ')}`,
        },
      ],
      { unreadable: true },
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(
      file,
      [
        {
          path: '(file)',
          shown: undefined,
          problem: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`,
          allowed: 'a readable file, or no KIOSK24_CONFIG at all to run on the embedded defaults',
        },
      ],
      { unreadable: true, cause: error },
    );
  }
  // A BOM from Windows editors is not a syntax error worth stopping a kiosk for.
  const body = text.replace(/^\uFEFF/, '');
  return extension === '.json' ? parseJson(file, body) : parseYaml(file, body);
}
